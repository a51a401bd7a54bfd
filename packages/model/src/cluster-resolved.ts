/** The resolved Kubernetes cluster: defaults applied, node and storage-class references checked. */
import type { z } from 'zod';
import type * as C from './cluster-schema.js';
import type { ResolvedHost } from './resolved.js';
import type { ResolvedDependency, ResolvedNodeGpu, ResolvedWorkload } from './workload-resolved.js';

export type Relabel = z.output<typeof C.Relabel>;
export type K8sJobKind = (typeof C.K8S_JOBS)[number];
export type KsmResource = C.KsmResource;
export type ContainerResources = z.output<typeof C.Resources>;
export type Exposure = z.output<typeof C.Exposure>;

export interface ResolvedClusterNode {
  name: string;
  host: ResolvedHost;
  cpu: number;
  memory: string;
  memoryBytes: number;
  disk: string;
  architecture: 'arm64' | 'amd64';
  labels: Record<string, string>;
  taints: z.output<typeof C.Taint>[];
  /** `allocatableMemory`, default the node's memory. */
  allocatableMemoryBytes: number;
  gpus: ResolvedNodeGpu[];
}

export interface ResolvedVolume {
  size: string;
  storageClass: string;
}

/** Node affinity, resolved to node names: `avoid` (required NotIn) and `prefer` (preferred In). */
export interface ResolvedPlacement {
  avoid: string[];
  prefer: string[];
}

export interface ResolvedComponentBase {
  image: string;
  resources: ContainerResources;
  placement: ResolvedPlacement;
}

export interface ResolvedStack {
  backend: 'prometheus' | 'victoriametrics';
  budget: { memoryLimit: string; memoryLimitBytes: number; cpuLimit?: string };
  prometheus: ResolvedComponentBase & {
    replicas: number;
    storage: ResolvedVolume;
    exposure: Exposure;
    flags: { queryMaxConcurrency?: number; queryTimeout?: string; enableLifecycle: boolean };
  };
  alertmanager: ResolvedComponentBase & {
    replicas: number;
    storage: ResolvedVolume;
    retention: string;
    exposure: Exposure;
    secret?: { name: string; mountPath: string };
  };
  grafana: ResolvedComponentBase & {
    replicas: number;
    storage: ResolvedVolume;
    exposure: Exposure;
    rootUrl?: string;
    adminPasswordSecret: { name: string; key: string };
    anonymous?: { role: 'Viewer'; reason: string };
  };
  kubeStateMetrics: ResolvedComponentBase & { replicas: number; resourcesWatched: KsmResource[]; metricLabelsAllowlist?: string };
  nodeExporter: ResolvedComponentBase & {
    host: { network: boolean; pid: boolean; rootfs: boolean; reason: string };
    disabledCollectors: string[];
    mountPointsExclude: string[];
    netclassIgnoredDevices: string[];
  };
  victoriaMetrics?: ResolvedComponentBase & { storage: ResolvedVolume; vmalert: ResolvedComponentBase };
  /** Memory limit of every pod of the stack, for the budget (the node exporter once per node). */
  memoryByComponent: { component: string; pods: number; memoryLimit: string; bytes: number }[];
}

export interface ResolvedDiscoveryJob {
  kind: K8sJobKind;
  jobName: string;
  interval?: string;
  relabel: Relabel[];
  metricRelabel: Relabel[];
  /** `volsync`: the namespace VolSync runs in, and how its certificate is verified (one of the two is set). */
  namespace?: string;
  tls?: { caFile?: string; insecureSkipVerify?: boolean };
}

export interface ResolvedCluster {
  name: string;
  /** `manifests`: Kiln's own workloads; `operator`: prometheus-operator resources (cluster-schema.ts `Flavour`). */
  flavour: 'manifests' | 'operator';
  namespace: string;
  clusterDomain: string;
  nodes: ResolvedClusterNode[];
  storageClasses: { name: string; provisioner: string; description?: string; dependsOn?: { dependency: string; export?: string } }[];
  stack: ResolvedStack;
  /** In job order: apiserver, kubelet, cadvisor, nodeExporter, kubeStateMetrics, serviceEndpoints, pods, volsync. */
  discovery: ResolvedDiscoveryJob[];
  /** The apps the cluster runs, by name (workload-resolve.ts). */
  workloads: ResolvedWorkload[];
  /** External dependencies (Ceph, NFS servers), by name. */
  dependencies: ResolvedDependency[];
}
