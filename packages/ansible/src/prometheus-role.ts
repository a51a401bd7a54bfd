/**
 * Variables of the `prometheus.prometheus.prometheus` role (names from the role's
 * meta/argument_specs.yml and defaults/main.yml). The role renders prometheus.yml itself from
 * `prometheus_global`, `prometheus_external_labels`, `prometheus_alertmanager_config` and
 * `prometheus_scrape_configs`; it writes each entry of `prometheus_targets` to
 * `<config dir>/file_sd/<name>.yml`, copies the rule files matched by `prometheus_alert_rules_files`
 * into `<config dir>/rules/`, and turns retention and addresses into command-line flags.
 */
import type { ResolvedAnsibleDeploy, ResolvedSite } from '@kiln/model';
import { fileSd, prometheusConfig } from '@kiln/prometheus';
import { toVars } from './jinja.js';
import { listenOn } from './listen.js';

/**
 * Where the rule files go beside the playbook (`files/` is on the search path of the role's copy
 * task). Rule files are `.yml`: the role loads `rules/*.yml` since it dropped the old `.rules`
 * format (prometheus-community/ansible#333).
 */
export const RULES_FILES_DIR = 'prometheus/rules';

export function prometheusRoleVars(site: ResolvedSite, deploy: ResolvedAnsibleDeploy): Record<string, unknown> {
  const p = site.prometheus;
  const templates = new Set<string>();
  const fileSdPath = (job: string) => {
    const path = `{{ prometheus_config_dir }}/file_sd/${job}.yml`;
    templates.add(path);
    return path;
  };
  const config = prometheusConfig(site, [], fileSdPath) as {
    global: Record<string, unknown> & { external_labels: Record<string, string> };
    alerting: { alertmanagers: unknown[] };
    scrape_configs: unknown[];
  };
  const { external_labels: externalLabels, ...global } = config.global;
  const vars = {
    prometheus_config_dir: deploy.configDir,
    ...(p.tsdbPath !== undefined && { prometheus_db_dir: p.tsdbPath }),
    prometheus_web_listen_address: listenOn(p.bind, p.port),
    ...(p.exposedVia !== undefined && { prometheus_web_external_url: `${p.externalUrl}/` }),
    prometheus_storage_retention: p.retentionTime,
    ...(p.retentionSize !== undefined && { prometheus_storage_retention_size: p.retentionSize }),
    prometheus_global: global,
    prometheus_external_labels: externalLabels,
    prometheus_alertmanager_config: config.alerting.alertmanagers,
    prometheus_scrape_configs: config.scrape_configs,
    prometheus_targets: Object.fromEntries(fileSd(site)),
    prometheus_alert_rules_files: [`${RULES_FILES_DIR}/*.yml`],
    // The role's default rules (its own Watchdog, InstanceDown, …) would duplicate Kiln's.
    prometheus_alert_rules: [],
  };
  return toVars(vars, templates) as Record<string, unknown>;
}
