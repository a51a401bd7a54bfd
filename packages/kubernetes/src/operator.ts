/**
 * The operator flavour: the stack as prometheus-operator resources (monitoring.coreos.com/v1), for a
 * cluster running the operator and kube-prometheus-stack's Grafana. Prometheus and Alertmanager are
 * custom resources; Kiln's rule files become PrometheusRules (the same groups, byte for byte the same
 * rules), its scrape jobs ServiceMonitors that keep the job names and labels Kiln's rules and
 * dashboards select, alertmanager.yml the Alertmanager's configuration Secret, and the dashboards and
 * datasources ConfigMaps for the Grafana sidecar. Node exporter and kube-state-metrics are Kiln's own
 * workloads, as in the manifests flavour.
 *
 * Why the configuration Secret and not AlertmanagerConfig: the operator scopes every
 * AlertmanagerConfig route to its namespace (it adds a `namespace` matcher), while Kiln's routes,
 * inhibitions and routing tests are cluster-wide; the Secret carries exactly the alertmanager.yml
 * amtool checked. It references the receivers' credentials by file (`*_file`), never inline.
 */
import {
  VOLSYNC_METRICS_SERVICE,
  type Relabel,
  type ResolvedCluster,
  type ResolvedDiscoveryJob,
  type ResolvedSite,
  type ResolvedVolume,
} from '@kiln/model';
import { Alertmanager } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/Alertmanager';
import type { IEndpoint } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/Endpoint';
import { Prometheus } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/Prometheus';
import { PodMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor';
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import type { IRelabelConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/RelabelConfig';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { ScrapeConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/ScrapeConfig';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import type { KubeObject } from './manifest.js';
import { NOBODY, affinity, labels, podSecurity, resources, selectorOf } from './meta.js';
import { ALERTMANAGER, KUBE_STATE_METRICS, NODE_EXPORTER, PROMETHEUS, discoveryRbac, ingress, meta } from './stack.js';

/** The label every PrometheusRule, ServiceMonitor and PodMonitor of the site carries, and the Prometheus selects them by. */
export const SELECTOR_LABEL = 'kiln.dev/prometheus';
/** What kube-prometheus-stack's Grafana sidecar watches (its chart defaults): ConfigMaps with these labels set to "1". */
export const DASHBOARD_LABEL = 'grafana_dashboard';
export const DATASOURCE_LABEL = 'grafana_datasource';
/** The sidecar's folder annotation (`sidecar.dashboards.folderAnnotation`), when the chart enables it. */
export const FOLDER_ANNOTATION = 'grafana_folder';
/** The key of the Alertmanager configuration in its Secret, as the operator reads it. */
export const ALERTMANAGER_CONFIG_KEY = 'alertmanager.yaml';
/** The container port name the operator gives Prometheus and Alertmanager. */
const OPERATOR_PORT = 'web';
/** The Service the operator keeps for the kubelets (`--kubelet-service`, on in kube-prometheus-stack). */
const KUBELET_SERVICE = { namespace: 'kube-system', labels: { 'app.kubernetes.io/name': 'kubelet' }, port: 'https-metrics' };
const SERVICE_ACCOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';
const API_SERVER = 'kubernetes.default.svc:443';

export interface OperatorConfig {
  /** Rule file name → its parsed value (`{ groups: [...] }`), as the Prometheus target generated it. */
  rules: Record<string, { groups: unknown[] }>;
  alertmanagerYml: string;
  grafanaDatasources: string;
  /** Dashboard file name (`<uid>.json`) → its JSON. */
  dashboards: Record<string, string>;
}

/** The name of the Alertmanager configuration Secret the operator reads (`alertmanager-<name>`). */
export const alertmanagerSecretName = (cluster: ResolvedCluster) => `${ALERTMANAGER}-${cluster.name}`;

const tagOf = (image: string) => /:([^:@/]+)(@|$)/.exec(image)?.[1];

function claim(v: ResolvedVolume) {
  return {
    volumeClaimTemplate: {
      // kubernetes-models' schema demands these two (the CRD has them as optional free strings, which the operator
      // ignores); they are validated here and left out of the file by `withoutClaimTypeMeta`.
      apiVersion: 'monitoring.coreos.com/v1' as const,
      kind: 'EmbeddedPersistentVolumeClaim' as const,
      spec: { accessModes: ['ReadWriteOnce' as const], storageClassName: v.storageClass, resources: { requests: { storage: v.size } } },
    },
  };
}

/** The object as validated, written without the claim template's TypeMeta that only the model's schema asks for. */
function withoutClaimTypeMeta(o: Prometheus | Alertmanager): KubeObject {
  return {
    apiVersion: o.apiVersion,
    kind: o.kind,
    metadata: o.metadata,
    validate: () => o.validate(),
    toJSON: () => {
      const data = JSON.parse(JSON.stringify(o.toJSON())) as { spec: { storage?: { volumeClaimTemplate?: Record<string, unknown> } } };
      const t = data.spec.storage?.volumeClaimTemplate;
      if (t) {
        delete t['apiVersion'];
        delete t['kind'];
      }
      return data;
    },
  };
}

const relabel = (r: Relabel): IRelabelConfig => ({ ...r });
const copy = (from: string, to: string): IRelabelConfig => ({ sourceLabels: [from], targetLabel: to });
const setJob = (job: string): IRelabelConfig => ({ targetLabel: 'job', replacement: job });
/**
 * The target labels the operator adds to every ServiceMonitor and PodMonitor target (`namespace`,
 * `service`, `pod`, `container`, `endpoint`), dropped so targets carry the labels of the manifests
 * flavour's jobs: series keep their identity across pod restarts, and the kubelet's and cAdvisor's own
 * `namespace`/`pod`/`container` labels are not renamed `exported_*`.
 */
const OPERATOR_TARGET_LABELS: IRelabelConfig = { action: 'labeldrop', regex: '(namespace|service|pod|container|endpoint)' };
/** A ServiceMonitor target in every namespace. */
const ANY = '*';
/** `__address__` with the port the `prometheus.io/port` annotation names. */
const annotatedPort = (of: 'service' | 'pod'): IRelabelConfig => ({
  sourceLabels: ['__address__', `__meta_kubernetes_${of}_annotation_prometheus_io_port`],
  regex: '([^:]+)(?::\\d+)?;(\\d+)',
  targetLabel: '__address__',
  replacement: '$1:$2',
});

/** Prometheus (the custom resource), its RBAC, the Service Grafana and the alert links use, and its own ServiceMonitor. */
export function operatorPrometheus(site: ResolvedSite, cluster: ResolvedCluster, scrapeConfigs = false): KubeObject[] {
  const ns = cluster.namespace;
  const c = cluster.stack.prometheus;
  const p = site.prometheus;
  const selector = { matchLabels: { [SELECTOR_LABEL]: cluster.name } };
  const version = tagOf(c.image);
  return [
    // The kubelet and cAdvisor are read through the API server's node proxy (as in the manifests flavour): the kubelets' own certificates are not the cluster CA's.
    ...discoveryRbac(ns, PROMETHEUS, [{ apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['get', 'list', 'watch'] }]),
    withoutClaimTypeMeta(
      new Prometheus({
        metadata: meta(cluster.name, ns, PROMETHEUS, 'server', c.image),
        spec: {
          replicas: c.replicas,
          image: c.image,
          ...(version !== undefined && { version }),
          serviceAccountName: PROMETHEUS,
          securityContext: podSecurity(NOBODY),
          ...(affinity(c.placement) && { affinity: affinity(c.placement) }),
          resources: resources(c.resources),
          retention: p.retentionTime,
          ...(p.retentionSize !== undefined && { retentionSize: p.retentionSize }),
          storage: claim(c.storage),
          scrapeInterval: p.scrapeInterval,
          scrapeTimeout: p.scrapeTimeout,
          evaluationInterval: p.evaluationInterval,
          externalLabels: { ...p.externalLabels, cluster: cluster.name },
          ...((c.flags.queryMaxConcurrency !== undefined || c.flags.queryTimeout !== undefined) && {
            query: {
              ...(c.flags.queryMaxConcurrency !== undefined && { maxConcurrency: c.flags.queryMaxConcurrency }),
              ...(c.flags.queryTimeout !== undefined && { timeout: c.flags.queryTimeout }),
            },
          }),
          ruleSelector: selector,
          serviceMonitorSelector: selector,
          // ServiceMonitors and PodMonitors of the site's apps may live in the apps' namespaces; the label selects them.
          serviceMonitorNamespaceSelector: {},
          podMonitorSelector: selector,
          podMonitorNamespaceSelector: {},
          // Only with ScrapeConfigs to select: operators older than 0.65 do not know the field.
          ...(scrapeConfigs && { scrapeConfigSelector: selector, scrapeConfigNamespaceSelector: {} }),
          alerting: { alertmanagers: [{ namespace: ns, name: ALERTMANAGER, port: 'http', apiVersion: 'v2' }] },
        },
      }),
    ),
    operatorService(ns, PROMETHEUS, cluster, p.port),
    ...ingress(ns, PROMETHEUS, c.exposure, p.port),
    serviceMonitor(cluster, PROMETHEUS, { namespace: ns, labels: selectorOf(PROMETHEUS) }, [
      { port: 'http', relabelings: [OPERATOR_TARGET_LABELS, setJob(PROMETHEUS)] },
    ]),
  ];
}

/** Alertmanager (the custom resource), its configuration Secret, its Service and ServiceMonitor. */
export function operatorAlertmanager(site: ResolvedSite, cluster: ResolvedCluster, cfg: OperatorConfig): KubeObject[] {
  const ns = cluster.namespace;
  const c = cluster.stack.alertmanager;
  const version = tagOf(c.image);
  return [
    new Secret({
      metadata: meta(alertmanagerSecretName(cluster), ns, ALERTMANAGER, 'config'),
      type: 'Opaque',
      // alertmanager.yml names its credentials by file (in the receivers' Secret mount): nothing secret is written here.
      stringData: { [ALERTMANAGER_CONFIG_KEY]: cfg.alertmanagerYml },
    }),
    withoutClaimTypeMeta(
      new Alertmanager({
        metadata: meta(cluster.name, ns, ALERTMANAGER, 'server', c.image),
        spec: {
          replicas: c.replicas,
          image: c.image,
          ...(version !== undefined && { version }),
          securityContext: podSecurity(NOBODY),
          ...(affinity(c.placement) && { affinity: affinity(c.placement) }),
          resources: resources(c.resources),
          retention: c.retention,
          storage: claim(c.storage),
          configSecret: alertmanagerSecretName(cluster),
          // The receivers' credential files: a Secret created outside Kiln, mounted where the site's `*File` paths point.
          ...(c.secret && {
            volumes: [{ name: 'receivers', secret: { secretName: c.secret.name } }],
            volumeMounts: [{ name: 'receivers', mountPath: c.secret.mountPath, readOnly: true }],
          }),
        },
      }),
    ),
    operatorService(ns, ALERTMANAGER, cluster, site.alertmanager.port),
    ...ingress(ns, ALERTMANAGER, c.exposure, site.alertmanager.port),
    serviceMonitor(cluster, ALERTMANAGER, { namespace: ns, labels: selectorOf(ALERTMANAGER) }, [
      { port: 'http', relabelings: [OPERATOR_TARGET_LABELS, setJob(ALERTMANAGER)] },
    ]),
  ];
}

/** A Service named after the component (the address prometheus.yml, Grafana and the alert links use) in front of the operator's pods. */
function operatorService(ns: string, component: string, cluster: ResolvedCluster, port: number): Service {
  const exposure = cluster.stack[component as 'prometheus' | 'alertmanager'].exposure;
  return new Service({
    metadata: meta(component, ns, component, 'service'),
    spec: {
      ...(exposure.type === 'NodePort' && { type: 'NodePort' }),
      // The operator labels its pods with the component and the custom resource's name.
      selector: { ...selectorOf(component), [component]: cluster.name },
      ports: [{ name: 'http', port, targetPort: OPERATOR_PORT, ...(exposure.type === 'NodePort' && { nodePort: exposure.nodePort }) }],
    },
  });
}

function serviceMonitor(
  cluster: ResolvedCluster,
  name: string,
  target: { namespace: string; labels: Record<string, string> },
  endpoints: IEndpoint[],
): ServiceMonitor {
  const ns = cluster.namespace;
  return new ServiceMonitor({
    metadata: { name, namespace: ns, labels: { ...labels(name, 'monitor'), [SELECTOR_LABEL]: cluster.name } },
    spec: {
      ...(target.namespace === ANY
        ? { namespaceSelector: { any: true } }
        : target.namespace !== ns && { namespaceSelector: { matchNames: [target.namespace] } }),
      selector: { matchLabels: target.labels },
      endpoints,
    },
  });
}

/**
 * One ServiceMonitor per discovery job, scraping what the manifests flavour's job scrapes with the same
 * `job` label (its job name) and the same target labels, so every rule and dashboard selects it unchanged.
 */
export function operatorServiceMonitors(cluster: ResolvedCluster): KubeObject[] {
  const ns = cluster.namespace;
  const viaApiServer = (path: string): IRelabelConfig[] => [
    copy('__meta_kubernetes_endpoint_address_target_name', 'node'),
    copy('__meta_kubernetes_endpoint_address_target_name', 'instance'),
    { targetLabel: '__address__', replacement: API_SERVER },
    {
      sourceLabels: ['__meta_kubernetes_endpoint_address_target_name'],
      regex: '(.+)',
      targetLabel: '__metrics_path__',
      replacement: `/api/v1/nodes/\${1}/proxy${path}`,
    },
  ];
  const apiServerAuth = {
    scheme: 'https' as const,
    tlsConfig: { caFile: `${SERVICE_ACCOUNT}/ca.crt` },
    bearerTokenFile: `${SERVICE_ACCOUNT}/token`,
  };
  const endpoint = (job: ResolvedDiscoveryJob, base: IEndpoint, own: IRelabelConfig[]): IEndpoint => ({
    ...base,
    ...(job.interval !== undefined && { interval: job.interval }),
    relabelings: [OPERATOR_TARGET_LABELS, ...own, setJob(job.jobName), ...job.relabel.map(relabel)],
    ...(job.metricRelabel.length > 0 && { metricRelabelings: job.metricRelabel.map(relabel) }),
  });
  return cluster.discovery.flatMap((job): KubeObject[] => {
    switch (job.kind) {
      case 'apiserver':
        return [
          serviceMonitor(cluster, job.jobName, { namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } }, [
            endpoint(
              job,
              {
                port: 'https',
                scheme: 'https',
                tlsConfig: { caFile: `${SERVICE_ACCOUNT}/ca.crt`, serverName: 'kubernetes' },
                bearerTokenFile: `${SERVICE_ACCOUNT}/token`,
              },
              [],
            ),
          ]),
        ];
      case 'kubelet':
      case 'cadvisor':
        return [
          serviceMonitor(cluster, job.jobName, { namespace: KUBELET_SERVICE.namespace, labels: KUBELET_SERVICE.labels }, [
            endpoint(
              job,
              { port: KUBELET_SERVICE.port, ...apiServerAuth },
              viaApiServer(job.kind === 'kubelet' ? '/metrics' : '/metrics/cadvisor'),
            ),
          ]),
        ];
      case 'nodeExporter':
        return [
          serviceMonitor(cluster, job.jobName, { namespace: ns, labels: selectorOf(NODE_EXPORTER) }, [
            endpoint(job, { port: 'metrics' }, [
              copy('__meta_kubernetes_endpoint_node_name', 'node'),
              copy('__meta_kubernetes_endpoint_node_name', 'host'),
              copy('__meta_kubernetes_endpoint_node_name', 'instance'),
            ]),
          ]),
        ];
      case 'kubeStateMetrics':
        return [
          serviceMonitor(cluster, job.jobName, { namespace: ns, labels: selectorOf(KUBE_STATE_METRICS) }, [
            endpoint(job, { port: 'http-metrics', honorLabels: true }, [{ targetLabel: 'instance', replacement: KUBE_STATE_METRICS }]),
          ]),
        ];
      // Annotation-based discovery: every Service (or pod) of the cluster, kept when annotated `prometheus.io/scrape: "true"`.
      // No port: the operator then filters none, and the annotation names the port, as in the manifests flavour.
      case 'serviceEndpoints':
        return [
          serviceMonitor(cluster, job.jobName, { namespace: ANY, labels: {} }, [
            endpoint(job, {}, [
              { sourceLabels: ['__meta_kubernetes_service_annotation_prometheus_io_scrape'], regex: 'true', action: 'keep' },
              { sourceLabels: ['__meta_kubernetes_service_annotation_prometheus_io_scheme'], regex: '(https?)', targetLabel: '__scheme__' },
              { sourceLabels: ['__meta_kubernetes_service_annotation_prometheus_io_path'], regex: '(.+)', targetLabel: '__metrics_path__' },
              annotatedPort('service'),
              { regex: '__meta_kubernetes_service_label_(.+)', action: 'labelmap' },
              copy('__meta_kubernetes_namespace', 'kubernetes_namespace'),
              copy('__meta_kubernetes_service_name', 'kubernetes_name'),
            ]),
          ]),
        ];
      // VolSync's metrics Service, as the manifests flavour's `volsync` job scrapes it (see there).
      case 'volsync':
        return [
          serviceMonitor(
            cluster,
            job.jobName,
            {
              namespace: job.namespace ?? VOLSYNC_METRICS_SERVICE.namespace,
              labels: { [VOLSYNC_METRICS_SERVICE.label]: VOLSYNC_METRICS_SERVICE.value },
            },
            [
              endpoint(
                job,
                {
                  port: VOLSYNC_METRICS_SERVICE.port,
                  scheme: 'https',
                  tlsConfig: job.tls?.caFile ? { caFile: job.tls.caFile } : { insecureSkipVerify: true },
                  bearerTokenFile: `${SERVICE_ACCOUNT}/token`,
                },
                [],
              ),
            ],
          ),
        ];
      case 'pods':
        return [
          new PodMonitor({
            metadata: { name: job.jobName, namespace: ns, labels: { ...labels(job.jobName, 'monitor'), [SELECTOR_LABEL]: cluster.name } },
            spec: {
              namespaceSelector: { any: true },
              selector: {},
              podMetricsEndpoints: [
                endpoint(job, {}, [
                  { sourceLabels: ['__meta_kubernetes_pod_annotation_prometheus_io_scrape'], regex: 'true', action: 'keep' },
                  { sourceLabels: ['__meta_kubernetes_pod_annotation_prometheus_io_path'], regex: '(.+)', targetLabel: '__metrics_path__' },
                  annotatedPort('pod'),
                  { regex: '__meta_kubernetes_pod_label_(.+)', action: 'labelmap' },
                  copy('__meta_kubernetes_namespace', 'kubernetes_namespace'),
                  copy('__meta_kubernetes_pod_name', 'kubernetes_pod_name'),
                ]),
              ],
            },
          }),
        ];
    }
  });
}

/** One PrometheusRule per rule file: `spec` is the file's content, so promtool judges exactly what the operator loads. */
export function operatorRules(cluster: ResolvedCluster, rules: OperatorConfig['rules']): KubeObject[] {
  return Object.keys(rules)
    .sort()
    .map(
      (file) =>
        new PrometheusRule({
          metadata: {
            name: `${cluster.name}-${file.replace(/\.ya?ml$/, '')}`,
            namespace: cluster.namespace,
            labels: { ...labels(PROMETHEUS, 'rules'), [SELECTOR_LABEL]: cluster.name },
          },
          spec: rules[file] as PrometheusRule['spec'],
        }),
    );
}

/** Dashboards (one ConfigMap each: a ConfigMap holds at most 1 MiB) and datasources, labelled for the Grafana sidecar. */
export function grafanaSidecarConfigMaps(site: ResolvedSite, cluster: ResolvedCluster, cfg: OperatorConfig): KubeObject[] {
  const ns = cluster.namespace;
  return [
    new ConfigMap({
      metadata: {
        ...meta('grafana-datasources', ns, 'grafana', 'config'),
        labels: { ...labels('grafana', 'config'), [DATASOURCE_LABEL]: '1' },
      },
      data: { [`${site.name}.yaml`]: cfg.grafanaDatasources },
    }),
    ...Object.keys(cfg.dashboards)
      .sort()
      .map(
        (file) =>
          new ConfigMap({
            metadata: {
              name: `grafana-dashboard-${file.replace(/\.json$/, '')}`,
              namespace: ns,
              labels: { ...labels('grafana', 'dashboard'), [DASHBOARD_LABEL]: '1' },
              annotations: { [FOLDER_ANNOTATION]: site.name },
            },
            data: { [file]: cfg.dashboards[file]! },
          }),
      ),
  ];
}

/** A scrape job of prometheus.yml, as far as a ScrapeConfig can carry it. */
interface ScrapeJob {
  job_name: string;
  static_configs?: { targets: string[]; labels?: Record<string, string> }[];
  http_sd_configs?: { url: string; refresh_interval?: string }[];
  kubernetes_sd_configs?: unknown[];
  metrics_path?: string;
  scheme?: 'http' | 'https';
  params?: Record<string, string[]>;
  scrape_interval?: string;
  scrape_timeout?: string;
  honor_labels?: boolean;
  relabel_configs?: Record<string, unknown>[];
  metric_relabel_configs?: Record<string, unknown>[];
  [field: string]: unknown;
}

/** prometheus.yml's relabel config as the operator's (`source_labels` → `sourceLabels`). */
function operatorRelabel(r: Record<string, unknown>): IRelabelConfig {
  const camel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [camel(k), v]));
}

/** Fields of a job that a ScrapeConfig maps one to one; anything else it would have to drop. */
const SCRAPE_CONFIG_FIELDS = new Set([
  'job_name',
  'static_configs',
  'http_sd_configs',
  'metrics_path',
  'scheme',
  'params',
  'scrape_interval',
  'scrape_timeout',
  'honor_labels',
  'relabel_configs',
  'metric_relabel_configs',
]);

/**
 * The jobs of prometheus.yml that Kubernetes discovery does not find — static targets outside the
 * cluster (the ceph-mgr daemons), HTTP service discovery — as one ScrapeConfig each, with the same
 * job name, so nothing the plain prometheus.yml scrapes is lost in the operator flavour. Prometheus'
 * and Alertmanager's own jobs have their ServiceMonitors. A ScrapeConfig reads credentials and TLS
 * files only from Secrets, never from paths: a job that needs them is refused with its name.
 */
export function operatorScrapeConfigs(cluster: ResolvedCluster, prometheusYml: { scrape_configs?: ScrapeJob[] }): KubeObject[] {
  const ns = cluster.namespace;
  const out: KubeObject[] = [];
  for (const job of prometheusYml.scrape_configs ?? []) {
    if (job.kubernetes_sd_configs !== undefined || job.job_name === PROMETHEUS || job.job_name === ALERTMANAGER) continue;
    const unsupported = Object.keys(job).filter((k) => !SCRAPE_CONFIG_FIELDS.has(k));
    if (unsupported.length > 0)
      throw new Error(
        `scrape job \`${job.job_name}\` uses ${unsupported.map((k) => `\`${k}\``).join(', ')}, which a prometheus-operator ScrapeConfig takes only from Secrets; scrape it without them or use the manifests flavour`,
      );
    out.push(
      new ScrapeConfig({
        metadata: {
          name: job.job_name,
          namespace: ns,
          labels: { ...labels(job.job_name, 'scrape-config'), [SELECTOR_LABEL]: cluster.name },
        },
        spec: {
          jobName: job.job_name,
          ...(job.static_configs && {
            staticConfigs: job.static_configs.map((s) => ({ targets: s.targets, ...(s.labels && { labels: s.labels }) })),
          }),
          ...(job.http_sd_configs && {
            httpSDConfigs: job.http_sd_configs.map((s) => ({
              url: s.url,
              ...(s.refresh_interval !== undefined && { refreshInterval: s.refresh_interval }),
            })),
          }),
          ...(job.metrics_path !== undefined && { metricsPath: job.metrics_path }),
          ...(job.scheme !== undefined && { scheme: job.scheme }),
          ...(job.params !== undefined && { params: job.params }),
          ...(job.scrape_interval !== undefined && { scrapeInterval: job.scrape_interval }),
          ...(job.scrape_timeout !== undefined && { scrapeTimeout: job.scrape_timeout }),
          ...(job.honor_labels !== undefined && { honorLabels: job.honor_labels }),
          ...(job.relabel_configs && { relabelings: job.relabel_configs.map(operatorRelabel) }),
          ...(job.metric_relabel_configs && { metricRelabelings: job.metric_relabel_configs.map(operatorRelabel) }),
        },
      }),
    );
  }
  return out;
}
