import { testRule } from '../../rule-tester.js';
import rule from './syntax.js';

const rules = (body: string) => `groups:\n  - name: g\n    rules:\n${body}`;

testRule(rule, {
  valid: [
    {
      name: 'alert and recording rule that parse',
      files: {
        'r.yml': rules('      - alert: Down\n        expr: up == 0\n      - record: job:up:sum\n        expr: sum by (job) (up)\n'),
      },
    },
    {
      name: 'a multi-line block expression',
      files: { 'r.yml': rules('      - alert: Busy\n        expr: |-\n          sum by (job) (rate(x_total[5m]))\n          > 1\n') },
    },
    {
      name: 'an experimental function when its feature flag is on',
      files: { 'r.yml': rules('      - alert: A\n        expr: sort_by_label(up, "job")\n') },
      options: { experimentalFunctions: true },
    },
    {
      name: 'a PrometheusRule manifest',
      files: {
        'pr.yaml':
          'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: {name: x}\nspec:\n  groups:\n    - name: g\n      rules:\n        - alert: Down\n          expr: up == 0\n',
      },
    },
    {
      name: 'duration arithmetic, step() and info() with their options',
      files: {
        'r.yml': rules('      - record: a:b:c\n        expr: rate(x[5m + step()])\n      - record: a:b:d\n        expr: info(up)\n'),
      },
      options: { durationExpressions: true, experimentalFunctions: true },
    },
    { name: 'files that are not rule files', files: { 'prometheus.yml': 'global: {scrape_interval: 30s}\n', 'other.yml': 'a: 1\n' } },
  ],
  invalid: [
    {
      name: 'Prometheus 3.x experimental syntax names its feature flag and the option',
      files: {
        'r.yml': rules('      - record: a:b:c\n        expr: rate(x[5m + step()])\n      - record: a:b:d\n        expr: info(up)\n'),
      },
      errors: [
        {
          messageId: 'invalid',
          line: 5,
          message:
            "experimental duration expression is not enabled (Prometheus 3.x accepts it with `--enable-feature=promql-duration-expr`; if yours runs with it, set this rule's option `durationExpressions: true`)",
        },
        {
          messageId: 'invalid',
          line: 7,
          message:
            "`--enable-feature=promql-experimental-functions`; if yours runs with it, set this rule's option `experimentalFunctions: true`",
        },
      ],
    },
    {
      name: 'a syntax error on a one-line expression points at the expr key line',
      files: { 'r.yml': rules('      - alert: Down\n        expr: up ==\n') },
      errors: [{ messageId: 'invalid', line: 5, message: 'alert `Down`: `expr` 1:6: unexpected end of input' }],
    },
    {
      name: 'a type error inside a block scalar points at its line in the file',
      files: { 'r.yml': rules('      - alert: Busy\n        expr: |-\n          sum by (job) (x)\n            / rate(y)\n') },
      errors: [
        {
          messageId: 'invalid',
          line: 7,
          message: '`expr` 2:10: expected type range vector in call to function "rate", got instant vector',
        },
      ],
    },
    {
      name: 'comparison between scalars without bool',
      files: { 'r.yml': rules('      - record: job:x:one\n        expr: "1 == 1"\n') },
      errors: [
        {
          messageId: 'invalid',
          line: 5,
          message: 'recording rule `job:x:one`: `expr` 1:3: comparisons between scalars must use BOOL modifier',
        },
      ],
    },
    {
      name: 'an experimental function without its feature flag',
      files: { 'r.yml': rules('      - alert: A\n        expr: sort_by_label(up, "job")\n') },
      errors: [{ messageId: 'invalid', line: 5, message: 'function "sort_by_label" is not enabled' }],
    },
    {
      name: 'an unknown function in a PrometheusRule manifest (second document)',
      files: {
        'pr.yaml':
          '---\nkind: ConfigMap\napiVersion: v1\n---\napiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nspec:\n  groups:\n    - name: g\n      rules:\n        - alert: Down\n          expr: holt_winters(x[5m], 0.5, 0.5)\n',
      },
      errors: [{ messageId: 'invalid', line: 12, message: 'unknown function with name "holt_winters"' }],
    },
    {
      name: 'a rule without expr, and one whose expr is a map',
      files: {
        'r.yml': rules('      - alert: NoExpr\n        labels: {severity: warning}\n      - alert: MapExpr\n        expr: {a: 1}\n'),
      },
      errors: [
        { messageId: 'missing', line: 4 },
        { messageId: 'notString', line: 7, message: '`expr` is a map, not a string' },
      ],
    },
  ],
});
