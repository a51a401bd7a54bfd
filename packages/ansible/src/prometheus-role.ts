/**
 * Variables of the `prometheus.prometheus.prometheus` role (names from the role's
 * meta/argument_specs.yml and defaults/main.yml). The role renders prometheus.yml itself from
 * `prometheus_global`, `prometheus_external_labels`, `prometheus_alertmanager_config` and
 * `prometheus_scrape_configs`; it writes each entry of `prometheus_targets` to
 * `<config dir>/file_sd/<name>.yml`, copies the rule files matched by `prometheus_alert_rules_files`
 * into `<config dir>/rules/`, and turns retention and addresses into command-line flags.
 */
import type { Artifact, ResolvedAnsibleDeploy, ResolvedPrometheusInstance, ResolvedSite } from '@kiln/model';
import { layout, listenAddress } from '@kiln/plan';
import { toVars } from './jinja.js';

interface PrometheusYml {
  global: Record<string, unknown> & { external_labels: Record<string, string> };
  alerting: { alertmanagers: unknown[]; alert_relabel_configs?: unknown[] };
  scrape_configs: (Record<string, unknown> & { file_sd_configs?: { files: string[] }[] })[];
  remote_write?: unknown[];
}

/**
 * `instance`: a replica other than the first, whose prometheus.yml is `prometheus/<id>/prometheus.yml`
 * (it names the target files `../file_sd/…`) and which listens on its own host.
 */
export function prometheusRoleVars(
  site: ResolvedSite,
  deploy: ResolvedAnsibleDeploy,
  prometheus: readonly Artifact[],
  instance?: ResolvedPrometheusInstance,
): Record<string, unknown> {
  const p = site.prometheus;
  const listen = instance ? listenAddress(instance.bind, instance.port) : listenAddress(p.bind, p.port);
  const templates = new Set<string>();
  // The role writes each `prometheus_targets` entry to `<config dir>/file_sd/<name>.yml`.
  const roleFileSd = new Map<string, string>();
  const targets: Record<string, unknown> = {};
  for (const a of prometheus) {
    const job = layout.prometheus.fileSdJob(a.path);
    if (job === undefined) continue;
    const path = `{{ prometheus_config_dir }}/file_sd/${job}.yml`;
    templates.add(path);
    roleFileSd.set(layout.prometheus.fileSdRef(job), path);
    roleFileSd.set(`../${layout.prometheus.fileSdRef(job)}`, path);
    targets[job] = a.value;
  }
  const configPath = instance ? layout.prometheus.instanceConfig(instance.id) : layout.prometheus.config;
  const yml = prometheus.find((a) => a.path === configPath)?.value as PrometheusYml | undefined;
  if (!yml) throw new Error('the Prometheus target wrote no prometheus.yml');
  const config = {
    ...yml,
    scrape_configs: yml.scrape_configs.map((job) =>
      job.file_sd_configs
        ? { ...job, file_sd_configs: job.file_sd_configs.map((sd) => ({ ...sd, files: sd.files.map((f) => roleFileSd.get(f) ?? f) })) }
        : job,
    ),
  };
  const { external_labels: externalLabels, ...global } = config.global;
  const vars = {
    prometheus_config_dir: deploy.configDir,
    ...(p.tsdbPath !== undefined && { prometheus_db_dir: p.tsdbPath }),
    prometheus_web_listen_address: listen,
    ...(p.exposedVia !== undefined && !instance && { prometheus_web_external_url: `${p.externalUrl}/` }),
    prometheus_storage_retention: p.retentionTime,
    ...(p.retentionSize !== undefined && { prometheus_storage_retention_size: p.retentionSize }),
    prometheus_global: global,
    prometheus_external_labels: externalLabels,
    prometheus_alertmanager_config: config.alerting.alertmanagers,
    ...(config.alerting.alert_relabel_configs !== undefined && { prometheus_alert_relabel_configs: config.alerting.alert_relabel_configs }),
    ...(config.remote_write !== undefined && { prometheus_remote_write: config.remote_write }),
    prometheus_scrape_configs: config.scrape_configs,
    prometheus_targets: targets,
    prometheus_alert_rules_files: [`${layout.ansible.rulesFilesDir}/*.yml`],
    // The role's default rules (its own Watchdog, InstanceDown, …) would duplicate Kiln's.
    prometheus_alert_rules: [],
  };
  return toVars(vars, templates) as Record<string, unknown>;
}
