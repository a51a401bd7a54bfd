import { describe, expect, it } from 'vitest';
import { lineColumn, metricNames, parseExpr } from './parse.js';

describe('parseExpr', () => {
  it('accepts valid expressions', () => {
    for (const e of ['up == 0', 'sum by (job) (rate(http_requests_total[5m])) > 1', 'absent(up{job="node"})', 'vector(1)']) {
      expect(parseExpr(e).problems, e).toEqual([]);
    }
  });

  it('reports syntax errors with line and column inside the expression', () => {
    const p = parseExpr('sum(rate(foo[5m])\n  > 1');
    expect(p.problems).toHaveLength(1);
    expect(p.problems[0]).toMatchObject({ code: 'promql/syntax', message: 'unclosed left parenthesis', line: 2, column: 6 });
  });

  it('reports a dangling operator at the end', () => {
    const p = parseExpr('up ==');
    expect(p.problems[0]).toMatchObject({ line: 1, column: 6, message: 'unexpected end of input' });
  });

  it('rejects an empty expression', () => {
    expect(parseExpr('  ').problems[0]!.message).toBe('no expression found in input');
    expect(parseExpr('# just a comment').problems[0]!.message).toBe('no expression found in input');
  });

  it('names the unexpected token the way Prometheus does', () => {
    const message = (e: string) => parseExpr(e).problems[0]?.message;
    expect(message('up up')).toBe('unexpected identifier "up"');
    expect(message('up 5')).toBe('unexpected number "5"');
    expect(message('up "a"')).toBe('unexpected string "\\"a\\""');
    expect(message('up by')).toBe('unexpected <by>');
    expect(message('up sum')).toBe('unexpected <aggr:sum>');
    expect(message('up )')).toBe("unexpected right parenthesis ')'");
    expect(message('sum(up]')).toBe("unexpected right bracket ']'");
    expect(message('up.total')).toBe("unexpected character: '.'");
    expect(message('5M')).toBe('bad number or duration syntax: "5"');
    expect(message('"a\nb"')).toBe('unterminated quoted string');
    expect(message('foo(bar)')).toBe('unknown function with name "foo"');
  });

  it('lists metric names', () => {
    expect(metricNames(parseExpr('rate(b_total[5m]) / on(x) a'))).toEqual(['a', 'b_total']);
  });
});

describe('lineColumn', () => {
  it('counts lines and columns from 1', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
