/**
 * Syntax checking on top of @prometheus-io/lezer-promql. Positions are kept as offsets and turned
 * into `line:col` (1-based) only when printed.
 */
import type { Tree } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';
import { lezerInput } from './lezer-input.js';
import { firstSyntaxError } from './syntax-errors.js';

/** `promql/syntax`: the expression does not parse or type-check; `rule/result-type`: see checkRuleExpr. */
export type PromqlProblemCode = 'promql/syntax' | 'rule/result-type';

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
  expr: string;
  tree: Tree;
  problems: PromqlProblem[];
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

/** Parse with the lezer grammar; `problems` holds the first syntax error, if any. */
export function parseExpr(expr: string): ParsedExpr {
  const tree = parser.parse(lezerInput(expr));
  const problems: PromqlProblem[] = [];
  if (expr.replace(/#[^\n]*/g, '').trim() === '') {
    problems.push(problemAt(expr, 'promql/syntax', 'no expression found in input', 0, 0));
    return { expr, tree, problems };
  }
  const error = firstSyntaxError(expr, tree);
  if (error) problems.push(problemAt(expr, 'promql/syntax', error.message, error.from, error.to));
  return { expr, tree, problems };
}

/** The metric names of every vector selector in the expression. */
export function metricNames(parsed: ParsedExpr): string[] {
  const names = new Set<string>();
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
