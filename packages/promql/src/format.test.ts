import { describe, expect, it } from 'vitest';
import { checkExpr, exprType } from './check.js';
import { formatExpr } from './format.js';
import { PROMQL_CASES } from './test-fixtures/promql-cases.js';

describe('formatExpr', () => {
  it.each([
    ['sum(rate(foo{b=\'2\',a=~"x"}[5m] offset 1m)) BY (z, job)', 'sum by (job, z) (rate(foo{a=~"x", b="2"}[5m] offset 1m))'],
    ['SUM   by(job)(up)', 'sum by (job) (up)'],
    ['{__name__="up", job=`a`}', 'up{job="a"}'],
    ['{"foo.bar", "a.b"="c"}', '{"foo.bar", "a.b"="c"}'],
    ['a + ON(y,x) GROUP_LEFT(b,a) b', 'a + on (x, y) group_left (a, b) b'],
    ['a and ignoring() b', 'a and b'],
    ['topk(5, x) without (a)', 'topk without (a) (5, x)'],
    ['0x1F + 1e3 - 5m', '31 + 1000 - 5m'],
    ['x @ 1e3 OFFSET -1h', 'x @ 1000 offset -1h'],
    ['x offset 1h @ end()', 'x @ end() offset 1h'],
    ['x[1h30m:5m]', 'x[1h30m:5m]'],
    ["count_values('v', x)", 'count_values("v", x)'],
    ['sum by () (x)', 'sum(x)'],
    ['sum without () (x)', 'sum without () (x)'],
    ['x # comment\n  + 1', 'x + 1'],
    ['a == BOOL b', 'a == bool b'],
    ['a + b offset 5m', 'a + b offset 5m'],
    ['label_replace(x, "dst", "$1", "src", "(.*)")', 'label_replace(x, "dst", "$1", "src", "(.*)")'],
  ])('%j → %j', (input, output) => {
    expect(formatExpr(input)).toBe(output);
  });

  it('gives two spellings of the same expression the same text', () => {
    const pairs = [
      ['sum(rate(x[5m])) by (job)', 'sum by(job) (rate(x [5m]))'],
      ['up{b="2", a="1"}', 'up{a=\'1\',b="2"}'],
      ['{__name__="up"}', 'up'],
      ['x and on(b, a) y', 'x AND ON (a,b) y'],
      ['rate(x[5m] offset 1h)', 'rate(x[5m]   offset   1h)'],
    ];
    for (const [a, b] of pairs) expect(formatExpr(a!), `${a} vs ${b}`).toBe(formatExpr(b!));
  });

  it('is undefined for expressions that do not parse', () => {
    expect(formatExpr('sum(')).toBeUndefined();
  });

  const all = { experimentalFunctions: true, durationExpressions: true, extendedRangeSelectors: true, binopFillModifiers: true };
  const valid = PROMQL_CASES.filter((c) => c.valid).map((c) => c.expr);

  it('is idempotent and keeps every valid expression valid, with the same type', () => {
    for (const expr of valid) {
      const once = formatExpr(expr);
      expect(once, expr).toBeDefined();
      expect(formatExpr(once!), expr).toBe(once);
      expect(checkExpr(once!, { features: all }), `${expr} → ${once}`).toEqual([]);
      expect(exprType(once!), expr).toBe(exprType(expr));
    }
  });
});
