/**
 * prometheus.yml of a Kubernetes site: Kubernetes service discovery (`kubernetes_sd_configs`) for
 * the cluster's jobs, TLS to the API server verified with the in-cluster CA and the service-account
 * token (never `insecure_skip_verify`; only VolSync's job may skip it, when the site says so), relabelling
 * written as data, the site's extra rules appended.
 */
import {
  VICTORIA_METRICS,
  VICTORIA_METRICS_PORT,
  VMALERT,
  VMALERT_PORT,
  VOLSYNC_METRICS_SERVICE,
  type Relabel,
  type ResolvedCluster,
  type ResolvedDiscoveryJob,
  type ResolvedSite,
} from '@kiln/model';
import { staticJob } from './config.js';

/** Where Kubernetes mounts a pod's service-account credentials. */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';
export const SERVICE_ACCOUNT_CA = `${SERVICE_ACCOUNT_DIR}/ca.crt`;
export const SERVICE_ACCOUNT_TOKEN = `${SERVICE_ACCOUNT_DIR}/token`;
/** The API server as pods reach it; its certificate names this host. */
export const API_SERVER = 'kubernetes.default.svc:443';
/** Service and port names the stack's own manifests use, and the discovery relies on. */
export const NODE_EXPORTER_SERVICE = 'node-exporter';
export const KUBE_STATE_METRICS_SERVICE = 'kube-state-metrics';
export const METRICS_PORT_NAME = 'metrics';
export const KSM_PORT_NAME = 'http-metrics';
/** A Kubernetes label name as service discovery spells it in `__meta_*` labels. */
const labelName = (name: string) => name.replace(/[^a-zA-Z0-9_]/g, '_');

/** A relabel rule of the model, in Prometheus' spelling. */
export function relabelConfig(r: Relabel): Record<string, unknown> {
  return {
    ...(r.sourceLabels !== undefined && { source_labels: r.sourceLabels }),
    ...(r.separator !== undefined && { separator: r.separator }),
    ...(r.regex !== undefined && { regex: r.regex }),
    ...(r.modulus !== undefined && { modulus: r.modulus }),
    ...(r.targetLabel !== undefined && { target_label: r.targetLabel }),
    ...(r.replacement !== undefined && { replacement: r.replacement }),
    ...(r.action !== undefined && { action: r.action }),
  };
}

const apiServerAuth = {
  scheme: 'https',
  tls_config: { ca_file: SERVICE_ACCOUNT_CA },
  authorization: { credentials_file: SERVICE_ACCOUNT_TOKEN },
};

const copy = (from: string, to: string): Relabel => ({ sourceLabels: [from], targetLabel: to });

/** Kiln's target relabelling of each job (before the site's own rules). */
function jobRelabel(
  job: ResolvedDiscoveryJob,
  cluster: ResolvedCluster,
): { sd: Record<string, unknown>; auth?: Record<string, unknown>; relabel: Relabel[]; honorLabels?: boolean } {
  const inStack = { role: 'endpoints', namespaces: { names: [cluster.namespace] } };
  const viaApiServer = (path: string): Relabel[] => [
    copy('__meta_kubernetes_node_name', 'node'),
    copy('__meta_kubernetes_node_name', 'instance'),
    { targetLabel: '__address__', replacement: API_SERVER },
    {
      sourceLabels: ['__meta_kubernetes_node_name'],
      regex: '(.+)',
      targetLabel: '__metrics_path__',
      replacement: `/api/v1/nodes/\${1}/proxy${path}`,
    },
  ];
  switch (job.kind) {
    case 'apiserver':
      return {
        sd: { role: 'endpoints', namespaces: { names: ['default'] } },
        auth: apiServerAuth,
        relabel: [
          {
            sourceLabels: ['__meta_kubernetes_namespace', '__meta_kubernetes_service_name', '__meta_kubernetes_endpoint_port_name'],
            regex: 'default;kubernetes;https',
            action: 'keep',
          },
        ],
      };
    case 'kubelet':
      return { sd: { role: 'node' }, auth: apiServerAuth, relabel: viaApiServer('/metrics') };
    case 'cadvisor':
      return { sd: { role: 'node' }, auth: apiServerAuth, relabel: viaApiServer('/metrics/cadvisor') };
    case 'nodeExporter':
      return {
        sd: inStack,
        relabel: [
          {
            sourceLabels: ['__meta_kubernetes_service_name', '__meta_kubernetes_endpoint_port_name'],
            regex: `${NODE_EXPORTER_SERVICE};${METRICS_PORT_NAME}`,
            action: 'keep',
          },
          copy('__meta_kubernetes_endpoint_node_name', 'node'),
          // `host` as on every Kiln site (inventory rules, dashboards, inhibitions); `instance` the node, stable across DHCP leases.
          copy('__meta_kubernetes_endpoint_node_name', 'host'),
          copy('__meta_kubernetes_endpoint_node_name', 'instance'),
        ],
      };
    case 'kubeStateMetrics':
      return {
        sd: inStack,
        // kube-state-metrics reports other objects' namespace/pod labels: keep them, not the target's.
        honorLabels: true,
        relabel: [
          {
            sourceLabels: ['__meta_kubernetes_service_name', '__meta_kubernetes_endpoint_port_name'],
            regex: `${KUBE_STATE_METRICS_SERVICE};${KSM_PORT_NAME}`,
            action: 'keep',
          },
          { targetLabel: 'instance', replacement: KUBE_STATE_METRICS_SERVICE },
        ],
      };
    case 'serviceEndpoints':
      return {
        sd: { role: 'endpoints' },
        relabel: [
          { sourceLabels: ['__meta_kubernetes_service_annotation_prometheus_io_scrape'], regex: 'true', action: 'keep' },
          { sourceLabels: ['__meta_kubernetes_service_annotation_prometheus_io_scheme'], regex: '(https?)', targetLabel: '__scheme__' },
          { sourceLabels: ['__meta_kubernetes_service_annotation_prometheus_io_path'], regex: '(.+)', targetLabel: '__metrics_path__' },
          {
            sourceLabels: ['__address__', '__meta_kubernetes_service_annotation_prometheus_io_port'],
            regex: '([^:]+)(?::\\d+)?;(\\d+)',
            targetLabel: '__address__',
            replacement: '$1:$2',
          },
          { regex: '__meta_kubernetes_service_label_(.+)', action: 'labelmap' },
          copy('__meta_kubernetes_namespace', 'kubernetes_namespace'),
          copy('__meta_kubernetes_service_name', 'kubernetes_name'),
        ],
      };
    // VolSync's metrics Service (its Helm chart's): https through kube-rbac-proxy, which accepts Prometheus'
    // service-account token (its ClusterRole may `get` /metrics); its certificate as the site says (resolve).
    case 'volsync':
      return {
        sd: { role: 'endpoints', namespaces: { names: [job.namespace ?? VOLSYNC_METRICS_SERVICE.namespace] } },
        auth: {
          scheme: 'https',
          authorization: { credentials_file: SERVICE_ACCOUNT_TOKEN },
          tls_config: job.tls?.caFile ? { ca_file: job.tls.caFile } : { insecure_skip_verify: true },
        },
        relabel: [
          {
            sourceLabels: [
              `__meta_kubernetes_service_label_${labelName(VOLSYNC_METRICS_SERVICE.label)}`,
              '__meta_kubernetes_endpoint_port_name',
            ],
            regex: `${VOLSYNC_METRICS_SERVICE.value};${VOLSYNC_METRICS_SERVICE.port}`,
            action: 'keep',
          },
        ],
      };
    case 'pods':
      return {
        sd: { role: 'pod' },
        relabel: [
          { sourceLabels: ['__meta_kubernetes_pod_annotation_prometheus_io_scrape'], regex: 'true', action: 'keep' },
          { sourceLabels: ['__meta_kubernetes_pod_annotation_prometheus_io_path'], regex: '(.+)', targetLabel: '__metrics_path__' },
          {
            sourceLabels: ['__address__', '__meta_kubernetes_pod_annotation_prometheus_io_port'],
            regex: '([^:]+)(?::\\d+)?;(\\d+)',
            targetLabel: '__address__',
            replacement: '$1:$2',
          },
          { regex: '__meta_kubernetes_pod_label_(.+)', action: 'labelmap' },
          copy('__meta_kubernetes_namespace', 'kubernetes_namespace'),
          copy('__meta_kubernetes_pod_name', 'kubernetes_pod_name'),
        ],
      };
  }
}

/** One `scrape_configs` entry per discovery job of the cluster, in the cluster's job order. */
export function kubernetesScrapeConfigs(cluster: ResolvedCluster): Record<string, unknown>[] {
  return cluster.discovery.map((job) => {
    const j = jobRelabel(job, cluster);
    return {
      job_name: job.jobName,
      ...(job.interval !== undefined && { scrape_interval: job.interval }),
      ...(j.honorLabels && { honor_labels: true }),
      ...j.auth,
      kubernetes_sd_configs: [j.sd],
      relabel_configs: [...j.relabel, ...job.relabel].map(relabelConfig),
      ...(job.metricRelabel.length > 0 && { metric_relabel_configs: job.metricRelabel.map(relabelConfig) }),
    };
  });
}

/** prometheus.yml of a Kubernetes site. Prometheus scrapes itself on localhost and Alertmanager at its Service. */
export function kubernetesPrometheusConfig(site: ResolvedSite, cluster: ResolvedCluster, ruleFiles: string[]): Record<string, unknown> {
  const p = site.prometheus;
  return {
    global: {
      scrape_interval: p.scrapeInterval,
      scrape_timeout: p.scrapeTimeout,
      evaluation_interval: p.evaluationInterval,
      external_labels: { ...p.externalLabels, cluster: cluster.name },
    },
    alerting: { alertmanagers: [{ static_configs: [{ targets: [site.alertmanager.address] }] }] },
    rule_files: ruleFiles,
    scrape_configs: [
      // The backend scrapes itself (and, with VictoriaMetrics, vmalert, which evaluates the rules).
      ...(cluster.stack.backend === 'victoriametrics'
        ? [
            { job_name: VICTORIA_METRICS, static_configs: [{ targets: [`localhost:${VICTORIA_METRICS_PORT}`] }] },
            { job_name: VMALERT, static_configs: [{ targets: [`${VMALERT}.${cluster.namespace}.svc:${VMALERT_PORT}`] }] },
          ]
        : [{ job_name: 'prometheus', static_configs: [{ targets: [`localhost:${p.port}`] }] }]),
      { job_name: 'alertmanager', static_configs: [{ targets: [site.alertmanager.address] }] },
      ...kubernetesScrapeConfigs(cluster),
      // External dependencies with their own exporters (the ceph-mgr prometheus module), one job each, named after the dependency.
      ...cluster.dependencies.flatMap((d) =>
        d.kind === 'ceph' && d.monitored ? [{ job_name: d.name, static_configs: [{ targets: d.mgrTargets }] }] : [],
      ),
      // The site's own scrape jobs (static targets or HTTP SD), as on every other site.
      ...site.scrapeJobs.map(staticJob),
    ],
  };
}

/**
 * The configuration with every `kubernetes_sd_configs` replaced by an equivalent `static_configs`
 * (one placeholder target), for parsers built without Kubernetes discovery — Debian's promtool and
 * prometheus 2.42. Everything else, relabelling included, is left for the real parser to judge.
 * `serviceAccountDir` points the CA and token files (which only exist in a pod) at throw-away copies.
 */
export function withStaticDiscovery(config: Record<string, unknown>, serviceAccountDir?: string): Record<string, unknown> {
  const jobs = (config['scrape_configs'] as Record<string, unknown>[] | undefined) ?? [];
  const moved = (file: unknown) =>
    serviceAccountDir !== undefined && typeof file === 'string' ? file.replace(SERVICE_ACCOUNT_DIR, serviceAccountDir) : file;
  return {
    ...config,
    scrape_configs: jobs.map((j) => {
      const { kubernetes_sd_configs: sd, ...rest } = j;
      const tls = rest['tls_config'] as Record<string, unknown> | undefined;
      const auth = rest['authorization'] as Record<string, unknown> | undefined;
      return {
        ...rest,
        ...(tls && { tls_config: { ...tls, ...(tls['ca_file'] !== undefined && { ca_file: moved(tls['ca_file']) }) } }),
        ...(auth && {
          authorization: { ...auth, ...(auth['credentials_file'] !== undefined && { credentials_file: moved(auth['credentials_file']) }) },
        }),
        ...(sd !== undefined && { static_configs: [{ targets: [`${String(j['job_name'])}.kubernetes-sd.invalid:443`] }] }),
      };
    }),
  };
}

/** Whether a prometheus.yml uses Kubernetes service discovery. */
export const usesKubernetesSd = (config: unknown): boolean =>
  Array.isArray((config as { scrape_configs?: unknown })?.scrape_configs) &&
  (config as { scrape_configs: Record<string, unknown>[] }).scrape_configs.some(
    (j) => j && typeof j === 'object' && 'kubernetes_sd_configs' in j,
  );

/** Where the Prometheus container finds its configuration and keeps its database (the Kubernetes target mounts them there). */
export const K8S_CONFIG_DIR = '/etc/prometheus';
export const K8S_TSDB_DIR = '/prometheus';

/** The Prometheus container's flags on Kubernetes (written as `prometheus.args`, one per line; the Deployment takes them from there). */
export function kubernetesPrometheusArgs(site: ResolvedSite, cluster: ResolvedCluster): string {
  const p = site.prometheus;
  const f = cluster.stack.prometheus.flags;
  const flags = [
    `--config.file=${K8S_CONFIG_DIR}/prometheus.yml`,
    `--storage.tsdb.path=${K8S_TSDB_DIR}`,
    `--storage.tsdb.retention.time=${p.retentionTime}`,
    ...(p.retentionSize !== undefined ? [`--storage.tsdb.retention.size=${p.retentionSize}`] : []),
    `--web.listen-address=:${p.port}`,
    ...(f.enableLifecycle ? ['--web.enable-lifecycle'] : []),
    ...(f.queryMaxConcurrency !== undefined ? [`--query.max-concurrency=${f.queryMaxConcurrency}`] : []),
    ...(f.queryTimeout !== undefined ? [`--query.timeout=${f.queryTimeout}`] : []),
  ];
  return flags.join('\n') + '\n';
}
