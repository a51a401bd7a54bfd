/**
 * What an expression reads and does: its selectors (metric, matchers, range), the functions it
 * calls and its aggregations. Experimental syntax is accepted; expressions with syntax errors
 * yield empty lists.
 */
import { walk, type AggregateOp, type Expr, type MatchOp, type Span, type VectorSelector } from './ast.js';
import { formatDuration } from './format-duration.js';
import { syntaxTree } from './syntax-tree.js';

export interface SelectorInfo extends Span {
  /** The metric name, from before the braces or from a `__name__="…"` matcher; undefined if none. */
  metric: string | undefined;
  /** The matchers inside the braces, values unquoted, in source order. */
  matchers: Array<{ name: string; op: MatchOp; value: string }>;
  /** The range of a range selector (`5m`), as written; undefined for instant selectors. */
  range: string | undefined;
  /** The offset as written (`5m`, `-1h`), if any. */
  offset: string | undefined;
}

export interface AggregationInfo extends Span {
  op: AggregateOp;
  /** Labels of `by (…)`; undefined unless `by` is written. */
  by: string[] | undefined;
  /** Labels of `without (…)`; undefined unless `without` is written. */
  without: string[] | undefined;
}

function nodes(expr: string | Expr): Expr[] {
  const ast = typeof expr === 'string' ? syntaxTree(expr) : expr;
  return ast ? [...walk(ast)] : [];
}

function describeSelector(s: VectorSelector, range: string | undefined, span: Span): SelectorInfo {
  const nameMatcher = s.matchers.find((m) => m.name === '__name__' && m.op === '=');
  return {
    metric: s.name !== '' ? s.name : nameMatcher?.value,
    matchers: s.matchers.map(({ name, op, value }) => ({ name, op, value })),
    range,
    offset: s.offset ? formatDuration(s.offset) : undefined,
    from: span.from,
    to: span.to,
  };
}

/** Every vector and range selector, in source order. */
export function selectors(expr: string | Expr): SelectorInfo[] {
  const out: SelectorInfo[] = [];
  const inMatrix = new Set<VectorSelector>();
  for (const node of nodes(expr)) {
    if (node.type === 'MatrixSelector') {
      inMatrix.add(node.selector);
      out.push(describeSelector(node.selector, formatDuration(node.range), node));
    } else if (node.type === 'VectorSelector' && !inMatrix.has(node)) {
      out.push(describeSelector(node, undefined, node));
    }
  }
  return out.sort((a, b) => a.from - b.from);
}

/** The names of the functions called, sorted, each once. */
export function functionsUsed(expr: string | Expr): string[] {
  const names = new Set<string>();
  for (const node of nodes(expr)) if (node.type === 'Call') names.add(node.name);
  return [...names].sort();
}

/** Every aggregation, outermost first. */
export function aggregations(expr: string | Expr): AggregationInfo[] {
  const out: AggregationInfo[] = [];
  for (const node of nodes(expr)) {
    if (node.type !== 'AggregateExpr') continue;
    out.push({
      op: node.op,
      by: node.grouping && !node.without ? [...node.grouping] : undefined,
      without: node.grouping && node.without ? [...node.grouping] : undefined,
      from: node.from,
      to: node.to,
    });
  }
  return out;
}
