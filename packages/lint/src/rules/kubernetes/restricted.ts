import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { containers, where } from '../../manifests.js';

export default createRule({
  id: 'kubernetes/restricted',
  meta: {
    description:
      'Containers run as non-root with a read-only root filesystem, no privilege escalation, no capabilities and the RuntimeDefault seccomp profile.',
    rationale:
      'These are the settings of the Kubernetes "restricted" Pod Security Standard. None of the monitoring components needs root or to write its image; a container that can is one exploit away from the node. Seed 003 leaves them out for Prometheus, Alertmanager and Grafana.',
    summary: 'container not restricted',
    severity: 'error',
    messages: {
      setting: '{{workload}}: container `{{container}}` does not set `{{field}}: {{value}}` (in its `securityContext`{{podLevel}}); set it',
    },
    options: z.strictObject({}),
    reads: ['files'],
  },
  check({ files, report }) {
    for (const c of containers(files)) {
      const sc = c.container['securityContext'] ?? {};
      const pod = c.spec['securityContext'] ?? {};
      const checks: [string, unknown, boolean, boolean][] = [
        ['runAsNonRoot', true, (sc.runAsNonRoot ?? pod.runAsNonRoot) === true, true],
        ['readOnlyRootFilesystem', true, sc.readOnlyRootFilesystem === true, false],
        ['allowPrivilegeEscalation', false, sc.allowPrivilegeEscalation === false, false],
        ['capabilities.drop', '[ALL]', Array.isArray(sc.capabilities?.drop) && sc.capabilities.drop.includes('ALL'), false],
        [
          'seccompProfile.type',
          'RuntimeDefault',
          (sc.seccompProfile?.type ?? pod.seccompProfile?.type) === 'RuntimeDefault' ||
            (sc.seccompProfile?.type ?? pod.seccompProfile?.type) === 'Localhost',
          true,
        ],
      ];
      for (const [field, value, ok, podLevel] of checks) {
        if (ok) continue;
        const path = c.container['securityContext'] ? [...c.containerPath, 'securityContext'] : [...c.containerPath, 'name'];
        report({
          messageId: 'setting',
          data: {
            workload: c.workload,
            container: String(c.container['name']),
            field,
            value: String(value),
            podLevel: podLevel ? " or the pod's" : '',
          },
          ...where(c, path),
        });
      }
    }
  },
});
