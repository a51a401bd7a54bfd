import { describe, expect, it } from 'vitest';
import { SiteError, formatIssue } from './errors.js';
import { resolve } from './resolve.js';
import type { SiteInput } from './schema.js';
import { smallClusterStack, smallSite } from './testing.js';

type Cluster = NonNullable<SiteInput['kubernetes']>;

/** smallSite as a cluster of `compute` (Intel GPU) and `storage`, running a critical `vault` on Ceph and `media` on NFS. */
function site(change: (k: Cluster) => void = () => {}): SiteInput {
  const s = smallSite();
  for (const h of Object.values(s.hosts)) delete h.exporters;
  delete s.mounts;
  s.hosts['compute']!.gpus = [];
  s.kubernetes = {
    name: 'lab',
    namespace: 'monitoring',
    nodes: {
      compute: {
        architecture: 'amd64',
        resources: { cpu: 4, memory: '16Gi', disk: '100Gi' },
        gpus: [{ vendor: 'intel', model: 'Intel UHD Graphics', resource: 'gpu.intel.com/i915' }],
      },
      storage: { architecture: 'amd64', resources: { cpu: 4, memory: '8Gi', disk: '100Gi' }, allocatableMemory: '7Gi' },
    },
    storageClasses: {
      'ceph-block': { provisioner: 'rbd.csi.ceph.com', dependsOn: { dependency: 'ceph' } },
      'nfs-client': { provisioner: 'nfs-subdir', dependsOn: { dependency: 'nas', export: '/export/k8s' } },
    },
    defaultStorageClass: 'ceph-block',
    dependencies: {
      ceph: { kind: 'ceph', mgr: { targets: ['10.60.0.31:9283'] } },
      nas: { kind: 'nfs', address: '10.60.0.10', exports: ['/export/media', '/export/k8s'] },
    },
    workloads: {
      vault: {
        namespace: 'vault',
        kind: 'Deployment',
        criticality: 'critical',
        volumes: { data: { type: 'pvc', storageClass: 'ceph-block', size: '1Gi', reclaimPolicy: 'Retain' } },
        backup: { method: 'volsync-restic', every: '6h', retention: '7d' },
      },
      media: {
        namespace: 'media',
        kind: 'Deployment',
        criticality: 'best-effort',
        volumes: {
          media: { type: 'nfs', server: 'nas', path: '/export/media', readOnly: true },
          cache: { type: 'pvc', storageClass: 'nfs-client', size: '10Gi', reclaimPolicy: 'Delete' },
        },
        resources: { limits: { memory: '2Gi' }, gpu: { resource: 'gpu.intel.com/i915' } },
      },
    },
    stack: smallClusterStack(),
    discovery: { kubelet: {}, nodeExporter: {}, kubeStateMetrics: {} },
  };
  change(s.kubernetes);
  return s;
}

function issuesOf(input: unknown): string[] {
  try {
    resolve(input);
  } catch (err) {
    if (err instanceof SiteError) return err.issues.map(formatIssue);
    throw err;
  }
  throw new Error('expected resolve() to fail');
}

describe('workloads', () => {
  it('resolves apps, backups with their defaults, and which dependency each app needs', () => {
    const k = resolve(site()).kubernetes!;
    expect(k.workloads.map((w) => [w.name, w.replicas, w.dependsOn])).toEqual([
      ['media', 1, ['nas']],
      ['vault', 1, ['ceph']],
    ]);
    expect(k.workloads[1]!.backup).toEqual({
      method: 'volsync-restic',
      every: '6h',
      everySeconds: 6 * 3600,
      retention: '7d',
      retentionSeconds: 7 * 86400,
      volume: 'data',
      replicationSource: 'vault',
      slack: '1h30m',
      slackSeconds: 5400,
    });
    expect(k.workloads[0]!.volumes.find((v) => v.name === 'cache')).toMatchObject({ claimName: 'media-cache', reclaimPolicy: 'Delete' });
    expect(k.dependencies.map((d) => [d.name, d.monitored, d.storageClasses, d.usedBy.map((u) => `${u.workload}:${u.via}`)])).toEqual([
      ['ceph', true, ['ceph-block'], ['vault:storage class ceph-block']],
      ['nas', true, ['nfs-client'], ['media:storage class nfs-client', 'media:export /export/media']],
    ]);
    expect(k.nodes.map((n) => [n.name, n.allocatableMemoryBytes / 2 ** 30, n.gpus.map((g) => `${g.resource}×${g.count}`)])).toEqual([
      ['compute', 16, ['gpu.intel.com/i915×1']],
      ['storage', 7, []],
    ]);
  });

  it('names the workload, the field and the fix for every broken reference', () => {
    const issues = issuesOf(
      site((k) => {
        const vault = k.workloads!['vault']!;
        vault.volumes!['data'] = { type: 'pvc', storageClass: 'ceph-blok', size: '1Gi', reclaimPolicy: 'Retain' };
        vault.placement = { nodes: ['metal9'], reason: 'The dongle is plugged in there.' };
        k.workloads!['media']!.volumes!['media'] = { type: 'nfs', server: 'nas', path: '/export/movies' };
        k.workloads!['media']!.placement = { nodes: ['storage'], reason: 'Close to the disks, for speed.' };
        k.workloads!['other'] = {
          namespace: 'other',
          kind: 'DaemonSet',
          replicas: 2,
          criticality: 'important',
          volumes: { x: { type: 'nfs', server: 'ceph', path: '/x' } },
          backup: { method: 'volsync-restic', every: '1d', retention: '7d' },
        };
      }),
    );
    expect(issues).toEqual([
      'workload `media`: volumes.media.path: NFS server `nas` does not export `/export/movies`; its exports are `/export/media`, `/export/k8s`: add it there or fix the path',
      'workload `media`: resources.gpu.resource: `gpu.intel.com/i915` is offered only by `compute`, but the app is placed on `storage`: the pod could never be scheduled',
      'workload `other`: replicas: a DaemonSet runs one pod per node; remove `replicas`',
      'workload `other`: volumes.x.server: dependency `ceph` is ceph, not an NFS server; NFS servers: `nas`',
      'workload `other`: backup.volume: the app has no PVC to back up; add its volume under `volumes` (type `pvc`)',
      'workload `vault`: volumes.data.storageClass: unknown storage class `ceph-blok`; the cluster has `ceph-block`, `nfs-client`; did you mean `ceph-block`?',
      'workload `vault`: placement.nodes: unknown node `metal9`; declared: `compute`, `storage`',
    ]);
  });

  it('checks what storage classes depend on', () => {
    const issues = issuesOf(
      site((k) => {
        k.storageClasses['ceph-block']!.dependsOn = { dependency: 'cepth' };
        k.storageClasses['nfs-client']!.dependsOn = { dependency: 'nas', export: '/export/kube' };
      }),
    );
    expect(issues).toEqual([
      'storage class `ceph-block`: dependsOn.dependency: unknown dependency `cepth`; did you mean `ceph`?',
      'storage class `nfs-client`: dependsOn.export: NFS server `nas` does not export `/export/kube`; its exports are `/export/media`, `/export/k8s`: add it there or fix the path',
    ]);
  });

  it('rejects a GPU nobody can request, and documents one that cannot be used', () => {
    expect(
      issuesOf(
        site((k) => {
          k.nodes['storage']!.gpus = [{ vendor: 'amd', model: 'Radeon Vega' }];
        }),
      ),
    ).toEqual([
      'kubernetes `lab`: nodes.storage.gpus[0]: a usable GPU needs `resource` (the device plugin’s resource name), or `unavailable: { reason }` when the node cannot use it',
    ]);
    const documented = resolve(
      site((k) => {
        k.nodes['storage']!.gpus = [{ vendor: 'amd', model: 'Radeon Vega', unavailable: { reason: 'The APU cannot be passed through.' } }];
      }),
    );
    expect(documented.kubernetes!.nodes[1]!.gpus).toEqual([
      { vendor: 'amd', model: 'Radeon Vega', count: 1, unavailable: { reason: 'The APU cannot be passed through.' } },
    ]);
  });

  it('reports that NFS is unwatched when the node exporter cannot see the kubelet mounts', () => {
    const hidden = resolve(site((k) => void (k.stack.nodeExporter.mountPointsExclude = ['/var/lib/kubelet/']))).kubernetes!;
    expect(hidden.dependencies.find((d) => d.name === 'nas')!.monitored).toBe(false);
    const noMgr = resolve(site((k) => void delete (k.dependencies!['ceph'] as { mgr?: unknown }).mgr)).kubernetes!;
    expect(noMgr.dependencies.find((d) => d.name === 'ceph')!.monitored).toBe(false);
  });
});
