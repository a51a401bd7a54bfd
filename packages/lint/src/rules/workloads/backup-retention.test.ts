import { testRule } from '../../rule-tester.js';
import { asCluster } from './fixtures.js';
import rule from './backup-retention.js';

testRule(rule, {
  valid: [
    { name: 'every 6h, kept 7d', site: (s) => void asCluster(s) },
    {
      name: 'kept exactly as long as the schedule',
      site: (s) => void (asCluster(s).workloads!['vault']!.backup = { method: 'volsync-restic', every: '1d', retention: '24h' }),
    },
  ],
  invalid: [
    {
      name: 'daily, kept 12 hours',
      site: (s) => void (asCluster(s).workloads!['vault']!.backup = { method: 'volsync-restic', every: '1d', retention: '12h' }),
      errors: [
        {
          messageId: 'short',
          modelPath: 'kubernetes.workloads.vault.backup.retention',
          message: 'backups are taken every 1d but kept only 12h',
        },
      ],
    },
  ],
});
