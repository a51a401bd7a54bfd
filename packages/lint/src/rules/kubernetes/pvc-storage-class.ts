import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';

export default createRule({
  id: 'kubernetes/pvc-storage-class',
  meta: {
    description: 'Every PersistentVolumeClaim names a storage class the cluster has.',
    rationale:
      "A claim without `storageClassName` gets whatever the cluster's default is today (or stays Pending when there is none); a misspelt class stays Pending forever and the pod with it. In a Kiln site the cluster's classes are `kubernetes.storageClasses`; for loose manifests list them in the `storageClasses` option.",
    summary: 'PVC without a known storage class',
    severity: 'error',
    messages: {
      missing: "PersistentVolumeClaim `{{name}}` names no `storageClassName`; set one of the cluster's classes ({{classes}})",
      unknown: "PersistentVolumeClaim `{{name}}`: storage class `{{class}}` is not one of the cluster's ({{classes}})",
    },
    options: z.strictObject({
      storageClasses: z
        .array(z.string())
        .optional()
        .describe(
          "Storage classes of the cluster. Default: the site's `kubernetes.storageClasses`; for loose files without it only a missing class is reported.",
        ),
    }),
    reads: ['site', 'files'],
  },
  check({ site, files, options, report }) {
    const known = options.storageClasses ?? site?.kubernetes?.storageClasses.map((c) => c.name);
    const classes = known ? known.map((c) => `\`${c}\``).join(', ') || 'none' : 'see `kubectl get storageclass`';
    for (const file of files) {
      if (file.kind !== 'kubernetes') continue;
      file.values.forEach((v: any, doc) => {
        if (v?.kind !== 'PersistentVolumeClaim') return;
        const name = String(v.metadata?.name ?? '');
        const cls = v.spec?.storageClassName;
        const entity = { kind: 'PersistentVolumeClaim', name };
        if (typeof cls !== 'string' || cls === '')
          report({ messageId: 'missing', data: { name, classes }, entity, location: { file: file.path, ...file.position(['spec'], doc) } });
        else if (known && !known.includes(cls))
          report({
            messageId: 'unknown',
            data: { name, class: cls, classes },
            entity,
            location: { file: file.path, ...file.position(['spec', 'storageClassName'], doc) },
          });
      });
    }
  },
});
