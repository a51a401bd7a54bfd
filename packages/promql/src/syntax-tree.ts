/**
 * The AST of an expression for inspection and formatting: every experimental feature is accepted
 * and semantic errors are ignored; only syntax errors leave no tree.
 */
import type { Expr } from './ast.js';
import { buildAst } from './build-ast.js';
import type { PromqlFeatures } from './features.js';
import { fastAstOf, parseExpr, type ParsedExpr } from './parse.js';

const ALL_FEATURES: PromqlFeatures = {
  experimentalFunctions: true,
  durationExpressions: true,
  extendedRangeSelectors: true,
  binopFillModifiers: true,
};

/** `expr` may be the result of parseExpr, so that one parse serves several analyses. */
export function syntaxTree(expr: string | ParsedExpr): Expr | undefined {
  const parsed = typeof expr === 'string' ? parseExpr(expr) : expr;
  // fastParse declines every experimental construct and finding, so its AST is the one built with every feature.
  const fast = fastAstOf(parsed);
  if (fast) return fast;
  if (parsed.problems.length > 0) return undefined;
  return buildAst(parsed.expr, parsed.tree, ALL_FEATURES).ast;
}
