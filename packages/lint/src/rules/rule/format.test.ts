import { describe, expect, it } from 'vitest';
import { testRule } from '../../rule-tester.js';
import { toolVerdict } from '../tool-verdict.js';
import rule from './format.js';

const group = (body: string, head = '') => `groups:\n  - name: g\n${head}    rules:\n${body}`;
const alert = '      - alert: Down\n        expr: up == 0\n';

const valid: { name: string; text: string }[] = [
  {
    name: 'every field of a group and a rule',
    text: group(
      `${alert}        for: 5m\n        keep_firing_for: 10m\n        labels:\n          severity: page\n        annotations:\n          summary: down\n      - record: job:up:sum\n        expr: sum by (job) (up)\n        labels:\n          team: x\n`,
      '    interval: 1m\n    limit: 10\n',
    ),
  },
  {
    name: 'a recording rule with `for: 0s` (zero is no `for`)',
    text: group('      - record: job:up:sum\n        expr: sum(up)\n        for: 0s\n'),
  },
  { name: 'empty values leave the zero value', text: group(`${alert}        for:\n        labels:\n`, '    interval:\n') },
  { name: 'numbers and booleans are read as strings', text: group(`${alert}        labels:\n          tier: 1\n          paged: true\n`) },
  { name: 'an empty file and an empty group list', text: 'groups: []\n' },
];

const invalid: { name: string; text: string; errors: { line: number; message: string }[] }[] = [
  { name: 'a top-level field', text: `${group(alert)}extra: 1\n`, errors: [{ line: 6, message: 'has a field `extra`' }] },
  { name: '`groups` as a map', text: 'groups:\n  g: {}\n', errors: [{ line: 1, message: '`groups` is a map, not a list' }] },
  {
    name: 'a group field that does not exist',
    text: group(alert, '    evaluation_interval: 1m\n'),
    errors: [{ line: 3, message: 'group `g`: has a field `evaluation_interval`' }],
  },
  { name: 'a group without a name', text: `groups:\n  - rules:\n${alert}`, errors: [{ line: 2, message: 'group 1: has no name' }] },
  {
    name: 'two groups of one name',
    text: `${group(alert)}  - name: g\n    rules: []\n`,
    errors: [{ line: 6, message: 'group `g`: has the name of an earlier group' }],
  },
  {
    name: 'an interval without a unit',
    text: group(alert, '    interval: 60\n'),
    errors: [{ line: 3, message: '`interval` `60` is not a duration' }],
  },
  {
    name: 'a limit written as a string',
    text: group(alert, '    limit: "10"\n'),
    errors: [{ line: 3, message: '`limit` is the string `10`, not an integer' }],
  },
  {
    name: '`rules` as a map',
    text: 'groups:\n  - name: g\n    rules:\n      a: 1\n',
    errors: [{ line: 3, message: '`rules` is a map, not a list' }],
  },
  {
    name: 'a rule field that does not exist',
    text: group(`${alert}        severity: page\n`),
    errors: [{ line: 6, message: 'has a field `severity`' }],
  },
  {
    name: 'both alert and record',
    text: group('      - alert: Down\n        record: job:up:sum\n        expr: up\n'),
    errors: [{ line: 4, message: 'has both `alert` and `record`' }],
  },
  {
    name: 'neither alert nor record',
    text: group('      - expr: up\n'),
    errors: [{ line: 4, message: 'has neither `alert` nor `record`' }],
  },
  { name: 'no expr', text: group('      - alert: Down\n        for: 5m\n'), errors: [{ line: 4, message: 'has no `expr`' }] },
  {
    name: 'annotations and for on a recording rule',
    text: group('      - record: job:up:sum\n        expr: sum(up)\n        for: 5m\n        annotations:\n          summary: x\n'),
    errors: [
      { line: 6, message: 'has `for`, which only alerting rules have' },
      { line: 7, message: 'recording rule `job:up:sum`): has `annotations`, which only alerting rules have' },
    ],
  },
  {
    name: 'a selector in a recording rule name',
    text: group('      - record: up{job="x"}\n        expr: up{job="x"}\n'),
    errors: [{ line: 4, message: 'has braces in its name' }],
  },
  { name: '`for` without a unit', text: group(`${alert}        for: 5\n`), errors: [{ line: 6, message: '`for` `5` is not a duration' }] },
  {
    name: '`for` in words',
    text: group(`${alert}        for: 5 minutes\n`),
    errors: [{ line: 6, message: '`for` `5 minutes` is not a duration' }],
  },
  {
    name: '`keep_firing_for` as a list',
    text: group(`${alert}        keep_firing_for: [5m]\n`),
    errors: [{ line: 6, message: '`keep_firing_for` is a list, not a duration' }],
  },
  {
    name: 'labels as a list',
    text: group(`${alert}        labels: [severity]\n`),
    errors: [{ line: 6, message: '`labels` is a list, not a map' }],
  },
  {
    name: 'a label value that is a map',
    text: group(`${alert}        labels:\n          severity: { level: 1 }\n`),
    errors: [{ line: 7, message: 'label `severity` is a map, not a string' }],
  },
  {
    name: 'a rule setting __name__',
    text: group(`${alert}        labels:\n          __name__: x\n`),
    errors: [{ line: 7, message: 'sets the label `__name__`' }],
  },
  {
    name: 'a rule that is not a map',
    text: group('      - up == 0\n'),
    errors: [{ line: 4, message: 'rule 1: is a single value, not a map' }],
  },
  {
    name: 'groups in a second YAML document, which Prometheus never reads',
    text: `${group(alert)}---\n${group('      - alert: Other\n        expr: up == 0\n')}`,
    errors: [{ line: 7, message: 'document 2 of this rule file has rule groups' }],
  },
];

testRule(rule, {
  valid: [
    ...valid.map((c) => ({ name: c.name, files: { 'r.yml': c.text } })),
    { name: 'a Thanos Ruler group (partial_response_strategy)', files: { 'r.yml': group(alert, '    partial_response_strategy: warn\n') } },
    {
      name: 'a vmalert group and rule (concurrency, eval_offset; debug)',
      files: { 'r.yml': group(`${alert}        debug: true\n`, '    concurrency: 2\n    eval_offset: 1m\n') },
    },
    {
      name: 'a PrometheusRule: unknown fields are the API server’s to drop',
      files: {
        'pr.yaml':
          'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: x\nspec:\n  groups:\n    - name: g\n      partial_response_strategy: warn\n      rules:\n        - alert: Down\n          expr: up == 0\n',
      },
    },
  ],
  invalid: [
    ...invalid.map((c) => ({
      name: c.name,
      files: { 'r.yml': c.text },
      errors: c.errors.map((e) => ({ messageId: c.name.includes('second YAML') ? 'laterDocument' : 'invalid', ...e })),
    })),
    {
      name: 'legacy name validation (Prometheus 2): a dotted recording rule name and a dashed label name',
      files: { 'r.yml': group('      - record: job.up\n        expr: up\n        labels:\n          a-b: x\n') },
      options: { names: 'legacy' },
      errors: [
        { messageId: 'invalid', line: 4, message: 'is not a valid metric name' },
        { messageId: 'invalid', line: 7, message: 'has the invalid label name `a-b`' },
      ],
    },
    {
      name: 'a PrometheusRule whose group has no name',
      files: {
        'pr.yaml':
          'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: x\nspec:\n  groups:\n    - rules:\n        - alert: Down\n          expr: up == 0\n',
      },
      errors: [{ messageId: 'invalid', line: 7, message: 'group 1: has no name' }],
    },
  ],
});

/** The real promtool (Debian's, 2.x) on the same texts: every finding is a file it refuses, every valid text one it loads. */
describe('rule/format agrees with promtool check rules', () => {
  const check = toolVerdict('promtool', ['check', 'rules'], 'rules.yml');

  it.each(valid)('promtool loads: $name', ({ text }) => expect(check(text)).toBe(0));
  it.each(invalid.filter((c) => !c.name.includes('second YAML document')))('promtool refuses: $name', ({ text }) =>
    expect(check(text)).toBe(1),
  );
  it('promtool reads only the first document: the groups of the second are never checked', () => {
    expect(check(`${group(alert)}---\ngroups:\n  - name: g\n    rules:\n      - alert: Broken\n        expr: up ==\n`)).toBe(0);
  });
});
