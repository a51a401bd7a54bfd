import { testRule } from '../../rule-tester.js';
import { asCluster } from './fixtures.js';
import rule from './reclaim-delete.js';

testRule(rule, {
  valid: [
    { name: 'critical app on Retain', site: (s) => void asCluster(s) },
    {
      name: 'best-effort app on Delete',
      site: (s) =>
        void (asCluster(s).workloads!['media']!.volumes!['config'] = {
          type: 'pvc',
          storageClass: 'local-path',
          size: '1Gi',
          reclaimPolicy: 'Delete',
        }),
    },
  ],
  invalid: [
    {
      name: 'critical app on Delete',
      site: (s) => {
        const data = asCluster(s).workloads!['vault']!.volumes!['data']!;
        if (data.type === 'pvc') data.reclaimPolicy = 'Delete';
      },
      errors: [
        {
          messageId: 'deletes',
          modelPath: 'kubernetes.workloads.vault.volumes.data.reclaimPolicy',
          message: 'its PVC `data` (ceph-block) has reclaim policy Delete',
        },
      ],
    },
  ],
});
