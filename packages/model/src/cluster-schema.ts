/**
 * The Kubernetes part of the language: a cluster (its nodes are hosts of the site, with resources,
 * labels, taints and architecture), the namespace and storage classes, the monitoring stack's own
 * placement and budget, and Kubernetes service discovery with relabelling as data.
 * Kept apart from schema.ts so the core language stays small; `Site.kubernetes` is the one link.
 */
import { z } from 'zod';
import { Dependency, NodeGpu, StorageDependsOn, Workload } from './workload-schema.js';

const NAME = /^[a-z][a-z0-9-]*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Kubernetes quantities as Kiln accepts them: binary memory units and milli-CPU, so sums are exact. */
export const MEMORY_PATTERN = /^\d+(Ki|Mi|Gi|Ti)$/;
export const CPU_PATTERN = /^(\d+m|\d+(\.\d+)?)$/;
const DURATION = /^(0|(?=\d)(\d+y)?(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?(\d+ms)?)$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** Image references must carry a version tag that is not `latest`, or a digest. */
export const PINNED_IMAGE =
  /^[^\s@]+?(:(?!latest$)[0-9A-Za-z_][0-9A-Za-z_.-]*|@sha256:[a-f0-9]{64}|:(?!latest@)[0-9A-Za-z_][0-9A-Za-z_.-]*@sha256:[a-f0-9]{64})$/;

const Reason = z.string().min(10, 'give the reason in a sentence');
export const Memory = z.string().regex(MEMORY_PATTERN, 'must be a memory quantity in binary units such as `64Mi` or `2Gi`');
export const Cpu = z.string().regex(CPU_PATTERN, 'must be a CPU quantity such as `250m` or `1`');
const KDuration = z.string().regex(DURATION, 'must be a Prometheus duration such as `30s`, `2m` or `120h`');

export const NodeResources = z
  .strictObject({
    cpu: z.number().int().min(1).describe('CPU cores of the node.'),
    memory: Memory.describe('Memory of the node, e.g. `8Gi`.'),
    disk: Memory.describe('Local disk of the node, e.g. `128Gi`.'),
  })
  .describe('What the node offers.');

export const Taint = z.strictObject({
  key: z.string().min(1),
  value: z.string().optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
});

export const ClusterNode = z
  .strictObject({
    resources: NodeResources,
    architecture: z.enum(['arm64', 'amd64']).describe('CPU architecture (`kubernetes.io/arch`); images must be published for it.'),
    labels: z.record(z.string(), z.string()).optional().describe('Node labels beyond the well-known ones.'),
    taints: z.array(Taint).optional().describe('Taints of the node; the node exporter tolerates them all, other components none.'),
    allocatableMemory: Memory.optional().describe(
      "Memory the kubelet lets pods use (the node's `status.allocatable`; default `resources.memory`).",
    ),
    gpus: z.array(NodeGpu).optional().describe('GPUs of the node, with the extended resource their device plugin offers.'),
  })
  .describe('A node of the cluster: a host of the site (key of `hosts`) with what Kubernetes knows about it.');

export const StorageClass = z
  .strictObject({
    provisioner: z.string().min(1).describe('CSI provisioner, e.g. `rancher.io/local-path`.'),
    description: z.string().optional(),
    dependsOn: StorageDependsOn.optional(),
  })
  .describe('A storage class the cluster has.');

export const Resources = z
  .strictObject({
    requests: z.strictObject({ cpu: Cpu, memory: Memory }),
    limits: z.strictObject({ cpu: Cpu, memory: Memory }),
  })
  .describe('Per-container requests and limits (both are required: a container without limits is unbounded).');

export const Volume = z
  .strictObject({
    size: Memory.describe('PVC size, e.g. `20Gi`.'),
    storageClass: z
      .string()
      .regex(NAME)
      .optional()
      .describe("Storage class (key of `kubernetes.storageClasses`); default the cluster's `defaultStorageClass`."),
  })
  .describe('The persistent volume claim of a component.');

export const Exposure = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('ClusterIP') }),
    z.strictObject({
      type: z.literal('NodePort'),
      nodePort: z.number().int().min(30000).max(32767).describe('Port on every node (30000–32767).'),
    }),
    z.strictObject({
      type: z.literal('Ingress'),
      host: z.string().min(1).describe('Host name the Ingress routes.'),
      className: z.string().optional(),
    }),
  ])
  .describe('How users reach the component: ClusterIP (inside the cluster only), NodePort or Ingress.');

export const Placement = z
  .strictObject({
    avoid: z
      .array(z.string().regex(NAME))
      .optional()
      .describe('Nodes (keys of `kubernetes.nodes`) the component must not run on, e.g. the storage node.'),
    preferMostMemory: z.boolean().optional().describe('Prefer the node(s) with the most memory among those allowed.'),
  })
  .describe('Node affinity of the component.');

const componentFields = {
  image: z
    .string()
    .regex(PINNED_IMAGE, 'must be an image reference with a pinned version tag such as `prom/prometheus:v2.48.0` (not `latest`)')
    .describe('Image with a pinned tag (not `latest`).'),
  resources: Resources,
  placement: Placement.optional(),
};

const Replicas = z
  .number()
  .int()
  .min(1)
  .max(3)
  .optional()
  .describe(
    'Replicas (default 1). More than one only with `flavour: operator` (Prometheus HA pairs, an Alertmanager gossip cluster); Kiln does not emit HA for its own manifests.',
  );

export const PrometheusComponent = z.strictObject({
  ...componentFields,
  replicas: Replicas,
  storage: Volume,
  exposure: Exposure.optional(),
  flags: z
    .strictObject({
      queryMaxConcurrency: z.number().int().min(1).optional().describe('`--query.max-concurrency`.'),
      queryTimeout: KDuration.optional().describe('`--query.timeout`.'),
      enableLifecycle: z.boolean().optional().describe('`--web.enable-lifecycle` (POST /-/reload and /-/quit).'),
    })
    .optional(),
});

export const AlertmanagerComponent = z.strictObject({
  ...componentFields,
  replicas: Replicas,
  storage: Volume,
  retention: KDuration.optional().describe('`--data.retention` of silences and notification log (default 120h).'),
  secret: z
    .strictObject({
      name: z.string().regex(DNS_LABEL).describe('Secret created outside Kiln (referenced, never written).'),
      mountPath: z
        .string()
        .regex(/^\/[^\s]*[^/]$/, 'must be an absolute directory path without a trailing slash')
        .describe('Where it is mounted read-only; every `*File` of the receivers must be below it.'),
    })
    .optional()
    .describe("The Secret holding the receivers' credential files (Slack URL, SMTP password, bearer tokens)."),
  exposure: Exposure.optional(),
});

export const GrafanaComponent = z.strictObject({
  ...componentFields,
  replicas: Replicas,
  storage: Volume,
  exposure: Exposure.optional(),
  rootUrl: z.url().optional().describe('`GF_SERVER_ROOT_URL`.'),
  adminPasswordSecret: z
    .strictObject({ name: z.string().regex(DNS_LABEL), key: z.string().min(1) })
    .describe('Secret (created outside Kiln) holding the admin password; referenced, never written.'),
  anonymous: z
    .strictObject({ role: z.literal('Viewer'), reason: Reason })
    .optional()
    .describe('Anonymous read-only access, with the reason (e.g. dashboard embedding). Absent: every user logs in.'),
});

/** API group of each resource kube-state-metrics can expose (Kiln's ClusterRole for it lists and watches exactly those). */
export const KSM_RESOURCE_API_GROUPS = {
  configmaps: '',
  endpoints: '',
  limitranges: '',
  namespaces: '',
  nodes: '',
  persistentvolumeclaims: '',
  persistentvolumes: '',
  pods: '',
  replicationcontrollers: '',
  resourcequotas: '',
  secrets: '',
  services: '',
  cronjobs: 'batch',
  jobs: 'batch',
  daemonsets: 'apps',
  deployments: 'apps',
  replicasets: 'apps',
  statefulsets: 'apps',
  horizontalpodautoscalers: 'autoscaling',
  ingresses: 'networking.k8s.io',
  networkpolicies: 'networking.k8s.io',
  leases: 'coordination.k8s.io',
  poddisruptionbudgets: 'policy',
  storageclasses: 'storage.k8s.io',
  volumeattachments: 'storage.k8s.io',
  certificatesigningrequests: 'certificates.k8s.io',
  mutatingwebhookconfigurations: 'admissionregistration.k8s.io',
  validatingwebhookconfigurations: 'admissionregistration.k8s.io',
} as const;

export type KsmResource = keyof typeof KSM_RESOURCE_API_GROUPS;
const KSM_RESOURCES = Object.keys(KSM_RESOURCE_API_GROUPS) as [KsmResource, ...KsmResource[]];

export const KubeStateMetricsComponent = z.strictObject({
  ...componentFields,
  replicas: Replicas,
  resourcesWatched: z
    .array(z.enum(KSM_RESOURCES))
    .min(1)
    .optional()
    .describe('`--resources`: the kinds exposed (also what its ClusterRole may list and watch).'),
  metricLabelsAllowlist: z.string().optional().describe('`--metric-labels-allowlist`, e.g. `pods=[*]`.'),
});

export const NodeExporterComponent = z.strictObject({
  ...componentFields,
  host: z
    .strictObject({
      network: z.boolean().describe("hostNetwork: see the node's interfaces."),
      pid: z.boolean().describe("hostPID: see the node's processes."),
      rootfs: z.boolean().describe("Mount the node's `/`, `/proc` and `/sys` read-only."),
      reason: Reason.describe('Why the exporter needs host access (the linter accepts it only with a reason).'),
    })
    .describe('Host access the node exporter needs.'),
  disabledCollectors: z.array(z.string()).optional().describe('Collectors switched off (`--no-collector.<name>`).'),
  mountPointsExclude: z
    .array(z.string().regex(/^\//, 'must be a path prefix such as `/proc`'))
    .optional()
    .describe('Mount points (and everything below) the filesystem collector ignores.'),
  netclassIgnoredDevices: z
    .array(z.string().min(1))
    .optional()
    .describe('Device name regexps the netclass collector ignores, e.g. `veth.*`.'),
});

export const VictoriaMetricsComponent = z.strictObject({
  ...componentFields,
  storage: Volume,
  vmalert: z.strictObject({ ...componentFields }).describe('vmalert: evaluates the generated rule files against VictoriaMetrics.'),
});

export const RELABEL_ACTIONS = [
  'replace',
  'keep',
  'drop',
  'labelmap',
  'labeldrop',
  'labelkeep',
  'hashmod',
  'lowercase',
  'uppercase',
] as const;
export const Relabel = z
  .strictObject({
    sourceLabels: z.array(z.string().regex(LABEL_NAME)).optional(),
    separator: z.string().optional(),
    regex: z.string().optional(),
    targetLabel: z.string().regex(LABEL_NAME).optional(),
    replacement: z.string().optional(),
    modulus: z.number().int().min(1).optional(),
    action: z.enum(RELABEL_ACTIONS).optional(),
  })
  .describe('A relabel rule, as Prometheus `relabel_configs` / `metric_relabel_configs` has it.');

export const K8S_JOBS = [
  'apiserver',
  'kubelet',
  'cadvisor',
  'nodeExporter',
  'kubeStateMetrics',
  'serviceEndpoints',
  'pods',
  'volsync',
] as const;
export const DiscoveryJob = z
  .strictObject({
    jobName: z
      .string()
      .regex(/^[a-z][a-z0-9_-]*$/)
      .optional()
      .describe("Scrape job name (default: the seed's names, `node` for the node exporter as on every Kiln site)."),
    interval: KDuration.optional(),
    relabel: z.array(Relabel).optional().describe("Rules appended after Kiln's own target relabelling."),
    metricRelabel: z.array(Relabel).optional().describe('`metric_relabel_configs`, e.g. dropping high-cardinality series.'),
    namespace: z
      .string()
      .regex(DNS_LABEL)
      .optional()
      .describe('`volsync` only: the namespace VolSync is installed in (default `volsync-system`, as its Helm chart documents).'),
    tls: z
      .strictObject({
        caFile: z.string().min(1).optional().describe('CA certificate file, in the Prometheus pod, that signed the certificate.'),
        insecureSkipVerify: z.boolean().optional().describe('Do not verify the certificate (a `tls/no-insecure-skip-verify` finding).'),
      })
      .optional()
      .describe(
        "`volsync` only: how to verify the certificate of VolSync's kube-rbac-proxy, which generates a self-signed one unless given one: `caFile`, or `insecureSkipVerify` as the chart's own ServiceMonitor does.",
      ),
  })
  .describe(
    'A Kubernetes service-discovery scrape job; Kiln writes its role, TLS with the in-cluster CA and token, and target relabelling.',
  );

export const Discovery = z
  .partialRecord(z.enum(K8S_JOBS), DiscoveryJob)
  .describe('The Kubernetes scrape jobs to run, keyed by what they scrape.');

export const Stack = z
  .strictObject({
    backend: z
      .enum(['prometheus', 'victoriametrics'])
      .optional()
      .describe('Time-series backend: Prometheus (default) or VictoriaMetrics single-node with vmalert.'),
    budget: z
      .strictObject({
        memoryLimit: Memory.describe('Sum of memory limits of every pod of the stack (the node exporter once per node).'),
        cpuLimit: Cpu.optional(),
      })
      .describe("The stack's budget; the build fails, naming the components, when limits exceed it."),
    prometheus: PrometheusComponent,
    alertmanager: AlertmanagerComponent,
    grafana: GrafanaComponent,
    kubeStateMetrics: KubeStateMetricsComponent,
    nodeExporter: NodeExporterComponent,
    victoriaMetrics: VictoriaMetricsComponent.optional(),
  })
  .describe('The monitoring stack as it runs in the cluster.');

export const FLAVOURS = ['manifests', 'operator'] as const;
export const Flavour = z
  .enum(FLAVOURS)
  .describe(
    "How the stack is deployed. `manifests` (default): Kiln's own Deployments of Prometheus, Alertmanager and Grafana, configured by ConfigMaps. " +
      '`operator`: for a cluster running the prometheus-operator (kube-prometheus-stack) — Prometheus and Alertmanager custom resources, ' +
      "PrometheusRules, ServiceMonitors, the Alertmanager configuration as its Secret, and dashboards and datasources as ConfigMaps for the chart's Grafana sidecar " +
      "(Grafana itself is the chart's: `stack.grafana` is not deployed).",
  );

export const Cluster = z
  .strictObject({
    name: z.string().regex(NAME).describe('Cluster name.'),
    namespace: z.string().regex(DNS_LABEL).describe('Namespace the monitoring stack lives in.'),
    clusterDomain: z.string().optional().describe('DNS domain of the cluster (default `cluster.local`).'),
    nodes: z.record(z.string().regex(NAME), ClusterNode).describe('The nodes, keyed by host (key of `hosts`).'),
    storageClasses: z.record(z.string().regex(NAME), StorageClass).describe('Storage classes the cluster offers.'),
    defaultStorageClass: z.string().regex(NAME).optional(),
    flavour: Flavour.optional(),
    stack: Stack,
    discovery: Discovery,
    workloads: z
      .record(z.string().regex(NAME), Workload)
      .optional()
      .describe('The apps the cluster runs, keyed by app name (workload-schema.ts).'),
    dependencies: z
      .record(z.string().regex(NAME), Dependency)
      .optional()
      .describe('External systems the storage depends on (Ceph, NFS servers), keyed by name.'),
  })
  .describe('A Kubernetes cluster the site is, and the monitoring stack Kiln deploys into it.');
