import { testRule } from '../../rule-tester.js';
import rule from './dashboard.js';

const dashboard = (panels: unknown[], uid = 'lab-x') => JSON.stringify({ uid, title: 'Lab', schemaVersion: 41, panels });
const panel = (id: number, expr: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'timeseries',
  title: `p${id}`,
  gridPos: { x: 0, y: id * 8, w: 12, h: 8 },
  targets: [{ refId: 'A', expr }],
  ...extra,
});

testRule(rule, {
  valid: [
    { name: 'a sound dashboard', files: { 'd.json': dashboard([panel(1, 'rate(node_cpu_seconds_total[5m])'), panel(2, 'up')]) } },
    {
      name: 'a recording rule named in extraMetrics',
      files: { 'd.json': dashboard([panel(1, 'node:cpu_utilization:avg5m')]) },
      options: { extraMetrics: ['node:cpu_utilization:avg5m'] },
    },
    { name: 'JSON that is not a dashboard', files: { 'x.json': '{"panels": "no"}' } },
    {
      name: 'a recording rule of a rule file linted alongside',
      files: {
        'd.json': dashboard([panel(1, 'job:up:sum')]),
        'rules.yml': 'groups:\n  - name: g\n    rules:\n      - record: job:up:sum\n        expr: sum by (job) (up)\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a query that does not parse',
      files: { 'd.json': dashboard([panel(1, 'sum(rate(x[5m])')]) },
      errors: [{ messageId: 'querySyntax', file: 'd.json' }],
    },
    {
      name: 'a metric no exporter provides',
      files: { 'd.json': dashboard([panel(1, 'node_cpu_secs_total')]) },
      errors: [{ messageId: 'unknownMetric', message: 'node_cpu_secs_total' }],
    },
    {
      name: 'two panels with one id',
      files: { 'd.json': dashboard([panel(1, 'up'), panel(1, 'up', { gridPos: { x: 12, y: 8, w: 12, h: 8 } })]) },
      errors: [{ messageId: 'panelId' }],
    },
    {
      name: 'two dashboards with one uid',
      files: { 'a.json': dashboard([panel(1, 'up')]), 'b.json': dashboard([panel(1, 'up')]) },
      errors: [{ messageId: 'uid', file: 'b.json', message: 'uid already used by a.json' }],
    },
  ],
});
