// The checks alone (not the dashboard builders and the Grafana SDK): `kiln lint FILE` starts faster.
import { checkDashboardLayout, checkDashboardQueries, type DashboardProblem } from '@kiln/grafana/check';
import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import type { LintFile } from '../../files.js';

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A Grafana dashboard model (classic JSON): a `panels` list and the dashboard's `schemaVersion` or `uid`. */
export const isDashboard = (v: unknown): v is Record<string, unknown> =>
  isRecord(v) && Array.isArray(v['panels']) && ('schemaVersion' in v || 'uid' in v);

const MESSAGE_IDS = {
  'grafana/query-syntax': 'querySyntax',
  'grafana/unknown-metric': 'unknownMetric',
  'grafana/uid': 'uid',
  'grafana/panel-id': 'panelId',
  'grafana/ref-id': 'refId',
  'grafana/grid': 'grid',
} as const;

export default createRule({
  id: 'grafana/dashboard',
  meta: {
    description:
      'Grafana dashboards load and show data: queries parse, name known metrics, panels have unique ids, refIds and a place in the grid, uids are valid and unique.',
    rationale:
      "A dashboard whose query does not parse shows an error panel; one that names a metric no exporter provides shows an empty graph that looks like a quiet system. Duplicate panel ids break links to panels (every alert's `dashboard_url`), duplicate refIds drop a query, overlapping or out-of-grid panels are moved by Grafana on load, and two dashboards with one uid overwrite each other in provisioning. `kiln build` runs this rule on every dashboard it writes and refuses to write a broken one; `kiln lint dashboard.json` checks dashboards written by hand.",
    summary: 'broken dashboard',
    severity: 'error',
    messages: {
      querySyntax: '{{file}}: {{problem}}',
      unknownMetric: '{{file}}: {{problem}}',
      uid: '{{file}}: {{problem}}',
      panelId: '{{file}}: {{problem}}',
      refId: '{{file}}: {{problem}}',
      grid: '{{file}}: {{problem}}',
    },
    options: z.strictObject({
      extraMetrics: z
        .array(z.string())
        .default([])
        .describe(
          "Metric names to accept besides the exporter catalogs, Prometheus' own and the recording rules of the site or of rule files linted alongside.",
        ),
    }),
    reads: ['files'],
  },
  check({ site, files, options, report }) {
    // Recorded series are metrics too: the site's recording rules and any rule file linted alongside.
    const list = (v: unknown, key: string): unknown[] => (isRecord(v) && Array.isArray(v[key]) ? (v[key] as unknown[]) : []);
    const recorded = files.flatMap((f) => f.values.flatMap((v) => list(v, 'groups').flatMap((g) => list(g, 'rules'))));
    const extraMetrics = [
      ...options.extraMetrics,
      ...(site?.recordingRules ?? []).map((r) => r.name),
      ...recorded.flatMap((r) => (isRecord(r) && typeof r['record'] === 'string' ? [r['record']] : [])),
    ];
    const owners = new Map<string, string>();
    const dashboards: { file: LintFile; value: Record<string, unknown> }[] = [];
    for (const file of files) for (const value of file.values) if (isDashboard(value)) dashboards.push({ file, value });
    for (const { file, value } of dashboards) {
      const found: DashboardProblem[] = [...checkDashboardLayout(value), ...checkDashboardQueries(value, { extraMetrics })];
      const uid = typeof value['uid'] === 'string' ? value['uid'] : '';
      const other = owners.get(uid);
      if (uid && other !== undefined)
        found.push({
          check: 'grafana/uid',
          severity: 'error',
          dashboardUid: uid,
          message: `dashboard \`${uid}\`: uid already used by ${other}`,
        });
      else if (uid) owners.set(uid, file.path);
      for (const p of found) {
        report({
          messageId: MESSAGE_IDS[p.check],
          data: { file: file.path, problem: p.message },
          entity: { kind: 'dashboard', name: p.dashboardUid || file.path },
          location: { file: file.path, ...file.position(p.panelId === undefined ? [] : ['panels']) },
        });
      }
    }
  },
});
