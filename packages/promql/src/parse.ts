/**
 * Syntax checking on top of @prometheus-io/lezer-promql. Positions are kept as offsets and turned
 * into `line:col` (1-based) only when printed.
 */
import type { Tree } from '@lezer/common';
import { createRequire } from 'node:module';
import { children, walk, type Expr } from './ast.js';
import { fastParse, MAX_EXPR_DEPTH, TOO_DEEP } from './fast-parse.js';
import { lezerInput } from './lezer-input.js';
import { firstSyntaxError } from './syntax-errors.js';

type LezerPromql = typeof import('@prometheus-io/lezer-promql');
let lezer: LezerPromql['parser'] | undefined;

/**
 * lezer's PromQL parser, loaded on first use: the fast parser takes almost every expression, and
 * building lezer's parse tables was ~5 ms of every `kiln lint` start-up.
 */
function lezerParser(): LezerPromql['parser'] {
  return (lezer ??= (createRequire(import.meta.url)('@prometheus-io/lezer-promql') as LezerPromql).parser);
}

/**
 * `promql/syntax`: the expression does not parse or type-check; `rule/result-type`: see checkRuleExpr;
 * `promql/depth`: nested deeper than Kiln analyses (fast-parse.ts MAX_EXPR_DEPTH), not checked.
 */
export type PromqlProblemCode = 'promql/syntax' | 'rule/result-type' | 'promql/depth';

export interface PromqlProblem {
  code: PromqlProblemCode;
  message: string;
  /** Offsets into the expression, [from, to). */
  from: number;
  to: number;
  line: number;
  column: number;
}

export interface ParsedExpr {
  readonly expr: string;
  /** The lezer tree, parsed on first use (the fast path of analyzeExpr does without it). */
  readonly tree: Tree;
  readonly problems: PromqlProblem[];
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

export function problemAt(expr: string, code: PromqlProblemCode, message: string, from: number, to: number): PromqlProblem {
  return { code, message, from, to: Math.max(to, from), ...lineColumn(expr, from) };
}

/**
 * The expression's parse, made on demand: fastParse's AST when it takes the expression (then there
 * are no syntax problems), else the lezer tree and its first syntax error.
 */
class LazyParse implements ParsedExpr {
  private lezerTree: Tree | undefined;
  private syntaxProblems: PromqlProblem[] | undefined;
  /** fastParse's result; null when it declined, a problem when the expression is nested too deeply. */
  private fast: Expr | PromqlProblem | null | undefined;

  constructor(readonly expr: string) {}

  get tree(): Tree {
    return (this.lezerTree ??= lezerParser().parse(lezerInput(this.expr)));
  }

  get problems(): PromqlProblem[] {
    if (this.syntaxProblems) return this.syntaxProblems;
    const fast = this.fastOutcome();
    return (this.syntaxProblems = fast === null ? lezerProblems(this.expr, this.tree) : 'code' in fast ? [fast] : []);
  }

  fastAst(): Expr | undefined {
    const fast = this.fastOutcome();
    return fast === null || 'code' in fast ? undefined : fast;
  }

  private fastOutcome(): Expr | PromqlProblem | null {
    if (this.fast === undefined) {
      const ast = fastParse(this.expr);
      this.fast =
        ast === TOO_DEEP
          ? problemAt(this.expr, 'promql/depth', `nested more than ${MAX_EXPR_DEPTH} levels deep`, 0, 0)
          : ast === undefined
            ? null
            : (depthProblem(this.expr, ast) ?? ast);
    }
    return this.fast;
  }
}

function lezerProblems(expr: string, tree: Tree): PromqlProblem[] {
  if (expr.replace(/#[^\n]*/g, '').trim() === '') return [problemAt(expr, 'promql/syntax', 'no expression found in input', 0, 0)];
  const error = firstSyntaxError(expr, tree);
  return error ? [problemAt(expr, 'promql/syntax', error.message, error.from, error.to)] : [];
}

/** The `promql/depth` problem of an AST nested deeper than MAX_EXPR_DEPTH, else undefined. */
export function depthProblem(expr: string, ast: Expr): PromqlProblem | undefined {
  // Each level takes at least one character, so shorter text cannot be this deep.
  if (expr.length <= MAX_EXPR_DEPTH) return undefined;
  const stack: [Expr, number][] = [[ast, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_EXPR_DEPTH)
      return problemAt(expr, 'promql/depth', `nested more than ${MAX_EXPR_DEPTH} levels deep`, node.from, node.to);
    for (const child of children(node)) stack.push([child, depth + 1]);
  }
  return undefined;
}

/** Parse an expression; `problems` holds the first syntax error, if any. */
export function parseExpr(expr: string): ParsedExpr {
  return new LazyParse(expr);
}

/** The lezer path only, for the differential test of the fast parser. */
export function parseExprSlow(expr: string): ParsedExpr {
  const tree = lezerParser().parse(lezerInput(expr));
  return { expr, tree, problems: lezerProblems(expr, tree) };
}

/** The AST of a clean expression without the lezer parse, when fastParse takes it. */
export function fastAstOf(parsed: ParsedExpr): Expr | undefined {
  return parsed instanceof LazyParse ? parsed.fastAst() : undefined;
}

/** The metric names of every vector selector in the expression. */
export function metricNames(parsed: ParsedExpr): string[] {
  const names = new Set<string>();
  const ast = fastAstOf(parsed);
  if (ast) {
    for (const node of walk(ast)) if (node.type === 'VectorSelector' && node.name !== '') names.add(node.name);
    return [...names].sort();
  }
  parsed.tree.iterate({
    enter(node) {
      if (node.name === 'VectorSelector') {
        const id = node.node.getChild('Identifier');
        if (id) names.add(parsed.expr.slice(id.from, id.to));
      }
    },
  });
  return [...names].sort();
}
