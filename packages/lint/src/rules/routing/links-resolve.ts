import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { at, promRules } from '../../readers/rules.js';

interface DashboardJson {
  uid?: unknown;
  panels?: { id?: unknown; panels?: { id?: unknown }[] }[];
}

/** Dashboards among the files (Grafana JSON): uid → panel ids, nested row panels included. */
function dashboards(files: { values: unknown[] }[]): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  for (const f of files) {
    for (const v of f.values) {
      const d = v as DashboardJson;
      if (!d || typeof d !== 'object' || typeof d.uid !== 'string' || !Array.isArray(d.panels)) continue;
      const ids = new Set<number>();
      for (const p of d.panels) {
        if (typeof p?.id === 'number') ids.add(p.id);
        for (const inner of Array.isArray(p?.panels) ? p.panels : []) if (typeof inner?.id === 'number') ids.add(inner.id);
      }
      out.set(d.uid, ids);
    }
  }
  return out;
}

export default createRule({
  id: 'routing/links-resolve',
  meta: {
    description:
      "Every alert's `dashboard_url` points at a dashboard and panel this build emits, and its `runbook_url` at the site's runbook base URL.",
    rationale:
      'A link in a page at 3 a.m. that leads to "Dashboard not found" or a 404 runbook costs minutes when they matter most. Dashboards are renamed and panels renumbered; Kiln knows exactly what it emits, so it can check every link.',
    summary: 'alert link points nowhere',
    severity: 'error',
    messages: {
      runbook: "{{rule}}: `runbook_url` {{url}} is not under the site's runbook base {{base}}; use the site's `runbookUrl` pattern",
      dashboard: '{{rule}}: `dashboard_url` {{url}} names dashboard `{{uid}}`, which this build does not emit (dashboards: {{known}})',
      panel: '{{rule}}: `dashboard_url` {{url}} names panel {{panel}}, which dashboard `{{uid}}` does not have',
      base: "{{rule}}: `dashboard_url` {{url}} is not under the site's Grafana URL {{base}}",
    },
    options: z.strictObject({}),
    reads: ['site', 'files'],
  },
  check({ site, files, report }) {
    if (!site) return;
    const runbookBase = site.runbookUrl.slice(0, site.runbookUrl.indexOf('{alertname}'));
    const emitted = dashboards(files);
    for (const r of promRules(files)) {
      if (r.kind !== 'alert') continue;
      const rule = `alert \`${r.name}\``;
      const entity = { kind: 'alert', name: r.name };
      const runbook = r.annotations['runbook_url'];
      if (runbook !== undefined && !runbook.startsWith(runbookBase)) {
        report({
          messageId: 'runbook',
          data: { rule, url: runbook, base: runbookBase },
          entity,
          location: at(r, 'annotations', 'runbook_url'),
        });
      }
      const url = r.annotations['dashboard_url'];
      if (url === undefined) continue;
      const location = at(r, 'annotations', 'dashboard_url');
      const base = site.grafana?.url;
      if (!base || !url.startsWith(`${base}/d/`)) {
        report({ messageId: 'base', data: { rule, url, base: base ?? '(none: the site declares no `grafana.url`)' }, entity, location });
        continue;
      }
      const m = /^\/d\/([^/?]+)(?:\/[^?]*)?(?:\?(.*))?$/.exec(url.slice(base.length));
      const uid = m?.[1] ?? '';
      const panels = emitted.get(uid);
      if (!panels) {
        report({
          messageId: 'dashboard',
          data: { rule, url, uid, known: [...emitted.keys()].sort().join(', ') || 'none' },
          entity,
          location,
        });
        continue;
      }
      const panel = new URLSearchParams(m?.[2] ?? '').get('viewPanel');
      if (panel !== null && !panels.has(Number(panel))) report({ messageId: 'panel', data: { rule, url, uid, panel }, entity, location });
    }
  },
});
