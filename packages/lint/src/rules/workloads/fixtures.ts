/** The small test site as a two-node cluster (`compute`, `storage`) running a few apps, for the workloads/ rules' tests. */
import type { SiteInput } from '@kiln/model';
import { smallClusterStack } from '@kiln/model/testing';

type Cluster = NonNullable<SiteInput['kubernetes']>;

/** Turns `s` into a cluster and returns its `kubernetes`, to be changed by the test case. */
export function asCluster(s: SiteInput): Cluster {
  for (const h of Object.values(s.hosts)) delete h.exporters;
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
      'local-path': { provisioner: 'rancher.io/local-path' },
    },
    defaultStorageClass: 'local-path',
    dependencies: {
      ceph: { kind: 'ceph', mgr: { targets: ['10.60.0.31:9283'] } },
      nas: { kind: 'nfs', address: '10.60.0.10', exports: ['/export/media'] },
    },
    workloads: {
      vault: {
        namespace: 'vault',
        kind: 'Deployment',
        criticality: 'critical',
        volumes: { data: { type: 'pvc', storageClass: 'ceph-block', size: '1Gi', reclaimPolicy: 'Retain' } },
        resources: { limits: { memory: '512Mi' } },
        backup: { method: 'volsync-restic', every: '6h', retention: '7d' },
      },
      media: {
        namespace: 'media',
        kind: 'Deployment',
        criticality: 'best-effort',
        volumes: { media: { type: 'nfs', server: 'nas', path: '/export/media', readOnly: true } },
        resources: { limits: { memory: '2Gi' }, gpu: { resource: 'gpu.intel.com/i915' } },
      },
    },
    stack: smallClusterStack(),
    discovery: { kubelet: {}, nodeExporter: {}, kubeStateMetrics: {}, volsync: { tls: { insecureSkipVerify: true } } },
  };
  return s.kubernetes;
}
