import { testRule } from '../../rule-tester.js';
import rule from './annotation.js';

const alert = (annotations: string) => `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n${annotations}`;

testRule(rule, {
  valid: [
    { name: 'summary and description', files: { 'r.yml': alert('        annotations:\n          summary: down\n          description: the host is down\n') } },
    { name: 'recording rules need none', files: { 'r.yml': 'groups:\n  - name: g\n    rules:\n      - record: job:up:sum\n        expr: sum by (job) (up)\n' } },
    { name: 'a different required set', files: { 'r.yml': alert('        annotations: {runbook_url: https://wiki/x}\n') }, options: { required: ['runbook_url'] } },
  ],
  invalid: [
    {
      name: 'no annotations at all points at the alert',
      files: { 'r.yml': alert('') },
      errors: [
        { messageId: 'missing', line: 4, message: 'alert `A` has no annotation `description`' },
        { messageId: 'missing', line: 4, message: 'no annotation `summary`' },
      ],
    },
    { name: 'description missing', files: { 'r.yml': alert('        annotations:\n          summary: down\n') }, errors: [{ messageId: 'missing', line: 6, message: '`description`' }] },
    { name: 'an empty summary', files: { 'r.yml': alert('        annotations:\n          summary: "  "\n          description: x\n') }, errors: [{ messageId: 'empty', line: 7 }] },
  ],
});
