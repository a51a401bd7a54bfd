import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { containers, where } from '../../manifests.js';

export default createRule({
  id: 'kubernetes/probes',
  meta: {
    description: 'Every long-running container has a liveness and a readiness probe.',
    rationale:
      "Without a readiness probe a Service sends traffic to a pod that is still loading (Prometheus replaying its WAL); without a liveness probe a hung process is never restarted. Seed 003's node-exporter DaemonSet has neither. Init containers and Jobs are exempt.",
    summary: 'container without probes',
    severity: 'warning',
    messages: {
      missing:
        '{{workload}}: container `{{container}}` has no `{{probe}}`; add an HTTP probe on its health endpoint (e.g. `/-/ready`, `/healthz`)',
    },
    options: z.strictObject({}),
    reads: ['files'],
  },
  check({ files, report }) {
    for (const c of containers(files)) {
      if (c.containerPath.includes('initContainers') || c.kind === 'Job' || c.kind === 'CronJob') continue;
      for (const probe of ['livenessProbe', 'readinessProbe']) {
        if (c.container[probe] === undefined)
          report({
            messageId: 'missing',
            data: { workload: c.workload, container: String(c.container['name']), probe },
            ...where(c, [...c.containerPath, 'name']),
          });
      }
    }
  },
});
