import { testRule } from '../../rule-tester.js';
import { GOOD, SEED_GRAFANA } from './fixtures.js';
import rule from './restricted.js';

testRule(rule, {
  valid: [{ name: 'the restricted profile, pod and container level', files: { 'd.yaml': GOOD } }],
  invalid: [
    {
      name: 'a writable root filesystem',
      files: { 'd.yaml': GOOD.replace('readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: false') },
      errors: [{ messageId: 'setting', line: 23, message: '`readOnlyRootFilesystem: true`' }],
    },
    {
      name: "seed 003's Grafana: no security context at all",
      files: { 'g.yaml': SEED_GRAFANA },
      errors: [
        { messageId: 'setting', line: 13, message: '`allowPrivilegeEscalation: false`' },
        { messageId: 'setting', line: 13, message: '`capabilities.drop: [ALL]`' },
        { messageId: 'setting', line: 13, message: '`readOnlyRootFilesystem: true`' },
        { messageId: 'setting', line: 13, message: '`runAsNonRoot: true`' },
        { messageId: 'setting', line: 13, message: '`seccompProfile.type: RuntimeDefault`' },
      ],
    },
  ],
});
