/** The resolved workloads, backups, external dependencies and node GPUs of a cluster (see workload-schema.ts). */
import type { z } from 'zod';
import type * as W from './workload-schema.js';

export type Criticality = (typeof W.CRITICALITY)[number];
export type WorkloadKind = (typeof W.WORKLOAD_KINDS)[number];

export type ResolvedAppVolume =
  | {
      name: string;
      type: 'pvc';
      storageClass: string;
      size: string;
      reclaimPolicy: 'Retain' | 'Delete';
      claimName: string;
    }
  | { name: string; type: 'nfs'; server: string; path: string; readOnly: boolean };

export interface ResolvedBackup {
  method: (typeof W.BACKUP_METHODS)[number];
  every: string;
  everySeconds: number;
  retention: string;
  retentionSeconds: number;
  /** The PVC backed up (key of the app's `volumes`). */
  volume: string;
  /** The VolSync ReplicationSource: its metrics carry `obj_name` = this and `obj_namespace` = the app's namespace. */
  replicationSource: string;
  repositorySecret?: string;
  slack: string;
  slackSeconds: number;
}

export interface ResolvedWorkload {
  name: string;
  namespace: string;
  kind: WorkloadKind;
  /** Pods per node for a DaemonSet, else the replicas. */
  replicas: number;
  criticality: Criticality;
  description?: string;
  volumes: ResolvedAppVolume[];
  placement?: { nodes: string[]; reason: string };
  resources: {
    requests: { cpu?: string; memory?: string };
    limits: { cpu?: string; memory?: string };
    gpu?: { resource: string; count: number };
  };
  backup?: ResolvedBackup;
  /** The external dependencies the app's volumes need, sorted (names of `dependencies`). */
  dependsOn: string[];
}

/** A workload's use of a dependency: which volume, through which storage class or export. */
export interface DependencyUse {
  workload: string;
  namespace: string;
  volume: string;
  /** `storage class ceph-block`, `export /nfs/plex`. */
  via: string;
}

interface DependencyBase {
  name: string;
  description?: string;
  /** Whether Prometheus sees it: Ceph with `mgr` targets; NFS through the cluster's node exporter. */
  monitored: boolean;
  /** Storage classes that depend on it. */
  storageClasses: string[];
  usedBy: DependencyUse[];
}
export type ResolvedDependency =
  (DependencyBase & { kind: 'ceph'; mgrTargets: string[] }) | (DependencyBase & { kind: 'nfs'; address: string; exports: string[] });

export type ResolvedNodeGpu = z.output<typeof W.NodeGpu> & { count: number };
