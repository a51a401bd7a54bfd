import { testRule } from '../../rule-tester.js';
import { asCluster } from './fixtures.js';
import rule from './backup-missing.js';

testRule(rule, {
  valid: [
    { name: 'critical app with a backup', site: (s) => void asCluster(s) },
    { name: 'best-effort app without a backup', site: (s) => void asCluster(s) },
    {
      name: 'critical app without a PVC (no state of its own)',
      site: (s) => {
        const vault = asCluster(s).workloads!['vault']!;
        delete vault.backup;
        vault.volumes = {};
      },
    },
  ],
  invalid: [
    {
      name: 'critical app with a PVC and no backup',
      site: (s) => void delete asCluster(s).workloads!['vault']!.backup,
      errors: [{ messageId: 'missing', modelPath: 'kubernetes.workloads.vault', message: 'keeps its data in PVC `data` (ceph-block)' }],
    },
    {
      name: 'the criticalities are an option',
      site: (s) => {
        const k = asCluster(s);
        k.workloads!['media']!.volumes = { config: { type: 'pvc', storageClass: 'local-path', size: '1Gi', reclaimPolicy: 'Delete' } };
      },
      options: { criticality: ['critical', 'best-effort'] },
      errors: [{ messageId: 'missing', modelPath: 'kubernetes.workloads.media' }],
    },
  ],
});
