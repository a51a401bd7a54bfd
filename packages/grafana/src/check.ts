/**
 * Checks of generated (or any classic) dashboards: every PromQL query parses once Grafana variables
 * are substituted and names only metrics some exporter or Prometheus itself provides; panels have
 * unique ids and non-overlapping positions inside the 24-column grid; queries have unique refIds.
 * Problems are data, each naming the dashboard, the panel and the position.
 */
import type { Artifact } from '@kiln/model';
import { analyzeExpr, lineColumn, metricNames, parseExpr } from '@kiln/promql';
import { isDashboardFile } from '@kiln/plan';
import { MAX_UID_LENGTH } from './ids.js';
import { closestMetric, isKnownMetric, knownMetrics } from './known-metrics.js';
import { GRID_COLUMNS } from './layout.js';
import { dashboardPanels, dashboardUidOf, panelQueries, variableQueries, type PanelQuery } from './queries.js';
import { scanPromql } from './scan.js';
import { substituteGrafanaVariables } from './substitute.js';

export type DashboardCheckId =
  'grafana/query-syntax' | 'grafana/unknown-metric' | 'grafana/uid' | 'grafana/panel-id' | 'grafana/ref-id' | 'grafana/grid';

export interface DashboardProblem {
  check: DashboardCheckId;
  severity: 'error';
  /** Artifact path, when checked through `checkDashboards`. */
  file?: string;
  dashboardUid: string;
  panelId?: number;
  panelTitle?: string;
  refId?: string;
  /** Template variable whose query is wrong (query variables). */
  variable?: string;
  /** 1-based position inside the query expression. */
  line?: number;
  column?: number;
  message: string;
}

export interface CheckOptions {
  /** Metric names to accept beyond the exporter catalogs (e.g. from a site's static scrape jobs). */
  extraMetrics?: readonly string[];
}

function where(q: { dashboardUid: string; panelId?: number | undefined; panelTitle?: string; refId?: string | undefined }): string {
  const panel = q.panelId === undefined ? 'panel without id' : `panel ${q.panelId}`;
  const title = q.panelTitle ? ` \`${q.panelTitle}\`` : '';
  const ref = q.refId === undefined ? '' : ` query ${q.refId}`;
  return `dashboard \`${q.dashboardUid}\` ${panel}${title}${ref}`;
}

/** First offset of `name` as a metric name (outside strings and comments), or 0. */
function metricOffset(expr: string, name: string): number {
  const context = scanPromql(expr);
  const re = new RegExp(`(?<![\\w:])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w:])`, 'g');
  for (const m of expr.matchAll(re)) if (context[m.index]?.kind === 'code') return m.index;
  return 0;
}

function base(q: PanelQuery) {
  return {
    severity: 'error' as const,
    dashboardUid: q.dashboardUid,
    ...(q.panelId !== undefined && { panelId: q.panelId }),
    panelTitle: q.panelTitle,
    ...(q.refId !== undefined && { refId: q.refId }),
  };
}

/** Syntax, types (as Prometheus' parser checks them) and metric names of one expression; `at` names where it is, for messages. */
function checkExpr(
  expr: string,
  at: string,
  fields: Partial<DashboardProblem> & { dashboardUid: string },
  known: ReadonlySet<string>,
): DashboardProblem[] {
  const problems: DashboardProblem[] = [];
  const substituted = substituteGrafanaVariables(expr);
  const parsed = parseExpr(substituted);
  for (const p of analyzeExpr(parsed).problems) {
    problems.push({
      severity: 'error',
      ...fields,
      check: 'grafana/query-syntax',
      line: p.line,
      column: p.column,
      message: `${at} ${p.line}:${p.column}: ${p.message} in \`${expr}\``,
    });
  }
  if (problems.length > 0) return problems;
  for (const name of metricNames(parsed)) {
    if (isKnownMetric(name, known)) continue;
    const pos = lineColumn(expr, metricOffset(parsed.expr, name));
    const hint = closestMetric(name, known);
    problems.push({
      severity: 'error',
      ...fields,
      check: 'grafana/unknown-metric',
      ...pos,
      message:
        `${at} ${pos.line}:${pos.column}: metric \`${name}\` is in no exporter catalog and is not a Prometheus series` +
        (hint ? ` (did you mean \`${hint}\`?)` : " (add it to the exporter's catalog in @kiln/exporters, or pass it in `extraMetrics`)"),
    });
  }
  return problems;
}

/** Syntax and metric names of every panel query and query variable of one dashboard. */
export function checkDashboardQueries(dashboard: unknown, options: CheckOptions = {}): DashboardProblem[] {
  const known = knownMetrics(options.extraMetrics);
  const problems: DashboardProblem[] = [];
  for (const q of panelQueries(dashboard)) problems.push(...checkExpr(q.expr, where(q), base(q), known));
  for (const v of variableQueries(dashboard)) {
    problems.push(
      ...checkExpr(
        v.expr,
        `dashboard \`${v.dashboardUid}\` variable \`${v.variable}\``,
        { dashboardUid: v.dashboardUid, variable: v.variable },
        known,
      ),
    );
  }
  return problems;
}

interface Box {
  id: number | undefined;
  title: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

const int = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** Uid, panel ids, grid positions and refIds of one dashboard. */
export function checkDashboardLayout(dashboard: unknown): DashboardProblem[] {
  const dashboardUid = dashboardUidOf(dashboard);
  const problems: DashboardProblem[] = [];
  const report = (check: DashboardCheckId, message: string, panel?: { id?: number | undefined; title?: string }, refId?: string) =>
    problems.push({
      check,
      severity: 'error',
      dashboardUid,
      ...(panel?.id !== undefined && { panelId: panel.id }),
      ...(panel?.title !== undefined && { panelTitle: panel.title }),
      ...(refId !== undefined && { refId }),
      message,
    });

  if (dashboardUid.length > MAX_UID_LENGTH || !/^[A-Za-z0-9_-]+$/.test(dashboardUid)) {
    report('grafana/uid', `dashboard \`${dashboardUid}\`: uid must be 1–${MAX_UID_LENGTH} letters, digits, \`-\` or \`_\``);
  }

  const seen = new Map<number, string>();
  const boxes: Box[] = [];
  const topLevel = new Set((dashboard as { panels?: unknown[] } | null)?.panels ?? []);
  for (const panel of dashboardPanels(dashboard)) {
    const id = int(panel.id) ? panel.id : undefined;
    const title = typeof panel.title === 'string' ? panel.title : '';
    const at = { dashboardUid, panelId: id, panelTitle: title };
    if (id === undefined) report('grafana/panel-id', `${where(at)}: every panel needs a numeric id (set it explicitly)`, { title });
    else if (seen.has(id)) report('grafana/panel-id', `${where(at)}: id ${id} is also used by panel \`${seen.get(id)}\``, { id, title });
    else seen.set(id, title);

    const g = panel.gridPos as Record<string, unknown> | undefined;
    if (!g || !int(g.x) || !int(g.y) || !int(g.w) || !int(g.h)) {
      report('grafana/grid', `${where(at)}: gridPos needs integer x, y, w and h`, { id, title });
    } else {
      if (g.x < 0 || g.y < 0 || g.w < 1 || g.h < 1 || g.x + g.w > GRID_COLUMNS) {
        report(
          'grafana/grid',
          `${where(at)}: gridPos x=${g.x} w=${g.w} y=${g.y} h=${g.h} leaves the ${GRID_COLUMNS}-column grid (need x ≥ 0, w ≥ 1, x + w ≤ ${GRID_COLUMNS})`,
          { id, title },
        );
      }
      if (topLevel.has(panel)) boxes.push({ id, title, x: g.x, y: g.y, w: g.w, h: g.h });
    }

    const refIds = new Set<string>();
    for (const t of Array.isArray(panel.targets) ? panel.targets : []) {
      const ref = (t as { refId?: unknown } | null)?.refId;
      if (typeof ref !== 'string' || ref === '')
        report('grafana/ref-id', `${where(at)}: every query needs a refId (A, B, …)`, { id, title });
      else if (refIds.has(ref)) report('grafana/ref-id', `${where(at)}: refId ${ref} is used twice`, { id, title }, ref);
      else refIds.add(ref);
    }
  }

  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) {
        report(
          'grafana/grid',
          `${where({ dashboardUid, panelId: b.id, panelTitle: b.title })}: overlaps panel ${a.id ?? '?'} \`${a.title}\``,
          { id: b.id, title: b.title },
        );
      }
    }
  }
  return problems;
}

/** Every dashboard artifact (`grafana/dashboards/*.json`): layout and queries, plus uids unique across files. */
export function checkDashboards(artifacts: readonly Artifact[], options: CheckOptions = {}): DashboardProblem[] {
  const problems: DashboardProblem[] = [];
  const owners = new Map<string, string>();
  for (const a of artifacts) {
    if (!isDashboardFile(a.path) || a.format !== 'json') continue;
    const uid = dashboardUidOf(a.value);
    const found = [...checkDashboardLayout(a.value), ...checkDashboardQueries(a.value, options)];
    const other = owners.get(uid);
    if (other !== undefined)
      found.push({
        check: 'grafana/uid',
        severity: 'error',
        dashboardUid: uid,
        message: `dashboard \`${uid}\` in ${a.path}: uid already used by ${other}`,
      });
    else owners.set(uid, a.path);
    problems.push(...found.map((p) => ({ file: a.path, ...p })));
  }
  return problems;
}
