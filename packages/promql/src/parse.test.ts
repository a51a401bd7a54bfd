import { describe, expect, it } from 'vitest';
import { metricNames, parseExpr } from './parse.js';

describe('parseExpr', () => {
  it('accepts valid expressions', () => {
    for (const e of ['up == 0', 'sum by (job) (rate(http_requests_total[5m])) > 1', 'absent(up{job="node"})', 'vector(1)']) {
      expect(parseExpr(e).problems, e).toEqual([]);
    }
  });

  it('reports syntax errors with line and column inside the expression', () => {
    const p = parseExpr('sum(rate(foo[5m])\n  > 1');
    expect(p.problems.length).toBeGreaterThan(0);
    expect(p.problems[0]!.line).toBe(2);
  });

  it('reports a dangling operator at the end', () => {
    const p = parseExpr('up ==');
    expect(p.problems[0]).toMatchObject({ line: 1, column: 6, message: 'unexpected end of expression' });
  });

  it('rejects an empty expression', () => {
    expect(parseExpr('  ').problems[0]!.message).toBe('empty expression');
  });

  it('lists metric names', () => {
    expect(metricNames(parseExpr('rate(b_total[5m]) / on(x) a'))).toEqual(['a', 'b_total']);
  });
});
