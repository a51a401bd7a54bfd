/** The small test site as a two-node cluster (`compute`, `storage`) running a few apps, for the workloads/ rules' tests. */
import type { SiteInput } from '@kiln/model';

type Cluster = NonNullable<SiteInput['kubernetes']>;
const res = (memory: string) => ({ requests: { cpu: '50m', memory: '32Mi' }, limits: { cpu: '100m', memory } });

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
    stack: {
      budget: { memoryLimit: '2Gi' },
      prometheus: { image: 'prom/prometheus:v2.53.5', resources: res('512Mi'), storage: { size: '10Gi' } },
      alertmanager: { image: 'prom/alertmanager:v0.29.0', resources: res('64Mi'), storage: { size: '1Gi' } },
      grafana: {
        image: 'grafana/grafana:12.4.0',
        resources: res('256Mi'),
        storage: { size: '1Gi' },
        adminPasswordSecret: { name: 'grafana', key: 'admin-password' },
      },
      kubeStateMetrics: { image: 'registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.13.0', resources: res('128Mi') },
      nodeExporter: {
        image: 'prom/node-exporter:v1.10.2',
        resources: res('64Mi'),
        host: { network: true, pid: true, rootfs: true, reason: 'node_exporter reports the node, so it needs the host.' },
      },
    },
    discovery: { kubelet: {}, nodeExporter: {}, kubeStateMetrics: {} },
  };
  return s.kubernetes;
}
