/**
 * Grafana dashboards (grafana/dashboards/*.json) matched by uid, their panels by title (ids are
 * renumbered when a panel is inserted, titles are what a reader recognises). Panels inside rows
 * count as panels; position changes (`gridPos`) are not changes.
 */
import { layout } from '@kiln/plan';
import { asArray, isRecord, object, pathsUnder, text } from './parse.js';
import { code, plural } from './show.js';
import type { Change, SiteFiles } from './types.js';
import { fieldChanges, fieldLines, keyed, partition } from './values.js';

export const DASHBOARDS_DIR = `${layout.grafana.dashboardsDir}/`;

interface Dashboard {
  file: string;
  uid: string;
  title: string;
  settings: Record<string, unknown>;
  panels: Map<string, Record<string, unknown>>;
}

function panelsOf(list: unknown[]): Record<string, unknown>[] {
  return list.filter(isRecord).flatMap((p) => [p, ...panelsOf(asArray(p.panels))]);
}

function dashboardsOf(files: SiteFiles): Map<string, Dashboard> {
  const list: Dashboard[] = [];
  for (const file of pathsUnder(files, DASHBOARDS_DIR, '.json')) {
    const d = object(file, files.get(file));
    if (!d) continue;
    const { panels, version: _v, id: _id, ...settings } = d;
    const all = panelsOf(asArray(panels)).map((p) => {
      const { id: _pid, gridPos: _g, panels: _children, ...rest } = p;
      return rest;
    });
    list.push({
      file,
      uid: text(d.uid, file),
      title: text(d.title, file),
      settings,
      panels: keyed(all, (p) => (typeof p.title === 'string' && p.title !== '' ? p.title : `(untitled ${text(p.type, 'panel')})`)),
    });
  }
  return keyed(list, (d) => d.uid);
}

const panelLine = (key: string, p: Record<string, unknown>, d: Dashboard) =>
  `panel ${code(key.replace(/#\d+$/, ''))} (${text(p.type, 'panel')}) on ${code(d.title)}`;

export function diffDashboards(base: SiteFiles, head: SiteFiles): Change[] {
  const before = dashboardsOf(base);
  const after = dashboardsOf(head);
  const { removed, added, common } = partition(before, after);
  const changes: Change[] = [];
  for (const k of removed) {
    const d = before.get(k)!;
    changes.push({
      subject: 'dashboard',
      kind: 'removed',
      risk: 'medium',
      summary: `removed dashboard ${code(d.title)} (uid ${code(d.uid)}, ${plural(d.panels.size, 'panel')})`,
      details: [],
    });
  }
  for (const k of added) {
    const d = after.get(k)!;
    changes.push({
      subject: 'dashboard',
      kind: 'added',
      risk: 'low',
      summary: `new dashboard ${code(d.title)} (uid ${code(d.uid)}, ${plural(d.panels.size, 'panel')})`,
      details: [...d.panels.keys()].map((t) => code(t)),
    });
  }
  for (const k of common) {
    const b = before.get(k)!;
    const a = after.get(k)!;
    const fields = fieldChanges(b.settings, a.settings);
    if (fields.length) {
      const title = fields.find((f) => f.path === 'title');
      changes.push({
        subject: 'dashboard',
        kind: 'changed',
        risk: 'low',
        summary: title
          ? `dashboard ${code(String(title.before))} renamed to ${code(a.title)}`
          : `dashboard ${code(a.title)}: ${fields
              .map((f) => code(f.path.split(/[.[]/)[0]!))
              .filter((x, i, all) => all.indexOf(x) === i)
              .join(', ')} changed`,
        details: fieldLines(fields.filter((f) => f !== title)),
      });
    }
    const p = partition(b.panels, a.panels);
    for (const t of p.removed)
      changes.push({
        subject: 'panel',
        kind: 'removed',
        risk: 'low',
        summary: `removed ${panelLine(t, b.panels.get(t)!, a)}`,
        details: [],
      });
    for (const t of p.added)
      changes.push({ subject: 'panel', kind: 'added', risk: 'low', summary: `new ${panelLine(t, a.panels.get(t)!, a)}`, details: [] });
    for (const t of p.common) {
      const pf = fieldChanges(b.panels.get(t), a.panels.get(t));
      if (pf.length)
        changes.push({
          subject: 'panel',
          kind: 'changed',
          risk: 'low',
          summary: `${panelLine(t, a.panels.get(t)!, a)} changed`,
          details: fieldLines(pf, 6),
        });
    }
  }
  return changes;
}

export const dashboardFiles = (files: SiteFiles) => pathsUnder(files, DASHBOARDS_DIR, '.json');
