import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';

export default createRule({
  id: 'workloads/backup-missing',
  meta: {
    description: 'A critical app that keeps data in a PersistentVolumeClaim has a backup.',
    rationale:
      'Replicated storage (Ceph) survives a disk, not a deleted claim, a bad migration or ransomware; only a backup does. Kiln derives the backup-freshness alerts from `backup`, so an app without one is also an app nobody is warned about. ' +
      'Apps without a PVC keep no state of their own and are not reported.',
    summary: 'critical app without backup',
    severity: 'error',
    messages: {
      missing:
        "workload `{{app}}` is critical and keeps its data in {{claims}}, but has no backup; add `backup: { method: 'volsync-restic', every: '1d', retention: '7d' }`",
    },
    options: z.strictObject({
      criticality: z
        .array(z.enum(['critical', 'important', 'best-effort']))
        .default(['critical'])
        .describe('Criticalities whose apps must be backed up.'),
    }),
    reads: ['site'],
  },
  check({ site, options, report }) {
    for (const w of site!.kubernetes?.workloads ?? []) {
      const claims = w.volumes.flatMap((v) => (v.type === 'pvc' ? [`PVC \`${v.name}\` (${v.storageClass})`] : []));
      if (!options.criticality.includes(w.criticality) || w.backup || claims.length === 0) continue;
      report({
        messageId: 'missing',
        data: { app: w.name, claims: claims.join(', ') },
        entity: { kind: 'workload', name: w.name },
        location: { modelPath: `kubernetes.workloads.${w.name}` },
      });
    }
  },
});
