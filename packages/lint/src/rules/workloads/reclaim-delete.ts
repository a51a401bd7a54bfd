import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';

export default createRule({
  id: 'workloads/reclaim-delete',
  meta: {
    description: 'The PersistentVolumes of critical apps are kept (`Retain`) when their claim is deleted.',
    rationale:
      'With reclaim policy `Delete`, deleting the claim — an uninstall, a renamed Helm release, an ArgoCD prune — deletes the volume and its data with it. `Retain` keeps the volume for a manual rebind (Portkey keeps Vaultwarden on Retain).',
    summary: 'critical app volume with reclaim policy Delete',
    severity: 'warning',
    messages: {
      deletes:
        "workload `{{app}}` is critical, but its PVC `{{volume}}` ({{storageClass}}) has reclaim policy Delete: deleting the claim deletes the data; set `reclaimPolicy: 'Retain'`",
    },
    options: z.strictObject({}),
    reads: ['site'],
  },
  check({ site, report }) {
    for (const w of site!.kubernetes?.workloads ?? []) {
      if (w.criticality !== 'critical') continue;
      for (const v of w.volumes) {
        if (v.type !== 'pvc' || v.reclaimPolicy !== 'Delete') continue;
        report({
          messageId: 'deletes',
          data: { app: w.name, volume: v.name, storageClass: v.storageClass },
          entity: { kind: 'workload', name: w.name },
          location: { modelPath: `kubernetes.workloads.${w.name}.volumes.${v.name}.reclaimPolicy` },
          fix: "reclaimPolicy: 'Retain'",
        });
      }
    }
  },
});
