import { testRule } from '../../rule-tester.js';
import { SEED_GRAFANA, withAnnotation } from './fixtures.js';
import rule from './grafana-anonymous.js';

testRule(rule, {
  valid: [
    {
      name: 'anonymous access with the reason',
      files: { 'g.yaml': withAnnotation(SEED_GRAFANA, 'kiln.dev/anonymous-access-reason', 'dashboards are embedded in the status page') },
    },
    { name: 'no anonymous access', files: { 'g.yaml': SEED_GRAFANA.replace('value: "true"', 'value: "false"') } },
  ],
  invalid: [
    { name: "seed 003's Grafana", files: { 'g.yaml': SEED_GRAFANA }, errors: [{ messageId: 'anonymous', file: 'g.yaml', line: 20 }] },
  ],
});
