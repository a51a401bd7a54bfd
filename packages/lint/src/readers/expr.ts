/** PromQL expressions of rules: parsed once per file and text, analysed once per feature set, walked. */
import { analyzeExpr, lineColumn, parseExpr, syntaxTree, type Analysis, type CheckOptions, type Expr, type ParsedExpr } from '@kiln/promql';
import { z } from '../options-schema.js';
import type { LintFile } from '../files.js';
import type { RuleRef } from './rules.js';

/** Options of the rules that type-check expressions: Prometheus' experimental PromQL feature flags. */
export const promqlFeatureOptions = {
  experimentalFunctions: z
    .boolean()
    .default(false)
    .describe('Accept experimental functions (Prometheus `--enable-feature=promql-experimental-functions`).'),
  durationExpressions: z
    .boolean()
    .default(false)
    .describe('Accept arithmetic in ranges and offsets (`--enable-feature=promql-duration-expr`).'),
  extendedRangeSelectors: z
    .boolean()
    .default(false)
    .describe('Accept the `anchored` and `smoothed` range selector modifiers (`--enable-feature=promql-extended-range-selectors`).'),
  binopFillModifiers: z
    .boolean()
    .default(false)
    .describe('Accept `fill(…)` modifiers on binary operators (`--enable-feature=promql-binop-fill-modifiers`).'),
};

export const featuresOf = (o: { [K in keyof typeof promqlFeatureOptions]: boolean }) => ({
  features: {
    experimentalFunctions: o.experimentalFunctions,
    durationExpressions: o.durationExpressions,
    extendedRangeSelectors: o.extendedRangeSelectors,
    binopFillModifiers: o.binopFillModifiers,
  },
});

interface ExprCache {
  parsed: ParsedExpr;
  /** syntaxTree's AST; null when the expression does not parse. */
  ast?: Expr | null;
  /** analyzeExpr's result per feature set. */
  analyses: Map<string, Analysis>;
}

/** Several lint rules read each expression: it is parsed once per file and text, and analysed once per feature set. */
const exprCaches = new WeakMap<LintFile, Map<string, ExprCache>>();

function exprCache(file: LintFile, expr: string): ExprCache {
  let byText = exprCaches.get(file);
  if (!byText) exprCaches.set(file, (byText = new Map<string, ExprCache>()));
  let entry = byText.get(expr);
  if (!entry) byText.set(expr, (entry = { parsed: parseExpr(expr), analyses: new Map() }));
  return entry;
}

const DEFAULT_FEATURES = {
  features: { experimentalFunctions: false, durationExpressions: false, extendedRangeSelectors: false, binopFillModifiers: false },
};

/** `syntaxTree(r.expr)` (every experimental feature accepted), undefined when missing or not parsing. */
export function exprAst(r: RuleRef): Expr | undefined {
  if (r.expr === undefined) return undefined;
  const entry = exprCache(r.file, r.expr);
  if (entry.ast === undefined) {
    // The analysis promql/syntax makes anyway (default features) built the same tree when it found
    // nothing wrong; only expressions with problems are built again with every feature accepted.
    const analysis = exprAnalysis(r.file, r.expr, DEFAULT_FEATURES);
    entry.ast = (analysis.ast && analysis.problems.length === 0 ? analysis.ast : syntaxTree(entry.parsed)) ?? null;
  }
  return entry.ast ?? undefined;
}

/** `analyzeExpr(expr, options)` for an expression of `file`. */
export function exprAnalysis(file: LintFile, expr: string, options: CheckOptions): Analysis {
  const entry = exprCache(file, expr);
  const f = options.features;
  // One analysis per feature set as Prometheus resolves it (unset = off), keyed without JSON.stringify on every call.
  const key = f
    ? `${f.experimentalFunctions ? 1 : 0}${f.durationExpressions ? 1 : 0}${f.extendedRangeSelectors ? 1 : 0}${f.binopFillModifiers ? 1 : 0}`
    : '0000';
  let analysis = entry.analyses.get(key);
  if (!analysis) entry.analyses.set(key, (analysis = analyzeExpr(entry.parsed, options)));
  return analysis;
}

const walks = new WeakMap<Expr, readonly Expr[]>();

/**
 * Every node of a PromQL syntax tree, parents before children. Computed once per tree and shared by
 * the rules that walk it (a recursive generator cost more than everything the rules do with the nodes).
 */
export function walkExpr(root: Expr): readonly Expr[] {
  let nodes = walks.get(root);
  if (nodes) return nodes;
  const out: Expr[] = [];
  const visit = (node: Expr): void => {
    out.push(node);
    switch (node.type) {
      case 'MatrixSelector':
        visit(node.selector);
        break;
      case 'SubqueryExpr':
      case 'UnaryExpr':
      case 'ParenExpr':
        visit(node.expr);
        break;
      case 'Call':
        for (const arg of node.args) visit(arg);
        break;
      case 'AggregateExpr':
        if (node.param) visit(node.param);
        if (node.expr) visit(node.expr);
        break;
      case 'BinaryExpr':
        visit(node.lhs);
        visit(node.rhs);
        break;
      default:
        break;
    }
  };
  visit(root);
  walks.set(root, (nodes = out));
  return nodes;
}

/** `line:column` of an offset inside the rule's expression, for messages (`expr 2:5`). */
export function exprPosition(r: RuleRef, offset: number): string {
  const p = lineColumn(r.expr ?? '', offset);
  return `${p.line}:${p.column}`;
}

/** Whether an expression reads no series at all (`vector(1)`, `time() > 0`): it fires always or never, like a Watchdog. */
export function readsNoSeries(ast: Expr): boolean {
  for (const node of walkExpr(ast)) if (node.type === 'VectorSelector') return false;
  return true;
}
