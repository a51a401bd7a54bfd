import { testRule } from '../../rule-tester.js';
import { GOOD } from './fixtures.js';
import rule from './resources.js';

testRule(rule, {
  valid: [{ name: 'requests and limits for CPU and memory', files: { 'd.yaml': GOOD } }],
  invalid: [
    {
      name: 'no memory limit',
      files: { 'd.yaml': GOOD.replace('limits: {cpu: "1", memory: 512Mi}', 'limits: {cpu: "1"}') },
      errors: [{ messageId: 'missing', line: 20, message: 'container `prometheus` has no `resources.limits.memory`' }],
    },
    {
      name: 'no resources at all',
      files: { 'd.yaml': GOOD.replace(/ {10}resources:\n.*\n.*\n/, '') },
      errors: [
        { messageId: 'missing', line: 16 },
        { messageId: 'missing', line: 16 },
        { messageId: 'missing', line: 16 },
        { messageId: 'missing', line: 16 },
      ],
    },
  ],
});
