import { testRule } from '../../rule-tester.js';
import rule from './duplicate.js';

const group = (name: string, body: string) => `  - name: ${name}\n    rules:\n${body}`;
const alert = (name: string, expr: string, labels = '{severity: warning}') =>
  `      - alert: ${name}\n        expr: ${expr}\n        labels: ${labels}\n`;
const file = (...groups: string[]) => `groups:\n${groups.join('')}`;

testRule(rule, {
  valid: [
    {
      name: 'same name, different static labels',
      files: { 'r.yml': file(group('g', alert('Down', 'up{job="a"} == 0', '{job: a}') + alert('Down', 'up{job="b"} == 0', '{job: b}'))) },
    },
    {
      name: 'same name, expressions pinned to different jobs',
      files: { 'r.yml': file(group('g', alert('Down', 'up{job="a"} == 0') + alert('Down', 'up{job="b"} == 0'))) },
    },
    {
      name: 'the same rule in two loose files',
      files: { 'a.yml': file(group('g', alert('Down', 'up == 0'))), 'b.yml': file(group('g', alert('Down', 'up == 0'))) },
    },
    {
      name: 'an alert and a recording rule of the same name',
      files: { 'r.yml': file(group('g', alert('Down', 'up == 0') + '      - record: Down\n        expr: up == 0\n')) },
    },
    {
      name: 'recording rules split by disjoint regexes on a label they keep (kube-prometheus apiserver rules)',
      files: {
        'r.yml': file(
          group(
            'g',
            ['2..', '3..', '4..', '5..']
              .map(
                (c) =>
                  `      - record: code_verb:apiserver_request_total:increase1h\n        expr: sum by (cluster, code, verb) (increase(apiserver_request_total{job="apiserver",code=~"${c}"}[1h]))\n`,
              )
              .join(''),
          ),
        ),
      },
    },
    {
      name: 'handler= and handler!= on a kept label',
      files: {
        'r.yml': file(
          group(
            'g',
            '      - record: x:y:z\n        expr: sum by (handler) (rate(h_total{handler="/api"}[5m]))\n      - record: x:y:z\n        expr: sum by (handler) (rate(h_total{handler!="/api"}[5m]))\n',
          ),
        ),
      },
    },
    {
      name: 'one series filtered by == 0 and by > 0',
      files: { 'r.yml': file(group('g', '      - record: x:y:z\n        expr: up == 0\n      - record: x:y:z\n        expr: (up > 0)\n')) },
    },
    {
      name: 'alerts of one name with different expressions (deployment and statefulset variants)',
      files: {
        'r.yml': file(
          group(
            'g',
            alert('RolloutStuck', 'kube_deployment_spec_replicas != kube_deployment_status_replicas_updated') +
              alert('RolloutStuck', 'kube_statefulset_replicas != kube_statefulset_status_replicas_updated'),
          ),
        ),
      },
    },
    {
      name: 'the same group name in two files',
      files: { 'a.yml': file(group('g', alert('A', 'up == 0'))), 'b.yml': file(group('g', alert('B', 'up == 0'))) },
    },
  ],
  invalid: [
    {
      name: 'the same alert twice, in two groups of one file',
      files: { 'r.yml': file(group('g1', alert('Down', 'up == 0')), group('g2', alert('Down', 'up == 0'))) },
      errors: [
        {
          messageId: 'duplicate',
          line: 9,
          message:
            'alert `Down` with labels {severity="warning"} is defined again (first at line 4, with the same expression); both write the same alert identity',
        },
      ],
    },
    {
      name: 'different expressions that aggregate the distinguishing label away',
      files: {
        'r.yml': file(
          group(
            'g',
            '      - record: job:up:sum\n        expr: sum(up{job="a"})\n      - record: job:up:sum\n        expr: sum(up{job="b"})\n',
          ),
        ),
      },
      errors: [
        {
          messageId: 'duplicate',
          line: 6,
          message:
            'recording rule `job:up:sum` with no static labels is defined again (first at line 4; nothing in the expressions tells their series apart); both write the same series',
        },
      ],
    },
    {
      name: 'the same alert expression written differently',
      files: { 'r.yml': file(group('g', alert('Down', 'up == 0') + alert('Down', '(up  ==  0)'))) },
      errors: [{ messageId: 'duplicate', line: 7, message: 'with the same expression' }],
    },
    {
      name: 'regexes that overlap do not tell recording rules apart',
      files: {
        'r.yml': file(
          group(
            'g',
            '      - record: x:y:z\n        expr: sum by (code) (rate(h_total{code=~"2.."}[5m]))\n      - record: x:y:z\n        expr: sum by (code) (rate(h_total{code=~"2.*"}[5m]))\n',
          ),
        ),
      },
      errors: [{ messageId: 'duplicate', line: 6 }],
    },
    {
      name: 'alerts with different expressions, with compareAlertExpressions',
      files: { 'r.yml': file(group('g', alert('Down', 'up == 0') + alert('Down', 'probe_success == 0'))) },
      options: { compareAlertExpressions: true },
      errors: [{ messageId: 'duplicate', line: 7, message: 'nothing in the expressions tells their series apart' }],
    },
    {
      name: 'across files with acrossFiles',
      files: { 'a.yml': file(group('g', alert('Down', 'up == 0'))), 'b.yml': file(group('h', alert('Down', 'up == 0'))) },
      options: { acrossFiles: true },
      errors: [{ messageId: 'duplicate', file: 'b.yml', line: 4, message: 'first at a.yml:4' }],
    },
    {
      name: 'across the rule files of a site',
      site: () => {},
      files: { 'a.yml': file(group('g', alert('Down', 'up == 0'))), 'b.yml': file(group('h', alert('Down', 'up == 0'))) },
      errors: [{ messageId: 'duplicate', file: 'b.yml', line: 4 }],
    },
    {
      name: 'a group name repeated in one file',
      files: { 'r.yml': file(group('g', alert('A', 'up == 0')), group('g', alert('B', 'up == 0'))) },
      errors: [{ messageId: 'group', line: 7, message: 'rule group `g` is defined twice in this file (first at line 2)' }],
    },
  ],
});
