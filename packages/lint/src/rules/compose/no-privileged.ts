import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { composeServices, locate } from '../compose-file.js';

export default createRule({
  id: 'compose/no-privileged',
  meta: {
    description: 'No Compose service runs `privileged: true`.',
    rationale:
      'A privileged container has every capability and every device of the host and no seccomp or AppArmor confinement: escaping it is a matter of mounting the host disk. Exporters and dashboards never need it; grant the capability (`cap_add`) or device (`devices`, GPU reservations) that is actually needed.',
    summary: 'privileged container',
    severity: 'error',
    messages: {
      privileged:
        'service `{{service}}` runs `privileged: true`, i.e. with every capability and device of the host; grant only what it needs (`cap_add`, `devices`, `deploy.resources.reservations.devices`)',
    },
    options: z.strictObject({}),
    reads: ['files'],
  },
  check({ files, report }) {
    for (const at of composeServices(files)) {
      if (at.service['privileged'] === true || at.service['privileged'] === 'true') {
        report({
          messageId: 'privileged',
          data: { service: at.name },
          entity: { kind: 'file', name: at.file.path },
          location: locate(at, 'privileged'),
        });
      }
    }
  },
});
