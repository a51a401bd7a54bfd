import { testRule } from '../../rule-tester.js';
import rule from './label.js';

const alert = (labels: string) => `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n${labels}`;

testRule(rule, {
  valid: [
    { name: 'each allowed severity', files: Object.fromEntries(['critical', 'warning', 'info', 'none'].map((s) => [`${s}.yml`, alert(`        labels:\n          severity: ${s}\n`)])) },
    { name: 'a templated value is not judged', files: { 'r.yml': alert('        labels:\n          severity: "{{ $labels.level }}"\n') } },
    { name: 'recording rules need no severity', files: { 'r.yml': 'groups:\n  - name: g\n    rules:\n      - record: job:up:sum\n        expr: sum by (job) (up)\n' } },
    { name: 'a required label with any value', files: { 'r.yml': alert('        labels: {severity: info, team: storage}\n') }, options: { required: { severity: [], team: [] } } },
  ],
  invalid: [
    { name: 'no labels at all points at the alert', files: { 'r.yml': alert('') }, errors: [{ messageId: 'missing', line: 4, message: 'alert `A` has no label `severity` (one of `critical`, `warning`, `info`, `none`)' }] },
    { name: 'labels without severity point at labels', files: { 'r.yml': alert('        labels:\n          team: storage\n') }, errors: [{ messageId: 'missing', line: 6 }] },
    {
      name: 'a misspelt severity',
      files: { 'r.yml': alert('        labels:\n          team: storage\n          severity: critcal\n') },
      errors: [{ messageId: 'notAllowed', line: 8, message: 'label `severity` is `critcal`, which is not one of `critical`, `warning`, `info`, `none` (did you mean `critical`?)' }],
    },
    {
      name: 'a required label from the options',
      files: { 'r.yml': alert('        labels: {severity: info}\n') },
      options: { required: { team: ['storage', 'compute'] } },
      errors: [{ messageId: 'missing', line: 6, message: 'no label `team` (one of `storage`, `compute`)' }],
    },
  ],
});
