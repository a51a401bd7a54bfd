import { testRule } from '../../rule-tester.js';
import { asCluster } from './fixtures.js';
import rule from './dependency-unmonitored.js';

testRule(rule, {
  valid: [
    { name: 'Ceph scraped, NFS mounts seen by the node exporter', site: (s) => void asCluster(s) },
    {
      name: 'an unmonitored dependency nothing uses',
      site: (s) => {
        const k = asCluster(s);
        delete (k.dependencies!['ceph'] as { mgr?: unknown }).mgr;
        delete k.workloads!['vault'];
      },
    },
    {
      name: 'VolSync not scraped, but nothing is backed up by it',
      site: (s) => {
        const k = asCluster(s);
        delete k.discovery.volsync;
        for (const w of Object.values(k.workloads!)) delete w.backup;
      },
    },
  ],
  invalid: [
    {
      name: 'Ceph without mgr targets',
      site: (s) => void delete (asCluster(s).dependencies!['ceph'] as { mgr?: unknown }).mgr,
      errors: [
        {
          messageId: 'ceph',
          modelPath: 'kubernetes.dependencies.ceph',
          message: 'workload `vault` keeps volume `data` (storage class ceph-block) on Ceph `ceph`, which is not monitored',
        },
      ],
    },
    {
      name: "the node exporter excludes the kubelet's mounts",
      site: (s) => void (asCluster(s).stack.nodeExporter.mountPointsExclude = ['/var/lib/kubelet/']),
      errors: [{ messageId: 'nfs', modelPath: 'kubernetes.dependencies.nas', message: 'remove `/var/lib/kubelet`' }],
    },
    {
      name: 'the node exporter is not scraped',
      site: (s) => void delete asCluster(s).discovery.nodeExporter,
      errors: [{ messageId: 'nfs', message: 'add `kubernetes.discovery.nodeExporter`' }],
    },
    {
      name: 'backups by VolSync whose metrics are not scraped',
      site: (s) => void delete asCluster(s).discovery.volsync,
      errors: [{ messageId: 'volsync', modelPath: 'kubernetes.discovery', message: 'VolSync backs up `vault`' }],
    },
  ],
});
