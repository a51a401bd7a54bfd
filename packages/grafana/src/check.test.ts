import { describe, expect, test } from 'vitest';
import { checkDashboardLayout, checkDashboards } from './check.js';
import { composeDashboard } from './compose.js';
import type { DashboardFactory } from './dashboards/index.js';
import { generateGrafana } from './generate.js';
import { timeseriesPanel } from './presets.js';
import { planOf, site } from './test-fixtures/sites.js';
import { labelValuesVariable } from './variables.js';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const broken: DashboardFactory = (s) =>
  composeDashboard(s, {
    id: 'broken',
    title: 'Broken',
    sections: [
      {
        title: 'Bad queries',
        panels: [
          timeseriesPanel({ title: 'Fine', queries: [{ expr: 'up' }] }),
          timeseriesPanel({
            title: 'CPU',
            queries: [
              { expr: 'sum(rate(node_cpu_seconds_total{host=~"$host"}[$__rate_interval])' },
              { expr: 'rate(node_cpu_secs_total{host=~"$host"}[$__rate_interval])' },
            ],
          }),
        ],
      },
    ],
  });

describe('checkDashboards', () => {
  test('the standard dashboards of a site have no problems', () => {
    expect(checkDashboards(generateGrafana(planOf(site())))).toEqual([]);
  });

  test('a broken panel query is reported with its dashboard, panel, query and position', () => {
    const problems = checkDashboards(generateGrafana(planOf(site(), [broken])));
    const expr = 'sum(rate(node_cpu_seconds_total{host=~"$host"}[$__rate_interval])';
    expect(problems).toEqual([
      expect.objectContaining({
        check: 'grafana/query-syntax',
        file: 'grafana/dashboards/pantheon-broken.json',
        dashboardUid: 'pantheon-broken',
        panelId: 3,
        panelTitle: 'CPU',
        refId: 'A',
        line: 1,
        column: expr.length + 1,
        // The parser's own wording may change; the location prefix and the query are ours.
        message: expect.stringMatching(
          new RegExp(`^dashboard \`pantheon-broken\` panel 3 \`CPU\` query A 1:${expr.length + 1}: .+ in \`${escapeRegExp(expr)}\`$`),
        ),
      }),
      expect.objectContaining({
        check: 'grafana/unknown-metric',
        dashboardUid: 'pantheon-broken',
        panelId: 3,
        refId: 'B',
        line: 1,
        column: 6,
        message: expect.stringContaining(
          'metric `node_cpu_secs_total` is in no exporter catalog and is not a Prometheus series (did you mean `node_cpu_seconds_total`?)',
        ),
      }),
    ]);
  });

  test('metrics outside the catalogs can be allowed', () => {
    const problems = checkDashboards(generateGrafana(planOf(site(), [broken])), { extraMetrics: ['node_cpu_secs_total'] });
    expect(problems.map((p) => p.check)).toEqual(['grafana/query-syntax']);
  });

  test('query variables are checked too (the selector of label_values)', () => {
    const withVariable: DashboardFactory = (s) =>
      composeDashboard(s, {
        id: 'vars',
        title: 'Vars',
        variables: [labelValuesVariable({ name: 'gpu', label: 'GPU', selector: 'nvidia_smi_gpu_inf{host=~"$host"}', labelName: 'uuid' })],
        sections: [],
      });
    expect(checkDashboards(generateGrafana(planOf(site(), [withVariable])))).toEqual([
      expect.objectContaining({
        check: 'grafana/unknown-metric',
        dashboardUid: 'pantheon-vars',
        variable: 'gpu',
        line: 1,
        column: 1,
        message: expect.stringContaining(
          'dashboard `pantheon-vars` variable `gpu` 1:1: metric `nvidia_smi_gpu_inf` is in no exporter catalog',
        ),
      }),
    ]);
  });

  test('two dashboards with one uid are reported', () => {
    const twice: DashboardFactory = (s) => composeDashboard(s, { id: 'overview', title: 'Mine', sections: [] });
    const problems = checkDashboards(generateGrafana(planOf(site(), [twice])));
    expect(problems).toEqual([
      expect.objectContaining({
        check: 'grafana/uid',
        message: expect.stringContaining('uid already used by grafana/dashboards/pantheon-overview.json'),
      }),
    ]);
  });
});

describe('checkDashboardLayout', () => {
  const panel = (id: number | undefined, x: number, y: number, w: number, h: number, targets: unknown[] = []) => ({
    id,
    title: `p${id}`,
    gridPos: { x, y, w, h },
    targets,
  });

  test('a clean layout has no problems', () => {
    expect(checkDashboardLayout({ uid: 'ok', panels: [panel(1, 0, 0, 12, 8), panel(2, 12, 0, 12, 8), panel(3, 0, 8, 24, 4)] })).toEqual([]);
  });

  test.each([
    ['duplicate ids', [panel(1, 0, 0, 12, 8), panel(1, 12, 0, 12, 8)], 'grafana/panel-id', 'id 1 is also used by panel `p1`'],
    ['a missing id', [panel(undefined, 0, 0, 12, 8)], 'grafana/panel-id', 'every panel needs a numeric id'],
    ['overlapping panels', [panel(1, 0, 0, 12, 8), panel(2, 6, 4, 12, 8)], 'grafana/grid', 'overlaps panel 1 `p1`'],
    ['x + w beyond 24', [panel(1, 16, 0, 12, 8)], 'grafana/grid', 'leaves the 24-column grid'],
    ['a query without refId', [panel(1, 0, 0, 12, 8, [{ expr: 'up' }])], 'grafana/ref-id', 'every query needs a refId'],
    [
      'a repeated refId',
      [
        panel(1, 0, 0, 12, 8, [
          { expr: 'up', refId: 'A' },
          { expr: 'up', refId: 'A' },
        ]),
      ],
      'grafana/ref-id',
      'refId A is used twice',
    ],
  ])('reports %s', (_name, panels, check, text) => {
    const problems = checkDashboardLayout({ uid: 'bad', panels });
    expect(problems).toEqual([expect.objectContaining({ check, dashboardUid: 'bad', message: expect.stringContaining(text) })]);
  });

  test('reports a uid Grafana would refuse', () => {
    expect(checkDashboardLayout({ uid: 'x'.repeat(41), panels: [] })).toEqual([expect.objectContaining({ check: 'grafana/uid' })]);
  });

  test('never throws on malformed input', () => {
    for (const input of [null, 42, 'x', [], {}, { panels: 'no' }, { panels: [null, 1, { gridPos: 'x', targets: [null] }] }]) {
      expect(() => checkDashboardLayout(input)).not.toThrow();
    }
  });
});
