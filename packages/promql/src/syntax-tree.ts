/**
 * The AST of an expression for inspection and formatting: every experimental feature is accepted
 * and semantic errors are ignored; only syntax errors leave no tree.
 */
import type { Expr } from './ast.js';
import { buildAst } from './build-ast.js';
import type { PromqlFeatures } from './features.js';
import { parseExpr } from './parse.js';

const ALL_FEATURES: PromqlFeatures = {
  experimentalFunctions: true,
  durationExpressions: true,
  extendedRangeSelectors: true,
  binopFillModifiers: true,
};

export function syntaxTree(expr: string): Expr | undefined {
  const parsed = parseExpr(expr);
  if (parsed.problems.length > 0) return undefined;
  return buildAst(expr, parsed.tree, ALL_FEATURES).ast;
}
