import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';

export default createRule({
  id: 'workloads/backup-retention',
  meta: {
    description: "A backup's retention is at least its schedule, so an older restore point exists when the newest one is bad.",
    rationale:
      'A backup kept for less time than the interval between two backups is pruned before (or as) the next one is taken: at most one restore point exists, and a corruption that reached the latest backup has nothing older to fall back on.',
    summary: 'backup retention shorter than its schedule',
    severity: 'error',
    messages: {
      short:
        'workload `{{app}}`: backups are taken every {{every}} but kept only {{retention}}, so no older restore point survives the next backup; set `backup.retention` to at least {{every}} (e.g. `7d`)',
    },
    options: z.strictObject({}),
    reads: ['site'],
  },
  check({ site, report }) {
    for (const w of site!.kubernetes?.workloads ?? []) {
      const b = w.backup;
      if (!b || b.retentionSeconds >= b.everySeconds) continue;
      report({
        messageId: 'short',
        data: { app: w.name, every: b.every, retention: b.retention },
        entity: { kind: 'workload', name: w.name },
        location: { modelPath: `kubernetes.workloads.${w.name}.backup.retention` },
        fix: `retention: '${b.every}'`,
      });
    }
  },
});
