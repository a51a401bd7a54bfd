/**
 * The checker: every syntax and semantic error Prometheus 3.x reports for an expression, with the
 * result type. Like Prometheus, type checking only runs once the expression parses cleanly.
 */
import type { Expr } from './ast.js';
import { buildAst } from './build-ast.js';
import type { Finding } from './build-context.js';
import { checkAst, typeOf } from './check-ast.js';
import { resolveFeatures, type CheckOptions } from './features.js';
import { depthProblem, fastAstOf, parseExpr, parseExprSlow, problemAt, type ParsedExpr, type PromqlProblem } from './parse.js';
import { documentedType, type ValueType } from './value-type.js';

export interface Analysis {
  expr: string;
  /** Undefined when the expression has syntax errors. */
  ast: Expr | undefined;
  /** The result type, or undefined when the expression does not parse. */
  type: ValueType | undefined;
  problems: PromqlProblem[];
}

/** `source` may be the result of parseExpr, so that one parse serves several analyses. */
export function analyzeExpr(source: string | ParsedExpr, options?: CheckOptions): Analysis {
  const parsed = typeof source === 'string' ? parseExpr(source) : source;
  // fastParse only takes expressions without syntax errors or build findings under any feature set.
  const fast = fastAstOf(parsed);
  if (fast) return analysisOf(parsed.expr, fast, []);
  return analyzeParsed(parsed, options);
}

/** analyzeExpr on the lezer path only, for the differential test of the fast parser. */
export function analyzeExprSlow(expr: string, options?: CheckOptions): Analysis {
  return analyzeParsed(parseExprSlow(expr), options);
}

function analyzeParsed(parsed: ParsedExpr, options: CheckOptions | undefined): Analysis {
  const expr = parsed.expr;
  if (parsed.problems.length > 0) return { expr, ast: undefined, type: undefined, problems: parsed.problems };
  const { ast, findings } = buildAst(expr, parsed.tree, resolveFeatures(options));
  if (!ast) return { expr, ast, type: undefined, problems: [problemAt(expr, 'promql/syntax', 'no expression found in input', 0, 0)] };
  const deep = depthProblem(expr, ast);
  return deep ? { expr, ast: undefined, type: undefined, problems: [deep] } : analysisOf(expr, ast, findings);
}

function analysisOf(expr: string, ast: Expr, findings: Finding[]): Analysis {
  const all = findings.length > 0 ? findings : checkAst(ast);
  const problems = all.map((f) => problemAt(expr, 'promql/syntax', f.message, f.from, f.to));
  return { expr, ast, type: typeOf(ast), problems };
}

/** Every syntax and type error in the expression (code `promql/syntax`). */
export function checkExpr(expr: string, options?: CheckOptions): PromqlProblem[] {
  return analyzeExpr(expr, options).problems;
}

/** The value type the expression evaluates to, or undefined when it does not parse. */
export function exprType(expr: string, options?: CheckOptions): ValueType | undefined {
  return analyzeExpr(expr, options).type;
}

/**
 * checkExpr plus the rule requirement: a recording or alerting rule must evaluate to an instant
 * vector or a scalar (code `rule/result-type`). Prometheus only notices this when it evaluates
 * the rule ("rule result is not a vector or scalar"); promtool check rules does not.
 */
export function checkRuleExpr(expr: string, options?: CheckOptions): PromqlProblem[] {
  return ruleExprProblems(analyzeExpr(expr, options));
}

/** checkRuleExpr on an analysis already made. */
export function ruleExprProblems(analysis: Analysis): PromqlProblem[] {
  const expr = analysis.expr;
  const problems = [...analysis.problems];
  const type = analysis.type;
  if (problems.length === 0 && type !== undefined && type !== 'vector' && type !== 'scalar') {
    const start = expr.length - expr.trimStart().length;
    const end = expr.trimEnd().length;
    problems.push(
      problemAt(
        expr,
        'rule/result-type',
        `rule expression must evaluate to an instant vector or scalar, got ${documentedType(type)}`,
        start,
        end,
      ),
    );
  }
  return problems;
}
