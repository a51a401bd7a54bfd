/**
 * One builder per container. Each returns the Compose service as a person would write it:
 * pinned image, the site's flags, ports published on the site's bind address, read-only mounts of
 * the other targets' generated files, data in a named volume (or the host path the site declares),
 * secrets by reference, a healthcheck that works inside that image, restart policy and limits.
 */
import type { ComposeComponent, ResolvedAlertmanagerMember, ResolvedComposeDeploy, ResolvedExporter, ResolvedSite } from '@kiln/model';
import { listenAddress } from '@kiln/plan';
import { CONTAINER_PORTS, DATA_DIRS, DEFAULT_IMAGES, DEFAULT_LIMITS, HEALTHCHECK_TIMING, RESTART } from './defaults.js';
import { publish } from './publish.js';
import { clusterFlags, gossipPorts } from './scale-out.js';
import type { FileSecret } from './secrets.js';

export interface ComposeService {
  image: string;
  /** `never` for images built locally (the discovery service): a pull could only fail or fetch a stranger's image. */
  pull_policy?: 'never';
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  secrets?: (string | { source: string; target: string })[];
  network_mode?: 'host';
  pid?: 'host';
  healthcheck: { test: string[] } & typeof HEALTHCHECK_TIMING;
  restart: string;
  deploy: {
    resources: {
      limits: { memory: string; cpus: number };
      reservations?: { devices: { driver: string; count: 'all'; capabilities: string[] }[] };
    };
  };
}

/** A named volume (`name` declared at the top level) or a bind mount of a host path the site declares. */
export interface DataMount {
  volume?: string;
  mount: string;
}

/** What the builders of one Docker host's project read. */
export interface ProjectContext {
  site: ResolvedSite;
  deploy: ResolvedComposeDeploy;
  /** A generated path (`prometheus/prometheus.yml`) as the Compose file mounts it (`../prometheus/prometheus.yml`). */
  ref(path: string): string;
}

const image = (ctx: ProjectContext, c: ComposeComponent) => ctx.deploy.images[c] ?? DEFAULT_IMAGES[c];
const limits = (ctx: ProjectContext, c: ComposeComponent) => ({ ...DEFAULT_LIMITS[c], ...ctx.deploy.resources[c] });
const httpCheck = (url: string) => ({ test: ['CMD', 'wget', '-q', '-O', '/dev/null', url], ...HEALTHCHECK_TIMING });
const fileSecretMounts = (secrets: readonly FileSecret[]) => secrets.map((s) => ({ source: s.name, target: s.path }));
const common = (ctx: ProjectContext, c: ComposeComponent) => ({ restart: RESTART, deploy: { resources: { limits: limits(ctx, c) } } });

/** Data kept where the site says (a host path it declares), else in a named volume of the project. */
export function dataMount(component: keyof typeof DATA_DIRS, hostPath: string | undefined): DataMount {
  const dir = DATA_DIRS[component];
  return hostPath !== undefined ? { mount: `${hostPath}:${dir}` } : { volume: `${component}-data`, mount: `${component}-data:${dir}` };
}

export interface PrometheusMounts {
  config: string;
  rulesDir?: string;
  fileSdDir?: string;
}

export function prometheusService(
  ctx: ProjectContext,
  files: PrometheusMounts,
  data: DataMount,
  secrets: readonly FileSecret[],
): ComposeService {
  const p = ctx.site.prometheus;
  const etc = '/etc/prometheus';
  return {
    image: image(ctx, 'prometheus'),
    command: [
      `--config.file=${etc}/prometheus.yml`,
      `--storage.tsdb.path=${DATA_DIRS.prometheus}`,
      `--storage.tsdb.retention.time=${p.retentionTime}`,
      ...(p.retentionSize !== undefined ? [`--storage.tsdb.retention.size=${p.retentionSize}`] : []),
      // No `--web.listen-address`: inside the container Prometheus listens on its default port on
      // every address of the container, which only the published port below reaches — and that one
      // carries the site's bind address.
      // In a container the default external URL would name the container's hostname, which alert
      // links (`generatorURL`) cannot reach: name the address users reach Prometheus at.
      `--web.external-url=${p.externalUrl}/`,
    ],
    ports: [publish(p.bind, p.port, CONTAINER_PORTS.prometheus)],
    volumes: [
      data.mount,
      `${ctx.ref(files.config)}:${etc}/prometheus.yml:ro`,
      // prometheus.yml names rule and target files relative to its own folder.
      ...(files.rulesDir !== undefined ? [`${ctx.ref(files.rulesDir)}:${etc}/rules:ro`] : []),
      ...(files.fileSdDir !== undefined ? [`${ctx.ref(files.fileSdDir)}:${etc}/file_sd:ro`] : []),
    ],
    ...(secrets.length > 0 && { secrets: fileSecretMounts(secrets) }),
    healthcheck: httpCheck(`http://127.0.0.1:${CONTAINER_PORTS.prometheus}/-/healthy`),
    ...common(ctx, 'prometheus'),
  };
}

export function alertmanagerService(
  ctx: ProjectContext,
  config: string,
  data: DataMount,
  secrets: readonly FileSecret[],
  member: ResolvedAlertmanagerMember | undefined = ctx.site.scaleOut?.alertmanagers?.[0],
): ComposeService {
  const a = member ?? ctx.site.alertmanager;
  return {
    image: image(ctx, 'alertmanager'),
    command: [
      '--config.file=/etc/alertmanager/alertmanager.yml',
      `--storage.path=${DATA_DIRS.alertmanager}`,
      // Links in notifications: the site's address, not the container's hostname.
      `--web.external-url=http://${a.address}/`,
      // One Alertmanager: no gossip cluster (an empty address turns clustering off); else the member's gossip flags.
      ...clusterFlags(ctx.site, member),
    ],
    // Its default port inside the container, published on the site's bind address and port.
    ports: [publish(a.bind, a.port, CONTAINER_PORTS.alertmanager), ...gossipPorts(member)],
    volumes: [data.mount, `${ctx.ref(config)}:/etc/alertmanager/alertmanager.yml:ro`],
    ...(secrets.length > 0 && { secrets: fileSecretMounts(secrets) }),
    healthcheck: httpCheck(`http://127.0.0.1:${CONTAINER_PORTS.alertmanager}/-/healthy`),
    ...common(ctx, 'alertmanager'),
  };
}

export const GRAFANA_ADMIN_SECRET = 'grafana-admin-password';

export interface GrafanaMounts {
  provisioningDir?: string;
  dashboardsDir?: string;
  /** Where the generated dashboard provider looks for dashboards inside the container. */
  dashboardsPath?: string;
}

export function grafanaService(
  ctx: ProjectContext,
  grafana: NonNullable<ResolvedComposeDeploy['grafana']>,
  files: GrafanaMounts,
  data: DataMount,
): ComposeService {
  const port = CONTAINER_PORTS.grafana;
  return {
    image: image(ctx, 'grafana'),
    environment: {
      // Grafana reads `<VAR>__FILE` as "the value is in this file": the password stays a secret.
      GF_SECURITY_ADMIN_PASSWORD__FILE: `/run/secrets/${GRAFANA_ADMIN_SECRET}`,
      ...(ctx.site.grafana !== undefined && { GF_SERVER_ROOT_URL: `${ctx.site.grafana.url}/` }),
    },
    ports: [publish(grafana.endpoint.bind, grafana.endpoint.port, port)],
    volumes: [
      data.mount,
      ...(files.provisioningDir !== undefined ? [`${ctx.ref(files.provisioningDir)}:/etc/grafana/provisioning:ro`] : []),
      ...(files.dashboardsDir !== undefined && files.dashboardsPath !== undefined
        ? [`${ctx.ref(files.dashboardsDir)}:${files.dashboardsPath}:ro`]
        : []),
    ],
    secrets: [GRAFANA_ADMIN_SECRET],
    healthcheck: httpCheck(`http://127.0.0.1:${port}/api/health`),
    ...common(ctx, 'grafana'),
  };
}

/**
 * The node exporter on the host's network and PID namespace with the root filesystem read-only at
 * `/host`, as its README runs it: on a bridge network its network collectors would see the
 * container's interfaces. With no ports to publish, the site's bind is its listen address.
 */
export function nodeExporterService(ctx: ProjectContext, e: ResolvedExporter): ComposeService {
  const listen = listenAddress(e.bind, e.port);
  const local = listen.startsWith('0.0.0.0:') || listen.startsWith('[::]:') ? `127.0.0.1:${e.port}` : listen;
  return {
    image: image(ctx, 'node-exporter'),
    command: ['--path.rootfs=/host', `--web.listen-address=${listen}`, ...e.collectors.map((c) => `--collector.${c}`)],
    volumes: ['/:/host:ro,rslave'],
    network_mode: 'host',
    pid: 'host',
    healthcheck: httpCheck(`http://${local}/metrics`),
    ...common(ctx, 'node-exporter'),
  };
}

/** nvidia_gpu_exporter calls nvidia-smi, which the NVIDIA container toolkit mounts for the `utility` capability. */
export function nvidiaGpuExporterService(ctx: ProjectContext, e: ResolvedExporter): ComposeService {
  const base = common(ctx, 'nvidia-gpu-exporter');
  return {
    image: image(ctx, 'nvidia-gpu-exporter'),
    ports: [publish(e.bind, e.port, CONTAINER_PORTS['nvidia-gpu-exporter'])],
    // The image is Ubuntu without wget or curl: check that the port accepts connections with bash.
    healthcheck: {
      test: ['CMD', 'bash', '-c', `exec 3<>/dev/tcp/127.0.0.1/${CONTAINER_PORTS['nvidia-gpu-exporter']}`],
      ...HEALTHCHECK_TIMING,
    },
    restart: base.restart,
    deploy: {
      resources: {
        limits: base.deploy.resources.limits,
        reservations: { devices: [{ driver: 'nvidia', count: 'all', capabilities: ['gpu', 'utility'] }] },
      },
    },
  };
}

/**
 * The Proxmox VE exporter (multi-target: Prometheus passes `?target=<node>`). Its `pve.yml` holds
 * the API token, so it is the site's file on the Docker host, mounted as a secret where the image
 * reads it by default; the image's default listen address (`[::]:9221`) is only reached through the
 * port published on the site's bind. The image is Python without wget: the healthcheck connects with it.
 */
export function pveExporterService(ctx: ProjectContext, e: ResolvedExporter): ComposeService {
  const port = CONTAINER_PORTS['pve-exporter'];
  return {
    image: image(ctx, 'pve-exporter'),
    ports: [publish(e.bind, e.port, port)],
    secrets: [{ source: PVE_EXPORTER_SECRET, target: '/etc/prometheus/pve.yml' }],
    healthcheck: {
      test: ['CMD', 'python3', '-c', `import socket; socket.create_connection(('127.0.0.1', ${port}), 4).close()`],
      ...HEALTHCHECK_TIMING,
    },
    ...common(ctx, 'pve-exporter'),
  };
}

export const PVE_EXPORTER_SECRET = 'pve-exporter-config';
export const DISCOVERY_TOKEN_SECRET = 'proxmox-discovery-token';
export const DISCOVERY_CA_SECRET = 'proxmox-discovery-ca';

/**
 * `kiln discover proxmox` from the locally built image. Inside its container it listens on every
 * address of the container (`0.0.0.0:8000`), which only the port published on the site's bind
 * reaches — as for every other container of the project. The token secret and CA are Compose
 * secrets; the flags name their paths, never their contents.
 */
export function discoveryService(ctx: ProjectContext, d: NonNullable<ResolvedComposeDeploy['discovery']>): ComposeService {
  const port = CONTAINER_PORTS.discovery;
  const secret = (name: string) => `/run/secrets/${name}`;
  return {
    image: image(ctx, 'discovery'),
    pull_policy: 'never',
    command: [
      'proxmox',
      `--api=${d.api}`,
      `--token-id=${d.tokenId}`,
      `--token-secret-file=${secret(DISCOVERY_TOKEN_SECRET)}`,
      ...(d.caFile !== undefined ? [`--ca-file=${secret(DISCOVERY_CA_SECRET)}`] : []),
      `--listen=0.0.0.0:${port}`,
      `--refresh=${d.refresh}`,
    ],
    ports: [publish(d.endpoint.bind, d.endpoint.port, port)],
    secrets: [DISCOVERY_TOKEN_SECRET, ...(d.caFile !== undefined ? [DISCOVERY_CA_SECRET] : [])],
    // The image is node:alpine: BusyBox wget is there.
    healthcheck: httpCheck(`http://127.0.0.1:${port}/healthz`),
    ...common(ctx, 'discovery'),
  };
}
