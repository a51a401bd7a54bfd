import { describe, expect, it } from 'vitest';
import type { Expr } from './ast.js';
import { syntaxTree } from './syntax-tree.js';

/** The tree as a fully parenthesized string, to make precedence visible. */
function shape(node: Expr | undefined): string {
  if (!node) return '?';
  switch (node.type) {
    case 'BinaryExpr':
      return `(${shape(node.lhs)} ${node.op} ${shape(node.rhs)})`;
    case 'UnaryExpr':
      return `(${node.op}${shape(node.expr)})`;
    case 'ParenExpr':
      return shape(node.expr);
    case 'NumberLiteral':
      return node.text;
    case 'VectorSelector':
      return node.name + (node.offset ? ' offset' : '') + (node.at ? ' @' : '');
    case 'MatrixSelector':
      return `${shape(node.selector)}[]`;
    case 'SubqueryExpr':
      return `${shape(node.expr)}[:]`;
    default:
      return node.type;
  }
}

describe('syntaxTree precedence and associativity (as in Prometheus)', () => {
  it.each([
    ['a ^ b ^ c', '(a ^ (b ^ c))'],
    ['a - b - c', '((a - b) - c)'],
    ['a / b * c', '((a / b) * c)'],
    ['a + b * c', '(a + (b * c))'],
    ['a * b ^ c', '(a * (b ^ c))'],
    ['a atan2 b + c', '((a atan2 b) + c)'],
    ['a + b > c', '((a + b) > c)'],
    ['a > b and c', '((a > b) and c)'],
    ['a or b and c', '(a or (b and c))'],
    ['a or b unless c', '(a or (b unless c))'],
    ['-a ^ b', '(-(a ^ b))'],
    ['-a * b', '((-a) * b)'],
    ['a + b offset 5m', '(a + b offset)'],
    ['a + b @ 1', '(a + b @)'],
    ['a + b[5m]', '(a + b[])'],
    ['a + b[5m:]', '(a + b[:])'],
    ['-a offset 5m', '(-a offset)'],
    ['(a + b)[5m:]', '(a + b)[:]'],
  ])('%s is %s', (expr, expected) => {
    expect(shape(syntaxTree(expr))).toBe(expected);
  });
});
