import { testRule } from '../../rule-tester.js';
import rule from './label.js';

const alert = (labels: string) => `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n${labels}`;
const am = `route:
  receiver: mail
  routes:
    - receiver: pager
      matchers: ['severity="page"']
    - receiver: mail
      match_re: {severity: 'warn|ticket'}
receivers:
  - name: mail
  - name: pager
`;

testRule(rule, {
  valid: [
    {
      name: 'loose rule files: no routing, no list, nothing judged',
      files: { 'r.yml': alert('        labels:\n          severity: page\n'), 'b.yml': alert('') },
    },
    {
      name: '`severity: page` routed by the Alertmanager config among the files',
      files: { 'r.yml': alert('        labels:\n          severity: page\n'), 'am.yml': am },
    },
    {
      name: 'an alert routed by its name needs no routed severity',
      files: {
        'r.yml': alert('        labels: {severity: none}\n').replace('alert: A', 'alert: Watchdog'),
        'am.yml': am.replace('  routes:\n', '  routes:\n    - receiver: mail\n      matchers: [alertname=Watchdog]\n'),
      },
    },
    { name: 'a value a regex route matches', files: { 'r.yml': alert('        labels: {severity: ticket}\n'), 'am.yml': am } },
    {
      name: 'a templated value is not judged',
      files: { 'r.yml': alert('        labels:\n          severity: "{{ $labels.level }}"\n'), 'am.yml': am },
    },
    {
      name: 'recording rules need no severity',
      files: { 'r.yml': 'groups:\n  - name: g\n    rules:\n      - record: job:up:sum\n        expr: sum by (job) (up)\n', 'am.yml': am },
    },
    {
      name: 'a required label with any value',
      files: { 'r.yml': alert('        labels: {severity: info, team: storage}\n') },
      options: { required: { severity: [], team: [] } },
    },
    {
      name: 'routes that do not match on severity require nothing',
      files: {
        'r.yml': alert(''),
        'am.yml': 'route:\n  receiver: mail\n  routes:\n    - receiver: mail\n      matchers: [team="db"]\nreceivers:\n  - name: mail\n',
      },
    },
  ],
  invalid: [
    {
      name: 'no labels at all points at the alert',
      files: { 'r.yml': alert(''), 'am.yml': am },
      errors: [
        {
          messageId: 'missing',
          file: 'r.yml',
          line: 4,
          message: 'alert `A` has no label `severity` (one of `page`, `=~warn|ticket`), which routing relies on (the routes of am.yml)',
        },
      ],
    },
    {
      name: 'a severity no route matches',
      files: { 'r.yml': alert('        labels:\n          team: storage\n          severity: pgae\n'), 'am.yml': am },
      errors: [
        {
          messageId: 'notAllowed',
          file: 'r.yml',
          line: 8,
          message: 'label `severity` is `pgae`, which is not one of `page`, `=~warn|ticket` (the routes of am.yml; did you mean `page`?)',
        },
      ],
    },
    {
      name: 'a required label from the options',
      files: { 'r.yml': alert('        labels: {severity: info}\n') },
      options: { required: { team: ['storage', 'compute'] } },
      errors: [
        {
          messageId: 'missing',
          line: 6,
          message: 'no label `team` (one of `storage`, `compute`), which routing relies on (option `required`)',
        },
      ],
    },
  ],
});
