/** PromQL for dashboards: selectors with Grafana variables, and the Prometheus query builder. */
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import { PROMETHEUS_VIA_VARIABLE } from './datasources.js';
import { refId } from './ids.js';

export interface Query {
  expr: string;
  /** Legend template, e.g. `{{host}}`. */
  legend?: string;
  /** Evaluate once at the end of the range (tables, stats) instead of as a range. */
  instant?: boolean;
  /** `table` returns one row per series with its labels as columns. */
  format?: 'time_series' | 'table';
}

/** Quotes a label value for PromQL (Grafana variables such as `$host` pass through unchanged). */
function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * `metric{job="node",host=~"$host"}`: matchers in the order given. Keys ending in `~` or `!` select
 * the operator: `{ 'host~': '$host' }` → `host=~"$host"`, `{ 'mode!': 'idle' }` → `mode!="idle"`,
 * `{ 'device!~': 'lo' }` → `device!~"lo"`.
 */
export function sel(metric: string, matchers: Record<string, string>): string {
  const parts = Object.entries(matchers).map(([key, value]) => {
    const m = /^(.*?)(!~|~|!)?$/.exec(key)!;
    const op = m[2] === '~' ? '=~' : m[2] === '!~' ? '!~' : m[2] === '!' ? '!=' : '=';
    return `${m[1]}${op}${quote(value)}`;
  });
  return `${metric}{${parts.join(',')}}`;
}

/** Alternation of literal values as a PromQL regex matcher value (RE2, fully anchored by Prometheus). */
export function anyOf(values: string[]): string {
  return [...new Set(values)]
    .sort()
    .map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
}

/** The query builders of a panel, with refIds A, B, … in order. */
export function targets(queries: Query[]): prometheus.DataqueryBuilder[] {
  return queries.map((q, i) => {
    const b = new prometheus.DataqueryBuilder().datasource(PROMETHEUS_VIA_VARIABLE).refId(refId(i)).expr(q.expr);
    if (q.legend !== undefined) b.legendFormat(q.legend);
    if (q.instant) b.instant();
    else b.range();
    if (q.format === 'table') b.format(prometheus.PromQueryFormat.Table);
    return b;
  });
}
