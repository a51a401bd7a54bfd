import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { containers, reasonOf, where } from '../../manifests.js';

export const ANONYMOUS_ACCESS_REASON = 'kiln.dev/anonymous-access-reason';

export default createRule({
  id: 'kubernetes/grafana-anonymous',
  meta: {
    description: 'Grafana allows anonymous access only with a stated reason.',
    rationale:
      'Anonymous access shows every dashboard — host names, addresses, what runs where — to anyone who reaches Grafana. Sometimes that is the point (seed 003 embeds panels in iframes); then say so: in a Kiln site `kubernetes.stack.grafana.anonymous.reason`, written as the pod annotation `kiln.dev/anonymous-access-reason`.',
    summary: 'anonymous Grafana without a reason',
    severity: 'error',
    messages: {
      anonymous:
        '{{workload}}: container `{{container}}` enables anonymous access (`GF_AUTH_ANONYMOUS_ENABLED=true`); remove it, or give the reason in the pod annotation `kiln.dev/anonymous-access-reason`',
    },
    options: z.strictObject({}),
    reads: ['files'],
  },
  check({ files, report }) {
    for (const c of containers(files)) {
      if (reasonOf(c, ANONYMOUS_ACCESS_REASON)) continue;
      (Array.isArray(c.container['env']) ? c.container['env'] : []).forEach((e: any, i: number) => {
        if (e?.name === 'GF_AUTH_ANONYMOUS_ENABLED' && String(e.value).toLowerCase() === 'true') {
          report({
            messageId: 'anonymous',
            data: { workload: c.workload, container: String(c.container['name']) },
            ...where(c, [...c.containerPath, 'env', i, 'value']),
          });
        }
      });
    }
  },
});
