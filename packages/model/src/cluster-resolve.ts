/**
 * Resolves `kubernetes` of a site: node and storage-class references, named defaults, the budget.
 * Called by resolve() after the core site is resolved; reports issues through `error`.
 */
import { receiverFiles } from './receiver-files.js';
import type { z } from 'zod';
import type * as C from './cluster-schema.js';
import { K8S_JOBS } from './cluster-schema.js';
import type * as K from './cluster-resolved.js';
import { suggest } from './errors.js';
import type * as R from './resolved.js';
import { resolveWorkloads } from './workload-resolve.js';
import { formatMemory, memoryBytes } from './quantity.js';

export { formatMemory, memoryBytes };

type Path = (string | number)[];
type ClusterInput = z.output<typeof C.Cluster>;

export const DEFAULT_CLUSTER_DOMAIN = 'cluster.local';
export const DEFAULT_ALERTMANAGER_RETENTION = '120h';
export const DEFAULT_NODE_EXPORTER_PORT = 9100;
/** VictoriaMetrics single-node: its Service name and HTTP port (Prometheus query API, /api/v1/write). */
export const VICTORIA_METRICS = 'victoria-metrics';
export const VICTORIA_METRICS_PORT = 8428;
export const VMALERT = 'vmalert';
export const VMALERT_PORT = 8880;
/** Job names of the Kubernetes scrape jobs: the exporter kind whose catalog describes the job (`node`, `kubelet`, `cadvisor`, `kube-state-metrics`) as on every Kiln site, else the seed's. */
export const DEFAULT_K8S_JOB_NAMES: Record<K.K8sJobKind, string> = {
  apiserver: 'kubernetes-apiservers',
  kubelet: 'kubelet',
  cadvisor: 'cadvisor',
  nodeExporter: 'node',
  kubeStateMetrics: 'kube-state-metrics',
  serviceEndpoints: 'kubernetes-service-endpoints',
  pods: 'kubernetes-pods',
  volsync: 'volsync',
};
/**
 * VolSync's metrics Service as its Helm chart installs it: namespace `volsync-system`, the label
 * `control-plane: <release>-controller`, the https port of its kube-rbac-proxy.
 */
export const VOLSYNC_METRICS_SERVICE = {
  namespace: 'volsync-system',
  label: 'control-plane',
  value: 'volsync-controller',
  port: 'https',
} as const;
/** What kube-state-metrics exposes by default (the seed's list); its ClusterRole lists and watches exactly these. */
export const DEFAULT_KSM_RESOURCES: readonly K.KsmResource[] = [
  'configmaps',
  'cronjobs',
  'daemonsets',
  'deployments',
  'endpoints',
  'horizontalpodautoscalers',
  'ingresses',
  'jobs',
  'leases',
  'limitranges',
  'namespaces',
  'networkpolicies',
  'nodes',
  'persistentvolumeclaims',
  'persistentvolumes',
  'poddisruptionbudgets',
  'pods',
  'replicasets',
  'replicationcontrollers',
  'resourcequotas',
  'services',
  'statefulsets',
  'storageclasses',
];

export function resolveCluster(
  k: ClusterInput,
  hosts: Map<string, R.ResolvedHost>,
  error: (path: Path, message: string) => void,
): K.ResolvedCluster {
  const at = (...rest: Path): Path => ['kubernetes', ...rest];
  const nodes: K.ResolvedClusterNode[] = Object.entries(k.nodes)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .flatMap(([name, n]) => {
      const host = hosts.get(name);
      if (!host) {
        error(at('nodes', name), `unknown host \`${name}\`; a node must be a host of the site; ${suggest(name, [...hosts.keys()])}`);
        return [];
      }
      return [
        {
          name,
          host,
          cpu: n.resources.cpu,
          memory: n.resources.memory,
          memoryBytes: memoryBytes(n.resources.memory),
          disk: n.resources.disk,
          architecture: n.architecture,
          labels: n.labels ?? {},
          taints: n.taints ?? [],
          allocatableMemoryBytes: memoryBytes(n.allocatableMemory ?? n.resources.memory),
          gpus: (n.gpus ?? []).map((g) => ({ ...g, count: g.count ?? 1 })),
        },
      ];
    });
  if (nodes.length === 0) error(at('nodes'), 'a cluster needs at least one node');
  const classes = Object.keys(k.storageClasses).sort();
  if (k.defaultStorageClass !== undefined && !classes.includes(k.defaultStorageClass)) {
    error(at('defaultStorageClass'), `unknown storage class \`${k.defaultStorageClass}\`; ${suggest(k.defaultStorageClass, classes)}`);
  }
  const volume = (v: z.output<typeof C.Volume>, path: Path): K.ResolvedVolume => {
    const cls = v.storageClass ?? k.defaultStorageClass;
    if (cls === undefined) error([...path, 'storageClass'], 'is required: the cluster declares no `defaultStorageClass`');
    else if (!classes.includes(cls))
      error(
        [...path, 'storageClass'],
        `unknown storage class \`${cls}\`; the cluster has ${classes.map((c) => `\`${c}\``).join(', ') || 'none'}; ${suggest(cls, classes)}`,
      );
    return { size: v.size, storageClass: cls ?? '' };
  };
  const nodeNames = nodes.map((n) => n.name);
  const placement = (p: z.output<typeof C.Placement> | undefined, path: Path): K.ResolvedPlacement => {
    const avoid = [...new Set(p?.avoid ?? [])].sort();
    avoid.forEach((n) => {
      if (!nodeNames.includes(n)) error([...path, 'placement', 'avoid'], `unknown node \`${n}\`; ${suggest(n, nodeNames)}`);
    });
    const allowed = nodes.filter((n) => !avoid.includes(n.name));
    if (nodes.length > 0 && allowed.length === 0)
      error([...path, 'placement', 'avoid'], 'avoids every node of the cluster; the pod could never be scheduled');
    const most = Math.max(...allowed.map((n) => n.memoryBytes));
    const prefer = p?.preferMostMemory ? allowed.filter((n) => n.memoryBytes === most).map((n) => n.name) : [];
    return { avoid, prefer };
  };
  for (const [key, c] of Object.entries(k.stack) as [string, { resources?: z.output<typeof C.Resources> }][]) {
    const r = c?.resources;
    if (!r) continue;
    if (memoryBytes(r.requests.memory) > memoryBytes(r.limits.memory))
      error(at('stack', key, 'resources', 'requests', 'memory'), `request ${r.requests.memory} exceeds the limit ${r.limits.memory}`);
    if (milliCpu(r.requests.cpu) > milliCpu(r.limits.cpu))
      error(at('stack', key, 'resources', 'requests', 'cpu'), `request ${r.requests.cpu} exceeds the limit ${r.limits.cpu}`);
  }
  const s = k.stack;
  const backend = s.backend ?? 'prometheus';
  if (backend === 'victoriametrics' && !s.victoriaMetrics)
    error(at('stack', 'victoriaMetrics'), 'is required with `backend: victoriametrics` (image, resources, storage, vmalert)');
  const base = (
    c: { image: string; resources: z.output<typeof C.Resources>; placement?: z.output<typeof C.Placement> | undefined },
    key: string,
  ): K.ResolvedComponentBase => ({
    image: c.image,
    resources: c.resources,
    placement: placement(c.placement, at('stack', key)),
  });
  const stack: Omit<K.ResolvedStack, 'memoryByComponent'> = {
    backend,
    budget: {
      memoryLimit: s.budget.memoryLimit,
      memoryLimitBytes: memoryBytes(s.budget.memoryLimit),
      ...(s.budget.cpuLimit !== undefined && { cpuLimit: s.budget.cpuLimit }),
    },
    prometheus: {
      ...base(s.prometheus, 'prometheus'),
      replicas: s.prometheus.replicas ?? 1,
      storage: volume(s.prometheus.storage, at('stack', 'prometheus', 'storage')),
      exposure: s.prometheus.exposure ?? { type: 'ClusterIP' },
      flags: { ...s.prometheus.flags, enableLifecycle: s.prometheus.flags?.enableLifecycle ?? false },
    },
    alertmanager: {
      ...base(s.alertmanager, 'alertmanager'),
      replicas: s.alertmanager.replicas ?? 1,
      storage: volume(s.alertmanager.storage, at('stack', 'alertmanager', 'storage')),
      retention: s.alertmanager.retention ?? DEFAULT_ALERTMANAGER_RETENTION,
      exposure: s.alertmanager.exposure ?? { type: 'ClusterIP' },
      ...(s.alertmanager.secret !== undefined && { secret: s.alertmanager.secret }),
    },
    grafana: {
      ...base(s.grafana, 'grafana'),
      replicas: s.grafana.replicas ?? 1,
      storage: volume(s.grafana.storage, at('stack', 'grafana', 'storage')),
      exposure: s.grafana.exposure ?? { type: 'ClusterIP' },
      ...(s.grafana.rootUrl !== undefined && { rootUrl: s.grafana.rootUrl }),
      adminPasswordSecret: s.grafana.adminPasswordSecret,
      ...(s.grafana.anonymous !== undefined && { anonymous: s.grafana.anonymous }),
    },
    kubeStateMetrics: {
      ...base(s.kubeStateMetrics, 'kubeStateMetrics'),
      replicas: s.kubeStateMetrics.replicas ?? 1,
      resourcesWatched: [...(s.kubeStateMetrics.resourcesWatched ?? DEFAULT_KSM_RESOURCES)].sort(),
      ...(s.kubeStateMetrics.metricLabelsAllowlist !== undefined && { metricLabelsAllowlist: s.kubeStateMetrics.metricLabelsAllowlist }),
    },
    nodeExporter: {
      ...base(s.nodeExporter, 'nodeExporter'),
      host: s.nodeExporter.host,
      disabledCollectors: [...new Set(s.nodeExporter.disabledCollectors ?? [])].sort(),
      mountPointsExclude: [...(s.nodeExporter.mountPointsExclude ?? [])],
      netclassIgnoredDevices: [...(s.nodeExporter.netclassIgnoredDevices ?? [])],
    },
    ...(s.victoriaMetrics && {
      victoriaMetrics: {
        ...base(s.victoriaMetrics, 'victoriaMetrics'),
        storage: volume(s.victoriaMetrics.storage, at('stack', 'victoriaMetrics', 'storage')),
        vmalert: base(s.victoriaMetrics.vmalert, 'victoriaMetrics'),
      },
    }),
  };
  const flavour = k.flavour ?? 'manifests';
  checkFlavour(k, flavour, error);
  const memoryByComponent = budgetLines(stack, nodes.length, flavour);
  const total = memoryByComponent.reduce((sum, c) => sum + c.bytes * c.pods, 0);
  if (total > stack.budget.memoryLimitBytes) {
    const parts = memoryByComponent
      .map((c) => `${c.component} ${c.pods > 1 ? `${c.pods} × ${c.memoryLimit} = ${formatMemory(c.bytes * c.pods)}` : c.memoryLimit}`)
      .join(', ');
    error(
      at('stack', 'budget', 'memoryLimit'),
      `the stack's memory limits sum to ${formatMemory(total)} (${parts}), over the budget of ${s.budget.memoryLimit}; lower the limits of the largest components or raise the budget`,
    );
  }
  const discovery: K.ResolvedDiscoveryJob[] = K8S_JOBS.flatMap((kind) => {
    const j = k.discovery[kind];
    if (!j) return [];
    return [
      {
        kind,
        jobName: j.jobName ?? DEFAULT_K8S_JOB_NAMES[kind],
        ...(j.interval !== undefined && { interval: j.interval }),
        relabel: j.relabel ?? [],
        metricRelabel: j.metricRelabel ?? [],
        ...(kind === 'volsync' && { namespace: j.namespace ?? VOLSYNC_METRICS_SERVICE.namespace, tls: j.tls ?? {} }),
      },
    ];
  });
  for (const kind of K8S_JOBS)
    for (const field of ['namespace', 'tls'] as const)
      if (kind !== 'volsync' && k.discovery[kind]?.[field] !== undefined)
        error(at('discovery', kind, field), `\`${field}\` applies to the \`volsync\` job only; remove it from \`${kind}\``);
  const volsyncTls = k.discovery.volsync?.tls;
  if (k.discovery.volsync && !volsyncTls?.caFile === !volsyncTls?.insecureSkipVerify)
    error(
      at('discovery', 'volsync', 'tls'),
      volsyncTls?.caFile
        ? 'give `caFile` or `insecureSkipVerify`, not both'
        : "VolSync's metrics endpoint (kube-rbac-proxy) serves a certificate it generates itself unless given one: set `tls: { caFile: '<CA in the Prometheus pod>' }` when you gave it one, else `tls: { insecureSkipVerify: true }` (as the chart's ServiceMonitor does) and suppress `tls/no-insecure-skip-verify` with the reason",
    );
  const jobNames = new Map<string, string>();
  for (const j of discovery) {
    const other = jobNames.get(j.jobName);
    if (other)
      error(
        at('discovery', j.kind, 'jobName'),
        `job name \`${j.jobName}\` is already used by discovery job \`${other}\`; job names must be unique`,
      );
    jobNames.set(j.jobName, j.kind);
  }
  for (const [name, d] of Object.entries(k.dependencies ?? {}))
    if (d.kind === 'ceph' && d.mgr && (jobNames.has(name) || ['prometheus', 'alertmanager'].includes(name)))
      error(
        at('dependencies', name),
        `\`${name}\` is also the name of a scrape job; a monitored Ceph dependency gives its scrape job its name: rename it`,
      );
  return {
    name: k.name,
    flavour,
    namespace: k.namespace,
    clusterDomain: k.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN,
    nodes,
    storageClasses: classes.map((name) => ({
      name,
      provisioner: k.storageClasses[name]!.provisioner,
      ...(k.storageClasses[name]!.description !== undefined && { description: k.storageClasses[name]!.description }),
      ...(k.storageClasses[name]!.dependsOn !== undefined && { dependsOn: k.storageClasses[name]!.dependsOn }),
    })),
    stack: { ...stack, memoryByComponent },
    discovery,
    ...resolveWorkloads(k, nodeNames, error),
  };
}

export function milliCpu(q: string): number {
  return q.endsWith('m') ? Number(q.slice(0, -1)) : Math.round(Number(q) * 1000);
}

/** What each flavour can deploy: HA replicas only through the operator; the operator flavour speaks Prometheus, not VictoriaMetrics. */
function checkFlavour(k: ClusterInput, flavour: K.ResolvedCluster['flavour'], error: (path: Path, message: string) => void): void {
  const at = (...rest: Path): Path => ['kubernetes', ...rest];
  if (flavour === 'manifests') {
    for (const c of ['prometheus', 'alertmanager', 'grafana', 'kubeStateMetrics'] as const) {
      const replicas = k.stack[c].replicas ?? 1;
      if (replicas > 1)
        error(
          at('stack', c, 'replicas'),
          `${replicas} replicas need \`flavour: 'operator'\` (the prometheus-operator runs HA pairs and the Alertmanager cluster); Kiln's own manifests run 1`,
        );
    }
    return;
  }
  if ((k.stack.backend ?? 'prometheus') !== 'prometheus')
    error(
      at('stack', 'backend'),
      "the operator flavour deploys Prometheus (the prometheus-operator's); remove `backend` or use `flavour: 'manifests'`",
    );
}

function budgetLines(
  s: Omit<K.ResolvedStack, 'memoryByComponent'>,
  nodeCount: number,
  flavour: K.ResolvedCluster['flavour'],
): K.ResolvedStack['memoryByComponent'] {
  const line = (component: string, pods: number, memoryLimit: string) => ({
    component,
    pods,
    memoryLimit,
    bytes: memoryBytes(memoryLimit),
  });
  const tsdb =
    s.backend === 'victoriametrics' && s.victoriaMetrics
      ? [
          line('victoria-metrics', 1, s.victoriaMetrics.resources.limits.memory),
          line('vmalert', 1, s.victoriaMetrics.vmalert.resources.limits.memory),
        ]
      : [line('prometheus', s.prometheus.replicas, s.prometheus.resources.limits.memory)];
  return [
    ...tsdb,
    line('alertmanager', s.alertmanager.replicas, s.alertmanager.resources.limits.memory),
    // With the operator, Grafana is kube-prometheus-stack's: not part of what Kiln deploys.
    ...(flavour === 'operator' ? [] : [line('grafana', s.grafana.replicas, s.grafana.resources.limits.memory)]),
    line('kube-state-metrics', s.kubeStateMetrics.replicas, s.kubeStateMetrics.resources.limits.memory),
    line('node-exporter', nodeCount, s.nodeExporter.resources.limits.memory),
  ];
}

/**
 * Every cluster node runs the stack's node exporter (the DaemonSet, on the host network): it is an
 * exporter of the host, so inventory rules and dashboards see it as on any other site. Its `instance`
 * is the node name (the scrape job relabels it so: endpoint addresses change with DHCP leases).
 */
export function clusterNodeExporters(cluster: K.ResolvedCluster, error: (path: Path, message: string) => void): void {
  for (const n of cluster.nodes) {
    if (n.host.exporters.some((e) => e.kind === 'node')) {
      error(
        ['hosts', n.name, 'exporters', 'node'],
        "is deployed by the cluster's node-exporter DaemonSet (`kubernetes.stack.nodeExporter`); remove it from the host",
      );
      continue;
    }
    const i = n.host.interfaces[0];
    const target = `${i?.reachableAs ?? n.name}:${DEFAULT_NODE_EXPORTER_PORT}`;
    n.host.exporters.push({
      kind: 'node',
      host: n.name,
      port: DEFAULT_NODE_EXPORTER_PORT,
      bind: i ? { kind: 'interface', interface: i } : { kind: 'loopback' },
      target,
      instance: n.name,
      scheme: 'http',
      collectors: [],
    });
    n.host.exporters.sort((a, b) => (a.kind < b.kind ? -1 : 1));
  }
}

/**
 * The site with its cluster: nodes get the DaemonSet's node exporter, and Prometheus and Alertmanager
 * are reached at their Services (`<name>.<namespace>.svc:<port>`), not at a host address.
 */
export function withCluster(
  k: ClusterInput | undefined,
  site: R.ResolvedSite,
  error: (path: Path, message: string) => void,
): R.ResolvedSite {
  if (!k) return site;
  const hosts = new Map(site.hosts.map((h) => [h.name, h]));
  const cluster = resolveCluster(k, hosts, error);
  clusterNodeExporters(cluster, error);
  for (const [key, server] of [
    ['prometheus', site.prometheus],
    ['alertmanager', site.alertmanager],
  ] as const) {
    if (!cluster.nodes.some((n) => n.name === server.host.name)) {
      error(
        [key, 'host'],
        `\`${server.host.name}\` is not a node of cluster \`${cluster.name}\`; on Kubernetes \`host\` names the node ${key} prefers (add it to \`kubernetes.nodes\`)`,
      );
    }
  }
  checkReceiverFiles(cluster, site, error);
  const service = (name: string, port: number) => `${name}.${cluster.namespace}.svc:${port}`;
  // With VictoriaMetrics, Grafana and alert links query it (Prometheus' API on its own port).
  const prometheusAddress =
    cluster.stack.backend === 'victoriametrics'
      ? service(VICTORIA_METRICS, VICTORIA_METRICS_PORT)
      : service('prometheus', site.prometheus.port);
  return {
    ...site,
    prometheus: { ...site.prometheus, address: prometheusAddress, externalUrl: `http://${prometheusAddress}` },
    alertmanager: { ...site.alertmanager, address: service('alertmanager', site.alertmanager.port) },
    kubernetes: cluster,
  };
}

/** In the cluster, Alertmanager reads the receivers' credential files from its Secret: every one must be below its mount. */
function checkReceiverFiles(cluster: K.ResolvedCluster, site: R.ResolvedSite, error: (path: Path, message: string) => void): void {
  const secret = cluster.stack.alertmanager.secret;
  for (const r of site.receivers) {
    for (const { path, file } of receiverFiles(r)) {
      if (!secret)
        error(
          ['receivers', r.name, ...path],
          `Alertmanager runs in cluster \`${cluster.name}\` and can read \`${file}\` only from a Secret; set \`kubernetes.stack.alertmanager.secret\` and put the file below its \`mountPath\``,
        );
      else if (!file.startsWith(`${secret.mountPath}/`))
        error(
          ['receivers', r.name, ...path],
          `\`${file}\` is not below \`${secret.mountPath}/\`, where Alertmanager's Secret \`${secret.name}\` is mounted; move it there`,
        );
    }
  }
}
