import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { containers, where } from '../../manifests.js';

const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIALS?)$/i;

export default createRule({
  id: 'kubernetes/no-secret-env',
  meta: {
    description: 'Environment variables that hold secrets come from a Secret (`valueFrom.secretKeyRef`), never from a literal `value`.',
    rationale:
      "A literal in a manifest is in the repository, in `kubectl get -o yaml` for everyone who can read the Deployment, and in every backup. Reference a Secret created outside the manifests, as seed 003 does for Grafana's admin password.",
    summary: 'secret in an env value',
    severity: 'error',
    messages: {
      literal:
        '{{workload}}: container `{{container}}` sets `{{name}}` to a literal value; use `valueFrom.secretKeyRef` (or a `*__FILE` variable with a mounted Secret)',
    },
    options: z.strictObject({}),
    reads: ['files'],
  },
  check({ files, report }) {
    for (const c of containers(files)) {
      (Array.isArray(c.container['env']) ? c.container['env'] : []).forEach((e: any, i: number) => {
        if (typeof e?.name === 'string' && SECRET_NAME.test(e.name) && typeof e.value === 'string' && e.value !== '') {
          report({
            messageId: 'literal',
            data: { workload: c.workload, container: String(c.container['name']), name: e.name },
            ...where(c, [...c.containerPath, 'env', i, 'value']),
          });
        }
      });
    }
  },
});
