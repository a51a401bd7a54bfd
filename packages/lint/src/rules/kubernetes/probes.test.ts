import { testRule } from '../../rule-tester.js';
import { GOOD, SEED_NODE_EXPORTER } from './fixtures.js';
import rule from './probes.js';

testRule(rule, {
  valid: [
    { name: 'liveness and readiness probes', files: { 'd.yaml': GOOD } },
    {
      name: 'a Job runs to completion',
      files: {
        'j.yaml':
          'apiVersion: batch/v1\nkind: Job\nmetadata: {name: once}\nspec:\n  template:\n    spec:\n      containers:\n        - {name: once, image: busybox:1.36}\n',
      },
    },
  ],
  invalid: [
    {
      name: "seed 003's node exporter has none",
      files: { 'ds.yaml': SEED_NODE_EXPORTER },
      errors: [
        { messageId: 'missing', line: 15, message: '`livenessProbe`' },
        { messageId: 'missing', line: 15, message: '`readinessProbe`' },
      ],
    },
  ],
});
