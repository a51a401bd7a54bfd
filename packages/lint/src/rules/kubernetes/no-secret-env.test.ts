import { testRule } from '../../rule-tester.js';
import { SEED_GRAFANA } from './fixtures.js';
import rule from './no-secret-env.js';

testRule(rule, {
  valid: [{ name: "seed 003's Grafana: the password from a Secret", files: { 'g.yaml': SEED_GRAFANA } }],
  invalid: [
    {
      name: 'the admin password as a literal',
      files: {
        'g.yaml': SEED_GRAFANA.replace(
          'valueFrom:\n            secretKeyRef: {name: grafana-secrets, key: admin-password}',
          'value: hunter2',
        ),
      },
      errors: [{ messageId: 'literal', line: 17, message: '`GF_SECURITY_ADMIN_PASSWORD` to a literal value' }],
    },
  ],
});
