import { COMPOSE_EXPORTERS, type Artifact, type ResolvedComposeDeploy, type ResolvedExporter, type ResolvedSite } from '@kiln/model';
import { HEADER, isDashboardFile, isRuleFile, layout, type Plan } from '@kiln/plan';
import { composeReadme } from './readme.js';
import { instanceService, memberService, ownData, prometheusInstanceService, scaleOutHosts, scaleOutOn } from './scale-out.js';
import { fileSecrets, type FileSecret } from './secrets.js';
import {
  DISCOVERY_CA_SECRET,
  DISCOVERY_TOKEN_SECRET,
  GRAFANA_ADMIN_SECRET,
  PVE_EXPORTER_SECRET,
  discoveryService,
  pveExporterService,
  alertmanagerService,
  dataMount,
  grafanaService,
  nodeExporterService,
  nvidiaGpuExporterService,
  prometheusService,
  type ComposeService,
  type DataMount,
  type ProjectContext,
} from './services.js';

/** What runs on one Docker host of the stack. */
export interface DockerHost {
  name: string;
  prometheus: boolean;
  alertmanager: boolean;
  grafana: boolean;
  discovery: boolean;
  /** The exporters of this host that run as containers beside the stack (node, nvidia-gpu). */
  exporters: ResolvedExporter[];
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, Record<string, never>>;
  secrets?: Record<string, { file: string }>;
}

/**
 * The hosts that run a part of the stack — Prometheus', Alertmanager's and Grafana's — sorted by
 * name, each with the exporters that run beside it. A Compose file describes one Docker host.
 */
export function dockerHosts(site: ResolvedSite, deploy: ResolvedComposeDeploy): DockerHost[] {
  const grafanaHost = deploy.grafana?.service.host.name;
  const discoveryHost = deploy.discovery?.service.host.name;
  const names = new Set([
    site.prometheus.host.name,
    site.alertmanager.host.name,
    ...(grafanaHost !== undefined ? [grafanaHost] : []),
    ...scaleOutHosts(site),
    ...(discoveryHost !== undefined ? [discoveryHost] : []),
  ]);
  return [...names].sort().map((name) => ({
    name,
    prometheus: site.prometheus.host.name === name,
    alertmanager: site.alertmanager.host.name === name,
    grafana: grafanaHost === name,
    discovery: discoveryHost === name,
    exporters: (site.hosts.find((h) => h.name === name)?.exporters ?? []).filter((e) =>
      (COMPOSE_EXPORTERS as readonly string[]).includes(e.kind),
    ),
  }));
}

/**
 * A Docker Compose project for sites with `deploy.compose`: `compose/compose.yaml` (and `.env`
 * naming the project) when the stack runs on one Docker host, `compose/<host>/…` per host when it
 * spans several, and `compose/README.md`. Pure: reads the plan and the other targets' artifacts
 * (`upstream`: Prometheus, Alertmanager, Grafana), which the pipeline hands over; the Compose file
 * mounts those files from their generated paths, so nothing is written twice.
 */
export function generateCompose(plan: Plan, upstream: readonly Artifact[]): Artifact[] {
  const { site } = plan;
  const deploy = site.deploy.compose;
  if (!deploy) return [];
  const hosts = dockerHosts(site, deploy);
  const files = upstreamFiles(upstream);
  const out: Artifact[] = [];
  for (const host of hosts) {
    const key = hosts.length === 1 ? undefined : host.name;
    const ctx: ProjectContext = { site, deploy, ref: (path) => layout.compose.mountRef(key, path) };
    out.push({ path: layout.compose.file(key), format: 'yaml', value: composeFile(ctx, host, files) });
    out.push({ path: layout.compose.env(key), format: 'text', value: `# ${HEADER}\nCOMPOSE_PROJECT_NAME=kiln-${site.name}\n` });
  }
  out.push({ path: layout.compose.readme, format: 'text', value: composeReadme(site, deploy, hosts, files) });
  return out;
}

/** The other targets' files the containers mount, and the secret files their configuration reads. */
export interface UpstreamFiles {
  prometheus: { config: string; rulesDir?: string; fileSdDir?: string; secrets: FileSecret[] };
  alertmanager: { config: string; secrets: FileSecret[] };
  grafana: { provisioningDir?: string; dashboardsDir?: string; dashboardsPath?: string };
}

function upstreamFiles(upstream: readonly Artifact[]): UpstreamFiles {
  const find = (path: string) => upstream.find((a) => a.path === path);
  const prometheusYml = find(layout.prometheus.config);
  const alertmanagerYml = find(layout.alertmanager.config);
  if (!prometheusYml || !alertmanagerYml)
    throw new Error("the Compose target needs the Prometheus and Alertmanager targets' output (prometheus.yml, alertmanager.yml)");
  const provider = find(layout.grafana.dashboardProvider)?.value as { providers?: { options?: { path?: string } }[] } | undefined;
  const dashboardsPath = provider?.providers?.[0]?.options?.path;
  const has = (test: (path: string) => boolean) => upstream.some((a) => test(a.path));
  return {
    prometheus: {
      config: layout.prometheus.config,
      ...(has(isRuleFile) && { rulesDir: layout.prometheus.rulesDir }),
      ...(has((p) => layout.prometheus.fileSdJob(p) !== undefined) && { fileSdDir: layout.prometheus.fileSdDir }),
      secrets: fileSecrets(prometheusYml.value),
    },
    alertmanager: { config: layout.alertmanager.config, secrets: fileSecrets(alertmanagerYml.value) },
    grafana: {
      ...(has((p) => p.startsWith(`${layout.grafana.provisioningDir}/`)) && { provisioningDir: layout.grafana.provisioningDir }),
      ...(has(isDashboardFile) && dashboardsPath !== undefined && { dashboardsDir: layout.grafana.dashboardsDir, dashboardsPath }),
    },
  };
}

function composeFile(ctx: ProjectContext, host: DockerHost, files: UpstreamFiles): ComposeFile {
  const services: Record<string, ComposeService> = {};
  const volumes = new Set<string>();
  const secrets = new Map<string, string>();
  const data = (d: DataMount) => {
    if (d.volume !== undefined) volumes.add(d.volume);
    return d;
  };
  const useSecrets = (list: readonly FileSecret[]) => {
    for (const s of list) {
      const other = secrets.get(s.name);
      if (other !== undefined && other !== s.path)
        throw new Error(`secret files ${other} and ${s.path} map to one Compose secret name \`${s.name}\`; rename one of them`);
      secrets.set(s.name, s.path);
    }
    return list;
  };
  const { site, deploy } = ctx;
  if (host.alertmanager) {
    services['alertmanager'] = alertmanagerService(
      ctx,
      files.alertmanager.config,
      data(dataMount('alertmanager', undefined)),
      useSecrets(files.alertmanager.secrets),
    );
  }
  if (host.grafana && deploy.grafana) {
    // Grafana's state goes where the site says its service keeps it, else in a named volume.
    const dataPath = deploy.grafana.service.dataPaths[0];
    services['grafana'] = grafanaService(ctx, deploy.grafana, files.grafana, data(dataMount('grafana', dataPath)));
    secrets.set(GRAFANA_ADMIN_SECRET, deploy.grafana.adminPasswordFile);
  }
  if (host.discovery && deploy.discovery) {
    services['discovery'] = discoveryService(ctx, deploy.discovery);
    secrets.set(DISCOVERY_TOKEN_SECRET, deploy.discovery.tokenSecretFile);
    if (deploy.discovery.caFile !== undefined) secrets.set(DISCOVERY_CA_SECRET, deploy.discovery.caFile);
  }
  for (const e of host.exporters) {
    if (e.kind === 'pve') {
      // The model requires `pveExporter` whenever a Docker host runs the pve exporter.
      if (deploy.pveExporter === undefined) continue;
      services['pve-exporter'] = pveExporterService(ctx, e);
      secrets.set(PVE_EXPORTER_SECRET, deploy.pveExporter.configFile);
      continue;
    }
    services[`${e.kind}-exporter`] = e.kind === 'node' ? nodeExporterService(ctx, e) : nvidiaGpuExporterService(ctx, e);
  }
  if (host.prometheus) {
    services['prometheus'] = prometheusService(
      ctx,
      files.prometheus,
      data(dataMount('prometheus', site.prometheus.tsdbPath)),
      useSecrets(files.prometheus.secrets),
    );
  }
  // Replicas and shards besides the first, and the other members of the Alertmanager cluster.
  const more = scaleOutOn(site, host.name);
  for (const i of more.instances) {
    const base = prometheusService(ctx, files.prometheus, dataMount('prometheus', undefined), useSecrets(files.prometheus.secrets));
    services[instanceService(i)] = prometheusInstanceService(
      ctx,
      base,
      i,
      files.prometheus,
      data(ownData('prometheus', i.id, site.prometheus.tsdbPath)),
    );
  }
  for (const m of more.members) {
    const service = alertmanagerService(
      ctx,
      files.alertmanager.config,
      data(ownData('alertmanager', m.name, undefined)),
      useSecrets(files.alertmanager.secrets),
      m,
    );
    services[memberService(m)] = service;
  }
  const sortedKeys = <T>(record: Record<string, T>): Record<string, T> =>
    Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
  return {
    services: sortedKeys(services),
    ...(volumes.size > 0 && { volumes: Object.fromEntries([...volumes].sort().map((v) => [v, {}])) }),
    ...(secrets.size > 0 && { secrets: sortedKeys(Object.fromEntries([...secrets].map(([name, file]) => [name, { file }]))) }),
  };
}
