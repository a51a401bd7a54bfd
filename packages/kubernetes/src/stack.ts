/**
 * The monitoring stack as Kubernetes objects: one function per component, each returning its
 * typed objects (RBAC, config, storage, workload, Service, NetworkPolicy). Pure: reads the resolved
 * cluster and the configuration files the other targets generated.
 */
import {
  KSM_RESOURCE_API_GROUPS,
  VICTORIA_METRICS,
  VMALERT,
  type Exposure,
  type KsmResource,
  type ResolvedCluster,
  type ResolvedSite,
  type ResolvedVolume,
} from '@kiln/model';
import { DaemonSet } from 'kubernetes-models/apps/v1/DaemonSet';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import { ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import type { IPolicyRule } from 'kubernetes-models/rbac.authorization.k8s.io/v1/PolicyRule';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { configMapVolume, projectedSources, splitConfigMap } from './configmap-split.js';
import type { KubeObject } from './manifest.js';
import {
  ANONYMOUS_ACCESS_REASON,
  CHECKSUM_ANNOTATION,
  GRAFANA_UID,
  HOST_ACCESS_REASON,
  NOBODY,
  affinity,
  containerSecurity,
  httpProbe,
  labels,
  podSecurity,
  resources,
  selectorOf,
} from './meta.js';

/** What the stack deploys that other targets generated: file name → file content, per ConfigMap. */
export interface StackConfig {
  prometheusYml: string;
  /** Prometheus flags, one per line (`prometheus.args`). */
  prometheusArgs: string[];
  rules: Record<string, string>;
  alertmanagerYml: string;
  grafanaDatasources: string;
  grafanaDashboardProvider: string;
  dashboards: Record<string, string>;
  /** Where the dashboard provider reads the dashboards. */
  dashboardsPath: string;
  /** sha256 of each ConfigMap's data, by ConfigMap name. */
  checksums: Record<string, string>;
}

export const PROMETHEUS = 'prometheus';
export const ALERTMANAGER = 'alertmanager';
export const GRAFANA = 'grafana';
export const KUBE_STATE_METRICS = 'kube-state-metrics';
export const NODE_EXPORTER = 'node-exporter';

/** The pods that scrape the exporters and send alerts: Prometheus, or VictoriaMetrics and vmalert. */
export function roles(cluster: ResolvedCluster): { scraper: string; alertSender: string; queried: string } {
  return cluster.stack.backend === 'victoriametrics'
    ? { scraper: VICTORIA_METRICS, alertSender: VMALERT, queried: VICTORIA_METRICS }
    : { scraper: PROMETHEUS, alertSender: PROMETHEUS, queried: PROMETHEUS };
}

export function apiGroupOf(resource: KsmResource): string {
  return KSM_RESOURCE_API_GROUPS[resource];
}

export const meta = (name: string, ns: string, component: string, role: string, image?: string) => ({
  name,
  namespace: ns,
  labels: labels(component, role, image),
});

function pvc(ns: string, component: string, name: string, v: ResolvedVolume): PersistentVolumeClaim {
  return new PersistentVolumeClaim({
    metadata: meta(name, ns, component, 'storage'),
    spec: { accessModes: ['ReadWriteOnce'], storageClassName: v.storageClass, resources: { requests: { storage: v.size } } },
  });
}

function service(ns: string, component: string, exposure: Exposure, ports: { name: string; port: number }[], headless = false): Service {
  const nodePort = exposure.type === 'NodePort' ? exposure.nodePort : undefined;
  return new Service({
    metadata: meta(component, ns, component, 'service'),
    spec: {
      ...(exposure.type === 'NodePort' && { type: 'NodePort' }),
      ...(headless && { clusterIP: 'None' }),
      selector: selectorOf(component),
      ports: ports.map((p, i) => ({
        name: p.name,
        port: p.port,
        targetPort: p.name,
        ...(i === 0 && nodePort !== undefined && { nodePort }),
      })),
    },
  });
}

export function ingress(ns: string, component: string, exposure: Exposure, port: number): Ingress[] {
  if (exposure.type !== 'Ingress') return [];
  return [
    new Ingress({
      metadata: meta(component, ns, component, 'ingress'),
      spec: {
        ...(exposure.className !== undefined && { ingressClassName: exposure.className }),
        rules: [
          {
            host: exposure.host,
            http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: component, port: { number: port } } } }] },
          },
        ],
      },
    }),
  ];
}

/** Ingress to the component only from the listed pods of the stack (and, when exposed, from anywhere on the exposed port). */
function networkPolicy(ns: string, component: string, rules: { from: string[]; ports: number[] }[], exposed?: number): NetworkPolicy {
  const peers = (from: string[]): INetworkPolicyPeer[] => from.map((c) => ({ podSelector: { matchLabels: selectorOf(c) } }));
  return new NetworkPolicy({
    metadata: meta(component, ns, component, 'network-policy'),
    spec: {
      podSelector: { matchLabels: selectorOf(component) },
      policyTypes: ['Ingress'],
      ingress: [
        ...rules.map((r) => ({ from: peers(r.from), ports: r.ports.map((port) => ({ port })) })),
        ...(exposed !== undefined ? [{ ports: [{ port: exposed }] }] : []),
      ],
    },
  });
}

const exposedPort = (e: Exposure, port: number) => (e.type === 'ClusterIP' ? undefined : port);

function podTemplate(component: string, image: string, checksum: string | undefined, spec: IPodSpec, reasons: Record<string, string> = {}) {
  const annotations = { ...(checksum !== undefined && { [CHECKSUM_ANNOTATION]: checksum }), ...reasons };
  return {
    metadata: { labels: labels(component, 'server', image), ...(Object.keys(annotations).length > 0 && { annotations }) },
    spec,
  };
}

export function namespace(cluster: ResolvedCluster): Namespace {
  return new Namespace({
    metadata: {
      name: cluster.namespace,
      labels: {
        'app.kubernetes.io/part-of': 'kiln-monitoring',
        'app.kubernetes.io/managed-by': 'kiln',
        // The node exporter needs host access: the namespace admits privileged pods only where its manifests ask.
        'pod-security.kubernetes.io/enforce': 'privileged',
        'pod-security.kubernetes.io/warn': 'restricted',
      },
    },
  });
}

/** What Kubernetes discovery and the kubelet/cAdvisor jobs read, for the scraper's ServiceAccount: nothing else. */
export function discoveryRbac(ns: string, component: string, extra: IPolicyRule[] = []): KubeObject[] {
  const rules: IPolicyRule[] = [
    { apiGroups: [''], resources: ['endpoints', 'nodes', 'nodes/proxy', 'pods', 'services'], verbs: ['get', 'list', 'watch'] },
    ...extra,
    { nonResourceURLs: ['/metrics'], verbs: ['get'] },
  ];
  return [
    new ServiceAccount({ metadata: meta(component, ns, component, 'server') }),
    new ClusterRole({ metadata: { name: `${ns}-${component}`, labels: labels(component, 'rbac') }, rules }),
    new ClusterRoleBinding({
      metadata: { name: `${ns}-${component}`, labels: labels(component, 'rbac') },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `${ns}-${component}` },
      subjects: [{ kind: 'ServiceAccount', name: component, namespace: ns }],
    }),
  ];
}

export function prometheusObjects(site: ResolvedSite, cluster: ResolvedCluster, cfg: StackConfig): KubeObject[] {
  const ns = cluster.namespace;
  const c = cluster.stack.prometheus;
  const port = site.prometheus.port;
  const container: IContainer = {
    name: PROMETHEUS,
    image: c.image,
    args: cfg.prometheusArgs,
    ports: [{ name: 'http', containerPort: port }],
    resources: resources(c.resources),
    livenessProbe: httpProbe('/-/healthy', 'http', 30, 10),
    readinessProbe: httpProbe('/-/ready', 'http', 5),
    securityContext: containerSecurity(),
    volumeMounts: [
      { name: 'config', mountPath: '/etc/prometheus', readOnly: true },
      { name: 'data', mountPath: '/prometheus' },
    ],
  };
  const ruleParts = splitConfigMap(`${PROMETHEUS}-rules`, cfg.rules);
  return [
    ...discoveryRbac(ns, PROMETHEUS),
    new ConfigMap({ metadata: meta(`${PROMETHEUS}-config`, ns, PROMETHEUS, 'config'), data: { 'prometheus.yml': cfg.prometheusYml } }),
    ...ruleParts.map((p) => new ConfigMap({ metadata: meta(p.name, ns, PROMETHEUS, 'config'), data: p.data })),
    pvc(ns, PROMETHEUS, `${PROMETHEUS}-data`, c.storage),
    new Deployment({
      metadata: meta(PROMETHEUS, ns, PROMETHEUS, 'server', c.image),
      spec: {
        replicas: c.replicas,
        // One ReadWriteOnce volume: the old pod must let go of it before the new one starts.
        strategy: { type: 'Recreate' },
        selector: { matchLabels: selectorOf(PROMETHEUS) },
        template: podTemplate(PROMETHEUS, c.image, cfg.checksums[PROMETHEUS], {
          serviceAccountName: PROMETHEUS,
          securityContext: podSecurity(NOBODY),
          ...(affinity(c.placement) && { affinity: affinity(c.placement) }),
          containers: [container],
          volumes: [
            // One folder as prometheus.yml expects it: the config, and the rule files under rules/ (no nested mounts).
            {
              name: 'config',
              projected: {
                sources: [
                  { configMap: { name: `${PROMETHEUS}-config` } },
                  // The rule files, in as many ConfigMaps as their size needs (configmap-split.ts).
                  ...projectedSources(ruleParts, 'rules'),
                ],
              },
            },
            { name: 'data', persistentVolumeClaim: { claimName: `${PROMETHEUS}-data` } },
          ],
        }),
      },
    }),
    service(ns, PROMETHEUS, c.exposure, [{ name: 'http', port }]),
    ...ingress(ns, PROMETHEUS, c.exposure, port),
    networkPolicy(ns, PROMETHEUS, [{ from: [GRAFANA], ports: [port] }], exposedPort(c.exposure, port)),
  ];
}

export function alertmanagerObjects(site: ResolvedSite, cluster: ResolvedCluster, cfg: StackConfig): KubeObject[] {
  const ns = cluster.namespace;
  const c = cluster.stack.alertmanager;
  const port = site.alertmanager.port;
  return [
    new ConfigMap({
      metadata: meta(`${ALERTMANAGER}-config`, ns, ALERTMANAGER, 'config'),
      data: { 'alertmanager.yml': cfg.alertmanagerYml },
    }),
    pvc(ns, ALERTMANAGER, `${ALERTMANAGER}-data`, c.storage),
    new Deployment({
      metadata: meta(ALERTMANAGER, ns, ALERTMANAGER, 'server', c.image),
      spec: {
        replicas: c.replicas,
        strategy: { type: 'Recreate' },
        selector: { matchLabels: selectorOf(ALERTMANAGER) },
        template: podTemplate(ALERTMANAGER, c.image, cfg.checksums[ALERTMANAGER], {
          automountServiceAccountToken: false,
          securityContext: podSecurity(NOBODY),
          ...(affinity(c.placement) && { affinity: affinity(c.placement) }),
          containers: [
            {
              name: ALERTMANAGER,
              image: c.image,
              args: [
                '--config.file=/etc/alertmanager/alertmanager.yml',
                '--storage.path=/alertmanager',
                `--data.retention=${c.retention}`,
                `--web.listen-address=:${port}`,
                // A single replica: no gossip cluster to join.
                '--cluster.listen-address=',
              ],
              ports: [{ name: 'http', containerPort: port }],
              resources: resources(c.resources),
              livenessProbe: httpProbe('/-/healthy', 'http', 10),
              readinessProbe: httpProbe('/-/ready', 'http', 5),
              securityContext: containerSecurity(),
              volumeMounts: [
                { name: 'config', mountPath: '/etc/alertmanager', readOnly: true },
                { name: 'data', mountPath: '/alertmanager' },
                ...(c.secret ? [{ name: 'secrets', mountPath: c.secret.mountPath, readOnly: true }] : []),
              ],
            },
          ],
          volumes: [
            { name: 'config', configMap: { name: `${ALERTMANAGER}-config` } },
            { name: 'data', persistentVolumeClaim: { claimName: `${ALERTMANAGER}-data` } },
            // The receivers' credential files (Slack URL, SMTP password): a Secret created outside Kiln.
            ...(c.secret ? [{ name: 'secrets', secret: { secretName: c.secret.name } }] : []),
          ],
        }),
      },
    }),
    service(ns, ALERTMANAGER, c.exposure, [{ name: 'http', port }]),
    ...ingress(ns, ALERTMANAGER, c.exposure, port),
    networkPolicy(ns, ALERTMANAGER, [{ from: [roles(cluster).alertSender, GRAFANA], ports: [port] }], exposedPort(c.exposure, port)),
  ];
}

export const GRAFANA_PORT = 3000;

export function grafanaObjects(cluster: ResolvedCluster, cfg: StackConfig): KubeObject[] {
  const ns = cluster.namespace;
  const c = cluster.stack.grafana;
  const env = [
    {
      name: 'GF_SECURITY_ADMIN_PASSWORD',
      valueFrom: { secretKeyRef: { name: c.adminPasswordSecret.name, key: c.adminPasswordSecret.key } },
    },
    ...(c.rootUrl !== undefined ? [{ name: 'GF_SERVER_ROOT_URL', value: c.rootUrl }] : []),
    // Logs to stdout only: the image's default also writes /var/log/grafana, on a read-only root filesystem.
    { name: 'GF_LOG_MODE', value: 'console' },
    ...(c.anonymous !== undefined
      ? [
          { name: 'GF_AUTH_ANONYMOUS_ENABLED', value: 'true' },
          { name: 'GF_AUTH_ANONYMOUS_ORG_ROLE', value: c.anonymous.role },
        ]
      : []),
  ];
  const dashboardParts = splitConfigMap(`${GRAFANA}-dashboards`, cfg.dashboards);
  return [
    new ConfigMap({ metadata: meta(`${GRAFANA}-datasources`, ns, GRAFANA, 'config'), data: { 'kiln.yaml': cfg.grafanaDatasources } }),
    new ConfigMap({
      metadata: meta(`${GRAFANA}-dashboard-provider`, ns, GRAFANA, 'config'),
      data: { 'kiln.yaml': cfg.grafanaDashboardProvider },
    }),
    ...dashboardParts.map((p) => new ConfigMap({ metadata: meta(p.name, ns, GRAFANA, 'config'), data: p.data })),
    pvc(ns, GRAFANA, `${GRAFANA}-data`, c.storage),
    new Deployment({
      metadata: meta(GRAFANA, ns, GRAFANA, 'dashboards', c.image),
      spec: {
        replicas: c.replicas,
        strategy: { type: 'Recreate' },
        selector: { matchLabels: selectorOf(GRAFANA) },
        template: podTemplate(
          GRAFANA,
          c.image,
          cfg.checksums[GRAFANA],
          {
            automountServiceAccountToken: false,
            securityContext: podSecurity(GRAFANA_UID),
            ...(affinity(c.placement) && { affinity: affinity(c.placement) }),
            containers: [
              {
                name: GRAFANA,
                image: c.image,
                env,
                ports: [{ name: 'http', containerPort: GRAFANA_PORT }],
                resources: resources(c.resources),
                livenessProbe: httpProbe('/api/health', 'http', 60, 10),
                readinessProbe: httpProbe('/api/health', 'http', 10),
                securityContext: containerSecurity(),
                volumeMounts: [
                  { name: 'data', mountPath: '/var/lib/grafana' },
                  { name: 'datasources', mountPath: '/etc/grafana/provisioning/datasources', readOnly: true },
                  { name: 'dashboard-provider', mountPath: '/etc/grafana/provisioning/dashboards', readOnly: true },
                  { name: 'dashboards', mountPath: cfg.dashboardsPath, readOnly: true },
                  // Grafana writes temporary files (plugins, renders) besides its data folder.
                  { name: 'tmp', mountPath: '/tmp' },
                ],
              },
            ],
            volumes: [
              { name: 'data', persistentVolumeClaim: { claimName: `${GRAFANA}-data` } },
              { name: 'datasources', configMap: { name: `${GRAFANA}-datasources` } },
              { name: 'dashboard-provider', configMap: { name: `${GRAFANA}-dashboard-provider` } },
              configMapVolume('dashboards', dashboardParts),
              { name: 'tmp', emptyDir: {} },
            ],
          },
          c.anonymous ? { [ANONYMOUS_ACCESS_REASON]: c.anonymous.reason } : {},
        ),
      },
    }),
    service(ns, GRAFANA, c.exposure, [{ name: 'http', port: GRAFANA_PORT }]),
    ...ingress(ns, GRAFANA, c.exposure, GRAFANA_PORT),
    // Users reach Grafana (its exposure); inside the cluster nothing else needs to.
    networkPolicy(ns, GRAFANA, [], GRAFANA_PORT),
  ];
}

export const KSM_PORT = 8080;
export const KSM_TELEMETRY_PORT = 8081;

export function kubeStateMetricsObjects(cluster: ResolvedCluster): KubeObject[] {
  const ns = cluster.namespace;
  const c = cluster.stack.kubeStateMetrics;
  const byGroup = new Map<string, string[]>();
  for (const r of c.resourcesWatched) {
    const g = apiGroupOf(r);
    const list = byGroup.get(g);
    if (list) list.push(r);
    else byGroup.set(g, [r]);
  }
  const rules: IPolicyRule[] = [...byGroup]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([g, resources]) => ({ apiGroups: [g], resources: resources.sort(), verbs: ['list', 'watch'] }));
  return [
    new ServiceAccount({ metadata: meta(KUBE_STATE_METRICS, ns, KUBE_STATE_METRICS, 'exporter') }),
    new ClusterRole({ metadata: { name: `${ns}-${KUBE_STATE_METRICS}`, labels: labels(KUBE_STATE_METRICS, 'rbac') }, rules }),
    new ClusterRoleBinding({
      metadata: { name: `${ns}-${KUBE_STATE_METRICS}`, labels: labels(KUBE_STATE_METRICS, 'rbac') },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `${ns}-${KUBE_STATE_METRICS}` },
      subjects: [{ kind: 'ServiceAccount', name: KUBE_STATE_METRICS, namespace: ns }],
    }),
    new Deployment({
      metadata: meta(KUBE_STATE_METRICS, ns, KUBE_STATE_METRICS, 'exporter', c.image),
      spec: {
        replicas: c.replicas,
        selector: { matchLabels: selectorOf(KUBE_STATE_METRICS) },
        template: podTemplate(KUBE_STATE_METRICS, c.image, undefined, {
          serviceAccountName: KUBE_STATE_METRICS,
          securityContext: podSecurity(NOBODY),
          ...(affinity(c.placement) && { affinity: affinity(c.placement) }),
          containers: [
            {
              name: KUBE_STATE_METRICS,
              image: c.image,
              args: [
                `--resources=${c.resourcesWatched.join(',')}`,
                ...(c.metricLabelsAllowlist !== undefined ? [`--metric-labels-allowlist=${c.metricLabelsAllowlist}`] : []),
              ],
              ports: [
                { name: 'http-metrics', containerPort: KSM_PORT },
                { name: 'telemetry', containerPort: KSM_TELEMETRY_PORT },
              ],
              resources: resources(c.resources),
              livenessProbe: httpProbe('/healthz', 'http-metrics', 5),
              readinessProbe: httpProbe('/', 'telemetry', 5),
              securityContext: containerSecurity(),
            },
          ],
        }),
      },
    }),
    service(ns, KUBE_STATE_METRICS, { type: 'ClusterIP' }, [
      { name: 'http-metrics', port: KSM_PORT },
      { name: 'telemetry', port: KSM_TELEMETRY_PORT },
    ]),
    networkPolicy(ns, KUBE_STATE_METRICS, [{ from: [roles(cluster).scraper], ports: [KSM_PORT, KSM_TELEMETRY_PORT] }]),
  ];
}

export const NODE_EXPORTER_PORT = 9100;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `--collector.filesystem.mount-points-exclude` from path prefixes: `/dev` excludes it and below; `/var/lib/kubelet/` only what is below. */
export function mountPointsRegex(prefixes: readonly string[]): string {
  const parts = prefixes.map((p) => {
    const rel = p.replace(/^\//, '');
    return rel.endsWith('/') ? `${escapeRegex(rel)}.+` : escapeRegex(rel);
  });
  return `^/(${parts.join('|')})($|/)`;
}

export function nodeExporterArgs(cluster: ResolvedCluster): string[] {
  const c = cluster.stack.nodeExporter;
  return [
    ...(c.host.rootfs ? ['--path.procfs=/host/proc', '--path.sysfs=/host/sys', '--path.rootfs=/host/root'] : []),
    `--web.listen-address=:${NODE_EXPORTER_PORT}`,
    ...(c.mountPointsExclude.length > 0 ? [`--collector.filesystem.mount-points-exclude=${mountPointsRegex(c.mountPointsExclude)}`] : []),
    ...(c.netclassIgnoredDevices.length > 0 ? [`--collector.netclass.ignored-devices=^(${c.netclassIgnoredDevices.join('|')})$`] : []),
    ...c.disabledCollectors.map((n) => `--no-collector.${n}`),
  ];
}

export function nodeExporterObjects(cluster: ResolvedCluster): KubeObject[] {
  const ns = cluster.namespace;
  const c = cluster.stack.nodeExporter;
  const host = (name: string, path: string) => ({ name, hostPath: { path } });
  return [
    new DaemonSet({
      metadata: meta(NODE_EXPORTER, ns, NODE_EXPORTER, 'exporter', c.image),
      spec: {
        selector: { matchLabels: selectorOf(NODE_EXPORTER) },
        template: {
          metadata: { labels: labels(NODE_EXPORTER, 'exporter', c.image), annotations: { [HOST_ACCESS_REASON]: c.host.reason } },
          spec: {
            automountServiceAccountToken: false,
            ...(c.host.network && { hostNetwork: true }),
            ...(c.host.pid && { hostPID: true }),
            securityContext: podSecurity(NOBODY),
            // Every node, whatever its taints: a node without metrics is a node nothing alerts on.
            tolerations: [{ operator: 'Exists' }],
            containers: [
              {
                name: NODE_EXPORTER,
                image: c.image,
                args: nodeExporterArgs(cluster),
                ports: [{ name: 'metrics', containerPort: NODE_EXPORTER_PORT, ...(c.host.network && { hostPort: NODE_EXPORTER_PORT }) }],
                resources: resources(c.resources),
                livenessProbe: httpProbe('/', 'metrics', 5),
                readinessProbe: httpProbe('/', 'metrics', 5),
                securityContext: containerSecurity(),
                ...(c.host.rootfs && {
                  volumeMounts: [
                    { name: 'proc', mountPath: '/host/proc', readOnly: true },
                    { name: 'sys', mountPath: '/host/sys', readOnly: true },
                    { name: 'root', mountPath: '/host/root', readOnly: true, mountPropagation: 'HostToContainer' },
                  ],
                }),
              },
            ],
            ...(c.host.rootfs && { volumes: [host('proc', '/proc'), host('sys', '/sys'), host('root', '/')] }),
          },
        },
      },
    }),
    service(ns, NODE_EXPORTER, { type: 'ClusterIP' }, [{ name: 'metrics', port: NODE_EXPORTER_PORT }], true),
    // Only Prometheus scrapes it. (A hostNetwork pod is outside NetworkPolicy's reach on most CNIs; the policy still states the intent.)
    networkPolicy(ns, NODE_EXPORTER, [{ from: [roles(cluster).scraper], ports: [NODE_EXPORTER_PORT] }]),
  ];
}

export const VM_PORT = 8428;
export const VMALERT_PORT = 8880;

/**
 * The VictoriaMetrics backend (seed 003's appendix): victoria-metrics single-node scrapes with the
 * same scrape configuration and serves the Prometheus query API; vmalert evaluates the same rule
 * files against it and sends to Alertmanager. Retention by size has no VictoriaMetrics equivalent.
 */
export function victoriaMetricsObjects(
  site: ResolvedSite,
  cluster: ResolvedCluster,
  cfg: StackConfig & { scrapeYml: string },
): KubeObject[] {
  const ns = cluster.namespace;
  const vm = cluster.stack.victoriaMetrics!;
  const flags = cluster.stack.prometheus.flags;
  const svc = (name: string, port: number) => `http://${name}.${ns}.svc:${port}`;
  const vmArgs = [
    '-storageDataPath=/victoria-metrics-data',
    `-retentionPeriod=${site.prometheus.retentionTime}`,
    '-promscrape.config=/etc/victoria-metrics/scrape.yml',
    `-httpListenAddr=:${VM_PORT}`,
    ...(flags.queryMaxConcurrency !== undefined ? [`-search.maxConcurrentRequests=${flags.queryMaxConcurrency}`] : []),
    ...(flags.queryTimeout !== undefined ? [`-search.maxQueryDuration=${flags.queryTimeout}`] : []),
  ];
  const vmalertArgs = [
    '-rule=/etc/vmalert/rules/*.yml',
    `-datasource.url=${svc(VICTORIA_METRICS, VM_PORT)}`,
    `-notifier.url=${svc(ALERTMANAGER, site.alertmanager.port)}`,
    // Alert state survives restarts: written to and read back from VictoriaMetrics.
    `-remoteWrite.url=${svc(VICTORIA_METRICS, VM_PORT)}`,
    `-remoteRead.url=${svc(VICTORIA_METRICS, VM_PORT)}`,
    `-evaluationInterval=${site.prometheus.evaluationInterval}`,
    `-httpListenAddr=:${VMALERT_PORT}`,
    ...Object.entries({ ...site.prometheus.externalLabels, cluster: cluster.name }).map(([k, v]) => `-external.label=${k}=${v}`),
  ];
  const checksum = cfg.checksums[VICTORIA_METRICS];
  const vmalertRuleParts = splitConfigMap(`${VMALERT}-rules`, cfg.rules);
  return [
    ...discoveryRbac(ns, VICTORIA_METRICS),
    new ConfigMap({ metadata: meta(`${VICTORIA_METRICS}-config`, ns, VICTORIA_METRICS, 'config'), data: { 'scrape.yml': cfg.scrapeYml } }),
    ...vmalertRuleParts.map((p) => new ConfigMap({ metadata: meta(p.name, ns, VMALERT, 'config'), data: p.data })),
    pvc(ns, VICTORIA_METRICS, `${VICTORIA_METRICS}-data`, vm.storage),
    new Deployment({
      metadata: meta(VICTORIA_METRICS, ns, VICTORIA_METRICS, 'server', vm.image),
      spec: {
        replicas: 1,
        strategy: { type: 'Recreate' },
        selector: { matchLabels: selectorOf(VICTORIA_METRICS) },
        template: podTemplate(VICTORIA_METRICS, vm.image, checksum, {
          serviceAccountName: VICTORIA_METRICS,
          securityContext: podSecurity(NOBODY),
          ...(affinity(vm.placement) && { affinity: affinity(vm.placement) }),
          containers: [
            {
              name: VICTORIA_METRICS,
              image: vm.image,
              args: vmArgs,
              ports: [{ name: 'http', containerPort: VM_PORT }],
              resources: resources(vm.resources),
              livenessProbe: httpProbe('/health', 'http', 30, 10),
              readinessProbe: httpProbe('/health', 'http', 5),
              securityContext: containerSecurity(),
              volumeMounts: [
                { name: 'config', mountPath: '/etc/victoria-metrics', readOnly: true },
                { name: 'data', mountPath: '/victoria-metrics-data' },
              ],
            },
          ],
          volumes: [
            { name: 'config', configMap: { name: `${VICTORIA_METRICS}-config` } },
            { name: 'data', persistentVolumeClaim: { claimName: `${VICTORIA_METRICS}-data` } },
          ],
        }),
      },
    }),
    new Deployment({
      metadata: meta(VMALERT, ns, VMALERT, 'rules', vm.vmalert.image),
      spec: {
        replicas: 1,
        selector: { matchLabels: selectorOf(VMALERT) },
        template: podTemplate(VMALERT, vm.vmalert.image, cfg.checksums[VMALERT], {
          automountServiceAccountToken: false,
          securityContext: podSecurity(NOBODY),
          ...(affinity(vm.vmalert.placement) && { affinity: affinity(vm.vmalert.placement) }),
          containers: [
            {
              name: VMALERT,
              image: vm.vmalert.image,
              args: vmalertArgs,
              ports: [{ name: 'http', containerPort: VMALERT_PORT }],
              resources: resources(vm.vmalert.resources),
              livenessProbe: httpProbe('/health', 'http', 10),
              readinessProbe: httpProbe('/health', 'http', 5),
              securityContext: containerSecurity(),
              volumeMounts: [{ name: 'rules', mountPath: '/etc/vmalert/rules', readOnly: true }],
            },
          ],
          volumes: [configMapVolume('rules', vmalertRuleParts)],
        }),
      },
    }),
    service(ns, VICTORIA_METRICS, { type: 'ClusterIP' }, [{ name: 'http', port: VM_PORT }]),
    service(ns, VMALERT, { type: 'ClusterIP' }, [{ name: 'http', port: VMALERT_PORT }]),
    networkPolicy(ns, VICTORIA_METRICS, [{ from: [GRAFANA, VMALERT], ports: [VM_PORT] }]),
    networkPolicy(ns, VMALERT, [{ from: [VICTORIA_METRICS], ports: [VMALERT_PORT] }]),
  ];
}
