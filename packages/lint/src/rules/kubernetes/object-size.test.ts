import { testRule } from '../../rule-tester.js';
import rule from './object-size.js';

const configMap = (name: string, files: Record<string, number>) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n${Object.entries(files)
    .map(([k, n]) => `  ${k}: ${'x'.repeat(n)}\n`)
    .join('')}`;
const MiB = 1024 * 1024;

testRule(rule, {
  valid: [
    { name: 'rule files under 1 MiB', files: { 'cm.yaml': configMap('prometheus-rules', { 'a.yml': 600_000, 'b.yml': 400_000 }) } },
    {
      name: 'a Secret whose base64 data decodes to under 1 MiB',
      files: { 's.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  k: ${'QUJD'.repeat(300_000)}\n` },
    },
  ],
  invalid: [
    {
      name: 'rule files over 1 MiB in one ConfigMap',
      files: { 'cm.yaml': configMap('prometheus-rules', { 'a.yml': 600_000, 'b.yml': 600_000 }) },
      errors: [
        {
          messageId: 'data',
          line: 1,
          message: 'ConfigMap `prometheus-rules` holds 1,172 KiB of data; the API server refuses more than 1 MiB',
        },
      ],
    },
    {
      name: 'an object over etcd’s 1.5 MiB',
      files: {
        'pr.yaml': `apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: big\nspec:\n  groups:\n    - name: g\n      rules:\n        - alert: A\n          expr: up == 0\n          annotations:\n            description: ${'x'.repeat(1.6 * MiB)}\n`,
      },
      errors: [{ messageId: 'object', message: 'PrometheusRule `big` is 1,639 KiB' }],
    },
  ],
});
