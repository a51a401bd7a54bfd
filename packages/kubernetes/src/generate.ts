import { createHash } from 'node:crypto';
import { VICTORIA_METRICS, VMALERT } from '@kiln/model';
import type { Artifact } from '@kiln/model';
import { baseName, isDashboardFile, isRuleFile, layout, serialize, type Plan } from '@kiln/plan';
import { manifests } from './manifest.js';
import {
  grafanaSidecarConfigMaps,
  operatorAlertmanager,
  operatorPrometheus,
  operatorRules,
  operatorScrapeConfigs,
  operatorServiceMonitors,
  type OperatorConfig,
} from './operator.js';
import { kubernetesReadme, operatorReadme } from './readme.js';
import {
  ALERTMANAGER,
  GRAFANA,
  PROMETHEUS,
  alertmanagerObjects,
  grafanaObjects,
  kubeStateMetricsObjects,
  namespace,
  nodeExporterObjects,
  prometheusObjects,
  victoriaMetricsObjects,
  type StackConfig,
} from './stack.js';

/** The configuration files the stack deploys, as the Prometheus, Alertmanager and Grafana targets generated them. */
export interface Received {
  prometheus: readonly Artifact[];
  alertmanager: readonly Artifact[];
  grafana: readonly Artifact[];
}

const sha256 = (files: Record<string, string>[]) => {
  const h = createHash('sha256');
  for (const data of files) for (const k of Object.keys(data).sort()) h.update(`${k}\u0000${data[k]}\u0000`);
  return h.digest('hex');
};

function one(artifacts: readonly Artifact[], path: string): Artifact {
  const a = artifacts.find((x) => x.path === path);
  if (!a) throw new Error(`the Kubernetes target needs ${path}, which no target generated`);
  return a;
}

/** The dashboard provider's folder (where the dashboards ConfigMap is mounted). */
function providerPath(provider: Artifact): string {
  const path = (provider.value as { providers?: { options?: { path?: string } }[] }).providers?.[0]?.options?.path;
  if (!path) throw new Error(`${provider.path} names no dashboard folder`);
  return path;
}

/**
 * The stack's manifests under `kubernetes/`, for a site with `kubernetes`; nothing otherwise. Every
 * object is validated against the upstream schema here, in the build.
 */
export function generateKubernetes(plan: Plan, received: Received): Artifact[] {
  const { site } = plan;
  const cluster = site.kubernetes;
  if (!cluster) return [];
  const text = (artifacts: readonly Artifact[], path: string) => serialize(one(artifacts, path));
  const rules = Object.fromEntries(received.prometheus.filter((a) => isRuleFile(a.path)).map((a) => [baseName(a.path), serialize(a)]));
  const dashboards = Object.fromEntries(
    received.grafana.filter((a) => isDashboardFile(a.path)).map((a) => [baseName(a.path), serialize(a)]),
  );
  const prometheusYml = text(received.prometheus, layout.prometheus.config);
  const alertmanagerYml = text(received.alertmanager, layout.alertmanager.config);
  const grafanaDatasources = text(received.grafana, layout.grafana.datasources);
  const grafanaDashboardProvider = text(received.grafana, layout.grafana.dashboardProvider);
  const cfg: StackConfig = {
    prometheusYml,
    prometheusArgs: text(received.prometheus, layout.prometheus.args).split('\n').filter(Boolean),
    rules,
    alertmanagerYml,
    grafanaDatasources,
    grafanaDashboardProvider,
    dashboards,
    dashboardsPath: providerPath(one(received.grafana, layout.grafana.dashboardProvider)),
    checksums: {
      [PROMETHEUS]: sha256([{ 'prometheus.yml': prometheusYml }, rules]),
      [ALERTMANAGER]: sha256([{ 'alertmanager.yml': alertmanagerYml }]),
      [GRAFANA]: sha256([{ datasources: grafanaDatasources, provider: grafanaDashboardProvider }, dashboards]),
    },
  };
  if (cluster.flavour === 'operator') {
    const operatorCfg: OperatorConfig = {
      rules: Object.fromEntries(
        received.prometheus.filter((a) => isRuleFile(a.path)).map((a) => [baseName(a.path), a.value as OperatorConfig['rules'][string]]),
      ),
      alertmanagerYml,
      grafanaDatasources,
      dashboards,
    };
    const scrapeConfigs = operatorScrapeConfigs(cluster, one(received.prometheus, layout.prometheus.config).value as Record<string, never>);
    const objects = [
      namespace(cluster),
      ...operatorPrometheus(site, cluster, scrapeConfigs.length > 0),
      ...operatorAlertmanager(site, cluster, operatorCfg),
      ...operatorRules(cluster, operatorCfg.rules),
      ...operatorServiceMonitors(cluster),
      ...scrapeConfigs,
      ...grafanaSidecarConfigMaps(site, cluster, operatorCfg),
      ...kubeStateMetricsObjects(cluster),
      ...nodeExporterObjects(cluster),
    ];
    return [...manifests(objects), { path: layout.kubernetes.readme, format: 'text', value: operatorReadme(site, cluster) }];
  }
  const vm = cluster.stack.backend === 'victoriametrics';
  const scrapeYml = vm
    ? serialize({
        path: 'scrape.yml',
        format: 'yaml',
        value: scrapeSection(one(received.prometheus, layout.prometheus.config).value as Record<string, unknown>),
      })
    : '';
  if (vm) {
    cfg.checksums[VICTORIA_METRICS] = sha256([{ 'scrape.yml': scrapeYml }]);
    cfg.checksums[VMALERT] = sha256([rules]);
  }
  const objects = [
    namespace(cluster),
    ...(vm ? victoriaMetricsObjects(site, cluster, { ...cfg, scrapeYml }) : prometheusObjects(site, cluster, cfg)),
    ...alertmanagerObjects(site, cluster, cfg),
    ...grafanaObjects(cluster, cfg),
    ...kubeStateMetricsObjects(cluster),
    ...nodeExporterObjects(cluster),
  ];
  return [...manifests(objects), { path: layout.kubernetes.readme, format: 'text', value: kubernetesReadme(site, cluster) }];
}

/**
 * The scrape section of prometheus.yml, for VictoriaMetrics' `-promscrape.config`: its strict parser
 * rejects what only Prometheus reads (`rule_files`, `alerting`, `evaluation_interval`).
 */
export function scrapeSection(config: Record<string, unknown>): Record<string, unknown> {
  const { evaluation_interval: _e, ...global } = (config['global'] ?? {}) as Record<string, unknown>;
  return { global, scrape_configs: config['scrape_configs'] ?? [] };
}
