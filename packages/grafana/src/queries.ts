/** Reads dashboard JSON (as generated, or any classic Grafana dashboard) without trusting its shape. */

export interface PanelQuery {
  dashboardUid: string;
  panelId: number | undefined;
  panelTitle: string;
  refId: string | undefined;
  expr: string;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const array = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Every panel, rows included, and the panels inside collapsed rows, in document order. */
export function dashboardPanels(dashboard: unknown): Json[] {
  if (!isObject(dashboard)) return [];
  const out: Json[] = [];
  for (const p of array(dashboard.panels)) {
    if (!isObject(p)) continue;
    out.push(p);
    for (const inner of array(p.panels)) if (isObject(inner)) out.push(inner);
  }
  return out;
}

export function dashboardUidOf(dashboard: unknown): string {
  return isObject(dashboard) && typeof dashboard.uid === 'string' ? dashboard.uid : '(no uid)';
}

/** Every PromQL query of every panel: targets with a string `expr`. */
export function panelQueries(dashboard: unknown): PanelQuery[] {
  const dashboardUid = dashboardUidOf(dashboard);
  const out: PanelQuery[] = [];
  for (const panel of dashboardPanels(dashboard)) {
    for (const target of array(panel.targets)) {
      if (!isObject(target) || typeof target.expr !== 'string') continue;
      out.push({
        dashboardUid,
        panelId: typeof panel.id === 'number' ? panel.id : undefined,
        panelTitle: typeof panel.title === 'string' ? panel.title : '',
        refId: typeof target.refId === 'string' ? target.refId : undefined,
        expr: target.expr,
      });
    }
  }
  return out;
}

export interface VariableQuery {
  dashboardUid: string;
  variable: string;
  /** The PromQL inside the variable's query: the selector of `label_values`, the expression of `query_result`. */
  expr: string;
}

/** PromQL of query variables (`label_values(<selector>, <label>)`, `query_result(<expr>)`). */
export function variableQueries(dashboard: unknown): VariableQuery[] {
  if (!isObject(dashboard) || !isObject(dashboard.templating)) return [];
  const dashboardUid = dashboardUidOf(dashboard);
  const out: VariableQuery[] = [];
  for (const v of array(dashboard.templating.list)) {
    if (!isObject(v) || v.type !== 'query' || typeof v.name !== 'string') continue;
    const query =
      typeof v.query === 'string' ? v.query : isObject(v.query) && typeof v.query.query === 'string' ? v.query.query : undefined;
    const m =
      query === undefined ? null : /^\s*(?:label_values\(\s*([\s\S]+?)\s*,\s*[a-zA-Z_]\w*\s*\)|query_result\(([\s\S]+)\))\s*$/.exec(query);
    const expr = m?.[1] ?? m?.[2];
    if (expr !== undefined) out.push({ dashboardUid, variable: v.name, expr });
  }
  return out;
}
