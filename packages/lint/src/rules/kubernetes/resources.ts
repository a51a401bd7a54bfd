import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { containers, where } from '../../manifests.js';

export default createRule({
  id: 'kubernetes/resources',
  meta: {
    description: 'Every container declares CPU and memory requests and limits.',
    rationale:
      "Without requests the scheduler packs pods blindly; without limits one container can take a node's memory and get its neighbours OOM-killed — on 4 GB Raspberry Pis, the monitoring stack itself. Limits also make a budget checkable (Kiln fails a build whose stack exceeds `kubernetes.stack.budget`).",
    summary: 'container without requests or limits',
    severity: 'error',
    messages: {
      missing: '{{workload}}: container `{{container}}` has no `resources.{{kind}}.{{resource}}`; set it (e.g. `{{example}}`)',
    },
    options: z.strictObject({}),
    reads: ['files'],
  },
  check({ files, report }) {
    const example: Record<string, string> = { cpu: '100m', memory: '128Mi' };
    for (const c of containers(files)) {
      for (const kind of ['requests', 'limits']) {
        for (const resource of ['cpu', 'memory']) {
          if (c.container['resources']?.[kind]?.[resource] !== undefined) continue;
          const path = c.container['resources']?.[kind]
            ? [...c.containerPath, 'resources', kind]
            : c.container['resources']
              ? [...c.containerPath, 'resources']
              : [...c.containerPath, 'name'];
          report({
            messageId: 'missing',
            data: {
              workload: c.workload,
              container: String(c.container['name']),
              kind,
              resource,
              example: `${resource}: ${example[resource]}`,
            },
            ...where(c, path),
          });
        }
      }
    }
  },
});
