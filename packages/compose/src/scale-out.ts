/**
 * Containers of a scaled-out stack: every other Prometheus replica or shard, and every other
 * Alertmanager of the gossip cluster, each with its own generated flags and configuration.
 */
import type { ResolvedAlertmanagerMember, ResolvedPrometheusInstance, ResolvedSite } from '@kiln/model';
import { bindHost, layout } from '@kiln/plan';
import { CONTAINER_PORTS, DATA_DIRS } from './defaults.js';
import { publish } from './publish.js';
import type { ComposeService, DataMount, PrometheusMounts, ProjectContext } from './services.js';

/** The gossip port inside an Alertmanager container (its default). */
export const CONTAINER_CLUSTER_PORT = 9094;
const ETC = '/etc/prometheus';

/** Service name of an instance that is not the first: `prometheus-shard-1`, `prometheus-replica-1`. */
export const instanceService = (i: ResolvedPrometheusInstance) => `prometheus-${i.id}`;
export const memberService = (m: ResolvedAlertmanagerMember) => `alertmanager-${m.name}`;

/** The Prometheus servers besides the first and the Alertmanagers besides the first that run on `host`. */
export function scaleOutOn(site: ResolvedSite, host: string) {
  const so = site.scaleOut;
  return {
    instances: (so?.instances ?? []).slice(1).filter((i) => i.host.name === host),
    members: (so?.alertmanagers ?? []).slice(1).filter((m) => m.host.name === host),
  };
}

/** Hosts that run a Prometheus or Alertmanager besides the first ones. */
export const scaleOutHosts = (site: ResolvedSite): string[] => [
  ...(site.scaleOut?.instances ?? []).slice(1).map((i) => i.host.name),
  ...(site.scaleOut?.alertmanagers ?? []).slice(1).map((m) => m.host.name),
];

/**
 * A replica or shard: the image's own port published on the instance's address, its prometheus.yml
 * mounted in a folder of its own beside the shared `rules/` and `file_sd/` (it names them `../rules/…`).
 */
export function prometheusInstanceService(
  ctx: ProjectContext,
  base: ComposeService,
  instance: ResolvedPrometheusInstance,
  files: PrometheusMounts,
  data: DataMount,
): ComposeService {
  const config = `${ETC}/${instance.id}/prometheus.yml`;
  return {
    ...base,
    command: [
      `--config.file=${config}`,
      ...(base.command ?? []).filter((f) => !f.startsWith('--config.file=') && !f.startsWith('--web.external-url=')),
      `--web.external-url=http://${instance.address}/`,
    ],
    ports: [publish(instance.bind, instance.port, CONTAINER_PORTS.prometheus)],
    volumes: [
      data.mount,
      `${ctx.ref(layout.prometheus.instanceConfig(instance.id))}:${config}:ro`,
      ...(files.rulesDir !== undefined ? [`${ctx.ref(files.rulesDir)}:${ETC}/rules:ro`] : []),
      ...(files.fileSdDir !== undefined ? [`${ctx.ref(files.fileSdDir)}:${ETC}/file_sd:ro`] : []),
    ],
  };
}

/**
 * Gossip flags of a member inside its container: it listens on the container's default port and
 * advertises the address its peers reach, which the gossip port (TCP and UDP) is published on.
 */
export function clusterFlags(site: ResolvedSite, m: ResolvedAlertmanagerMember | undefined): string[] {
  const members = site.scaleOut?.alertmanagers;
  if (!members || !m) return ['--cluster.listen-address='];
  const byName = new Map(members.map((x) => [x.name, x]));
  return [
    `--cluster.listen-address=0.0.0.0:${CONTAINER_CLUSTER_PORT}`,
    `--cluster.advertise-address=${bindHost(m.bind)}:${m.clusterPort}`,
    ...m.peers.map((p) => `--cluster.peer=${byName.get(p)!.clusterAddress}`),
  ];
}

export const gossipPorts = (m: ResolvedAlertmanagerMember | undefined): string[] =>
  m ? [publish(m.bind, m.clusterPort, CONTAINER_CLUSTER_PORT), `${publish(m.bind, m.clusterPort, CONTAINER_CLUSTER_PORT)}/udp`] : [];

/** Data of an instance or member in a volume of its own. */
export const ownData = (component: 'prometheus' | 'alertmanager', name: string, hostPath: string | undefined): DataMount =>
  hostPath !== undefined
    ? { mount: `${hostPath}-${name}:${DATA_DIRS[component]}` }
    : { volume: `${component}-${name}-data`, mount: `${component}-${name}-data:${DATA_DIRS[component]}` };
