/**
 * Syntax checking on top of @prometheus-io/lezer-promql. Positions are kept as offsets and turned
 * into `line:col` (1-based) only when printed.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';

export interface PromqlProblem {
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

function describeAt(expr: string, from: number): string {
  if (from >= expr.length) return 'unexpected end of expression';
  const rest = expr.slice(from).match(/^\S{1,20}/)?.[0] ?? expr[from];
  return `unexpected \`${rest}\``;
}

export function parseExpr(expr: string): ParsedExpr {
  const tree = parser.parse(expr);
  const problems: PromqlProblem[] = [];
  if (expr.trim() === '') {
    problems.push({ message: 'empty expression', from: 0, to: 0, line: 1, column: 1 });
  }
  tree.iterate({
    enter(node) {
      if (node.type.isError) {
        // An error node may be empty (something is missing) or wrap the text lezer could not place.
        const message = describeAt(expr, node.from);
        problems.push({ message, from: node.from, to: Math.max(node.to, node.from + 1), ...lineColumn(expr, node.from) });
      }
    },
  });
  return { expr, tree, problems: dedupe(problems) };
}

function dedupe(problems: PromqlProblem[]): PromqlProblem[] {
  const seen = new Set<number>();
  return problems.filter((p) => (seen.has(p.from) ? false : (seen.add(p.from), true)));
}

/** The metric names of every vector selector in the expression. */
export function metricNames(parsed: ParsedExpr): string[] {
  const names = new Set<string>();
  parsed.tree.iterate({
    enter(node) {
      if (node.name === 'VectorSelector') {
        const id = (node.node as SyntaxNode).getChild('Identifier');
        if (id) names.add(parsed.expr.slice(id.from, id.to));
      }
    },
  });
  return [...names].sort();
}
