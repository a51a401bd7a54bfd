/**
 * What a cluster runs, as far as monitoring needs to know: the apps (workloads) with their
 * volumes, placement, resources and criticality, their backups, the external dependencies their
 * storage hangs on (Ceph, NFS servers and their exports), and the GPUs of the nodes. Enough to
 * derive alerts and lint findings — not a general Kubernetes authoring tool: Kiln writes no
 * manifest of these apps. Linked from `kubernetes` (cluster-schema.ts) by `workloads`,
 * `dependencies` and the nodes' `gpus`.
 */
import { durationSeconds } from '@kiln/promql';
import { z } from 'zod';

// Same quantities as cluster-schema.ts (which imports this file, so they are not imported from there).
const Memory = z.string().regex(/^\d+(Ki|Mi|Gi|Ti)$/, 'must be a memory quantity in binary units such as `512Mi` or `2Gi`');
const Cpu = z.string().regex(/^(\d+m|\d+(\.\d+)?)$/, 'must be a CPU quantity such as `250m` or `1`');
const NAME = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
const Name = (what: string) => z.string().regex(NAME, `must be a ${what}: lower-case letters, digits and \`-\`, starting with a letter`);
const Reason = z.string().min(10, 'give the reason in a sentence');
const ExportPath = z.string().regex(/^\/[^\s]*$/, 'must be an absolute export path such as `/nfs/plex`');
/** Extended resource names as the device plugins register them: `gpu.intel.com/i915`, `nvidia.com/gpu`, `amd.com/gpu`. */
export const EXTENDED_RESOURCE = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$/;
const ExtendedResource = z
  .string()
  .regex(EXTENDED_RESOURCE, 'must be an extended resource name `<domain>/<name>` such as `gpu.intel.com/i915`');
/** A schedule or retention as a Prometheus duration of whole hours or days (`6h`, `1d`, `7d`). */
const Interval = (what: string, example: string) =>
  z
    .string()
    .regex(/^(\d+w)?(\d+d)?(\d+h)?(\d+m)?$/, `must be a duration such as \`${example}\` (units w, d, h, m; largest first)`)
    .refine((d) => (durationSeconds(d) ?? 0) > 0, `${what} must be longer than 0; use a duration such as \`${example}\``);

export const CRITICALITY = ['critical', 'important', 'best-effort'] as const;
export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'] as const;
export const BACKUP_METHODS = ['volsync-restic'] as const;
export const RECLAIM_POLICIES = ['Retain', 'Delete'] as const;

export const PvcVolume = z
  .strictObject({
    type: z.literal('pvc'),
    storageClass: Name('storage class').describe('Storage class (key of `kubernetes.storageClasses`).'),
    size: Memory.describe('Requested size, e.g. `10Gi`.'),
    reclaimPolicy: z
      .enum(RECLAIM_POLICIES)
      .describe('Reclaim policy of the bound PersistentVolume: `Retain` keeps the data when the claim is deleted, `Delete` removes it.'),
    claimName: Name('claim name').optional().describe('Name of the PersistentVolumeClaim (default: the volume key prefixed with the app).'),
  })
  .describe('A PersistentVolumeClaim of the app.');

export const NfsVolume = z
  .strictObject({
    type: z.literal('nfs'),
    server: Name('dependency name').describe('The NFS server (key of `kubernetes.dependencies`, a dependency of kind `nfs`).'),
    path: ExportPath.describe('The export mounted (one of the server’s `exports`), e.g. `/nfs/plex`.'),
    readOnly: z.boolean().optional().describe('Mounted read-only (default false).'),
  })
  .describe('An NFS export mounted directly into the pods (an `nfs:` volume).');

export const AppVolume = z.discriminatedUnion('type', [PvcVolume, NfsVolume]).describe('A volume of the app: a PVC or an NFS export.');

export const AppPlacement = z
  .strictObject({
    nodes: z
      .array(Name('node name'))
      .min(1)
      .describe('Nodes (keys of `kubernetes.nodes`) the pods may run on (node affinity / nodeSelector); one node pins the app.'),
    reason: Reason.describe('Why the app is tied to these nodes, e.g. the Zigbee dongle is plugged into metal0.'),
  })
  .describe('Node pinning or affinity of the app, with the reason.');

export const AppResources = z
  .strictObject({
    requests: z.strictObject({ cpu: Cpu.optional(), memory: Memory.optional() }).optional(),
    limits: z.strictObject({ cpu: Cpu.optional(), memory: Memory.optional() }).optional(),
    gpu: z
      .strictObject({
        resource: ExtendedResource.describe('Extended resource the pod requests, e.g. `gpu.intel.com/i915`.'),
        count: z.number().int().min(1).optional().describe('How many (default 1).'),
      })
      .optional()
      .describe('A GPU the pod requests through a device plugin; it can run only on nodes whose `gpus` offer that resource.'),
  })
  .describe('Requests and limits of one pod (all its containers together).');

export const Backup = z
  .strictObject({
    method: z
      .enum(BACKUP_METHODS)
      .describe('How the backup is taken: `volsync-restic` (a VolSync ReplicationSource with the restic mover).'),
    every: Interval('the schedule', '6h').describe('How often a backup runs (the ReplicationSource’s schedule), e.g. `6h` or `1d`.'),
    retention: Interval('the retention', '7d').describe('How long backups are kept (the restic `retain` policy), e.g. `7d`.'),
    volume: Name('volume key').optional().describe('The PVC backed up (key of `volumes`; default: the app’s only PVC).'),
    replicationSource: Name('ReplicationSource name')
      .optional()
      .describe('Name of the VolSync ReplicationSource (default: the app name); VolSync labels its metrics with it (`obj_name`).'),
    repositorySecret: Name('Secret name')
      .optional()
      .describe('The Secret holding the restic repository and password (documentation; never read).'),
    slack: Interval('the slack', '1h')
      .optional()
      .describe('How long a backup may be overdue before BackupStale fires (default: a quarter of `every`, between 30m and 2h).'),
  })
  .describe('The backup of the app’s data.');

export const Workload = z
  .strictObject({
    description: z.string().optional(),
    namespace: Name('namespace').describe('Namespace the app runs in.'),
    kind: z.enum(WORKLOAD_KINDS).describe('The controller that runs the pods.'),
    replicas: z.number().int().min(1).optional().describe('Pods (default 1; not for a DaemonSet, which runs one per node).'),
    criticality: z
      .enum(CRITICALITY)
      .describe('`critical`: losing it or its data hurts (passwords, home automation); `important`; `best-effort`: rebuildable.'),
    volumes: z.record(Name('volume key'), AppVolume).optional().describe('PVCs and NFS exports the pods mount, keyed by name.'),
    placement: AppPlacement.optional(),
    resources: AppResources.optional(),
    backup: Backup.optional(),
  })
  .describe('An app the cluster runs (Kiln does not deploy it; it derives the app’s monitoring).');

export const CephDependency = z
  .strictObject({
    kind: z.literal('ceph'),
    description: z.string().optional(),
    mgr: z
      .strictObject({
        targets: z
          .array(z.string().regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'must be `host:port`, e.g. `192.168.0.11:9283`'))
          .min(1)
          .describe(
            'Every ceph-mgr running the prometheus module (`ceph mgr module enable prometheus`, port 9283); only the active one answers with metrics.',
          ),
      })
      .optional()
      .describe('Where Prometheus scrapes Ceph. Absent: Ceph is not monitored (a lint finding for the workloads on it).'),
  })
  .describe('An external Ceph cluster (e.g. Proxmox Ceph consumed through ceph-csi).');

export const NfsDependency = z
  .strictObject({
    kind: z.literal('nfs'),
    description: z.string().optional(),
    address: z.string().min(1).describe('The server’s address as it appears in mounts (`<address>:<export>`), e.g. `192.168.0.41`.'),
    exports: z.array(ExportPath).min(1).describe('The exports the cluster uses, e.g. `/nfs/plex`.'),
  })
  .describe(
    "An external NFS server. Watched from the cluster's nodes: the node exporter reports every NFS mount the kubelet made (`node_filesystem_device_error`).",
  );

export const Dependency = z
  .discriminatedUnion('kind', [CephDependency, NfsDependency])
  .describe('Something outside the cluster its storage depends on.');

export const StorageDependsOn = z
  .strictObject({
    dependency: Name('dependency name').describe('Key of `kubernetes.dependencies`.'),
    export: ExportPath.optional().describe('For an NFS provisioner: the export its volumes live on, e.g. `/nfs/k8s`.'),
  })
  .describe('What the storage class needs to work: when it is down, pods with its volumes hang in ContainerCreating.');

export const NodeGpu = z
  .strictObject({
    vendor: z.enum(['nvidia', 'intel', 'amd']),
    model: z.string().min(1).describe('e.g. `Intel UHD Graphics (N100)`.'),
    resource: ExtendedResource.optional().describe('Extended resource its device plugin offers, e.g. `gpu.intel.com/i915`.'),
    count: z.number().int().min(1).optional().describe('How many of `resource` the node offers (default 1).'),
    unavailable: z
      .strictObject({ reason: Reason })
      .optional()
      .describe('The GPU exists but the node cannot use it (e.g. the hypervisor cannot pass it through): documented, not monitored.'),
  })
  .refine((g) => g.unavailable !== undefined || g.resource !== undefined, {
    message: 'a usable GPU needs `resource` (the device plugin’s resource name), or `unavailable: { reason }` when the node cannot use it',
  })
  .describe('A GPU of the node (or of its hypervisor).');
