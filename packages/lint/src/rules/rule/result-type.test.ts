import { testRule } from '../../rule-tester.js';
import rule from './result-type.js';

const rules = (body: string) => `groups:\n  - name: g\n    rules:\n${body}`;

testRule(rule, {
  valid: [
    {
      name: 'instant vector and scalar results',
      files: { 'r.yml': rules('      - alert: Down\n        expr: up == 0\n      - record: job:time:now\n        expr: time()\n') },
    },
    { name: 'a syntax error is left to promql/syntax', files: { 'r.yml': rules('      - alert: Down\n        expr: rate(x[5m]\n') } },
  ],
  invalid: [
    {
      name: 'a range vector',
      files: { 'r.yml': rules('      - alert: Raw\n        expr: x_total[5m]\n') },
      errors: [
        {
          messageId: 'resultType',
          line: 5,
          message:
            'alert `Raw`: `expr` 1:1: rule expression must evaluate to an instant vector or scalar, got range vector; Prometheus fails the rule at every evaluation. Reduce the range',
        },
      ],
    },
    {
      name: 'a subquery in a block scalar points at its first line',
      files: { 'r.yml': rules('      - record: job:x:rate5m\n        expr: |\n\n          rate(x_total[5m])[10m:]\n') },
      errors: [{ messageId: 'resultType', line: 7, message: '`expr` 2:1:' }],
    },
    {
      name: 'a string',
      files: { 'r.yml': rules(`      - alert: Text\n        expr: '"down"'\n`) },
      errors: [
        {
          messageId: 'resultType',
          line: 5,
          message: 'got string; Prometheus fails the rule at every evaluation. Return a vector or a number',
        },
      ],
    },
  ],
});
