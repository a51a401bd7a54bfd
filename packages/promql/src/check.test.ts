import { describe, expect, it } from 'vitest';
import { checkExpr, checkRuleExpr, exprType } from './check.js';
import { KNOWN_GAPS, PROMQL_CASES } from './test-fixtures/promql-cases.js';

const first = (expr: string, features = {}) => {
  const p = checkExpr(expr, { features })[0];
  return p && { message: p.message, at: `${p.line}:${p.column}` };
};

describe('checkExpr verdicts (Prometheus 3.x, default features)', () => {
  it.each(PROMQL_CASES.map((c) => [c.tag, c.expr, c.valid] as const))('%s %j', (_tag, expr, valid) => {
    expect(checkExpr(expr).length === 0, JSON.stringify(checkExpr(expr))).toBe(valid);
  });

  it("reads the keyword `offset` as a metric name where an operand starts, as Prometheus' grammar does", () => {
    for (const expr of [
      'offset',
      'sum(offset)',
      'offset{step="1s"}[5m]',
      'rate(offset{a="b"}[5m])',
      'x + on(a) offset',
      'offset offset 5m',
      'x > bool offset',
    ]) {
      expect(checkExpr(expr), expr).toEqual([]);
    }
    expect(checkExpr('sum(x) offset 5m')[0]?.message).toContain('offset modifier must be preceded by');
  });

  it('reads `5.e3`, `0x_1f` and colon label names in grouping as Prometheus 3.x does', () => {
    expect(checkExpr('5.e3')).toEqual([]);
    expect(checkExpr('x > 1.e-2')).toEqual([]);
    expect(checkExpr('0x_1f')).toEqual([]);
    expect(checkExpr('sum by (a:b) (up)')).toEqual([]);
    expect(checkExpr('x / on(a:b) group_left(c:d) y')).toEqual([]);
  });

  it('rejects a duration expression divided by zero, at the operator (Prometheus 3.x parse_test.go)', () => {
    const on = { durationExpressions: true };
    expect(first('foo[5s/0d]', on)).toEqual({ message: 'division by zero', at: '1:7' });
    expect(first('foo offset (4d/0)', on)).toEqual({ message: 'division by zero', at: '1:15' });
    expect(first('foo[5s%0d]', on)?.message).toBe('division by zero');
  });

  it('still disagrees with Prometheus on the documented gaps', () => {
    for (const gap of KNOWN_GAPS) expect(checkExpr(gap.expr).length === 0, gap.expr).toBe(gap.prometheus === 'invalid');
  });
});

describe('messages and positions, in Prometheus words', () => {
  const cases: Array<[expr: string, message: string, at: string]> = [
    ['rate(foo)', 'expected type range vector in call to function "rate", got instant vector', '1:6'],
    ['sum(rate(x[5m]))\n  / rate(y)', 'expected type range vector in call to function "rate", got instant vector', '2:10'],
    ['abs(x[5m])', 'expected type instant vector in call to function "abs", got range vector', '1:5'],
    ['label_join(x, "a", ",", 1)', 'expected type string in call to function "label_join", got scalar', '1:25'],
    ['round(x, 1, 2)', 'expected at most 2 argument(s) in call to "round", got 3', '1:1'],
    ['label_join(x)', 'expected at least 3 argument(s) in call to "label_join", got 1', '1:1'],
    ['time(1)', 'expected 0 argument(s) in call to "time", got 1', '1:1'],
    ['sum(x[5m])', 'expected type instant vector in aggregation expression, got range vector', '1:5'],
    ['topk("a", x)', 'expected type scalar in aggregation parameter, got string', '1:6'],
    ['count_values(1, x)', 'expected type string in aggregation parameter, got scalar', '1:14'],
    ['quantile(x)', 'wrong number of arguments for aggregate expression provided, expected 2, got 1', '1:1'],
    ['sum()', 'no arguments for aggregate expression provided', '1:1'],
    ['1 == 1', 'comparisons between scalars must use BOOL modifier', '1:3'],
    ['x + bool y', 'bool modifier can only be used on comparison operators', '1:3'],
    ['x and 1', 'set operator "and" not allowed in binary scalar expression', '1:1'],
    ['x or on(a) group_left y', 'no grouping allowed for "or" operation', '1:1'],
    ['x * on(a) group_left(a) y', 'label "a" must not occur in ON and GROUP clause at once', '1:3'],
    ['1 + on(a) x', 'vector matching only allowed between instant vectors', '1:1'],
    ['x + y[5m]', 'binary expression must contain only scalar and instant vector types', '1:5'],
    ['-x[5m]', 'unary expression only allowed on expressions of type scalar or instant vector, got "range vector"', '1:1'],
    ['x[5m][5m:]', 'subquery is only allowed on instant vector, got matrix instead', '1:1'],
    ['sum(x)[5m]', 'ranges only allowed for vector selectors', '1:7'],
    ['x offset 1m [5m]', 'no offset modifiers allowed before range', '1:13'],
    ['x @ 1 [5m]', 'no @ modifiers allowed before range', '1:7'],
    ['x[0s]', 'duration must be greater than 0', '1:3'],
    ['x offset 1m offset 2m', 'offset may not be set multiple times', '1:1'],
    ['x @ 1 @ 2', '@ <timestamp> may not be set multiple times', '1:1'],
    ['sum(x) offset 1m', 'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery', '1:1'],
    ['vector(1) @ 1', '@ modifier must be preceded by an instant vector selector or range vector selector or a subquery', '1:1'],
    ['x @ Inf', 'timestamp out of bounds for @ modifier: +Inf', '1:1'],
    ['{}', 'vector selector must contain at least one non-empty matcher', '1:1'],
    ['{a=~".*"}', 'vector selector must contain at least one non-empty matcher', '1:1'],
    ['x{__name__="y"}', 'metric name must not be set twice: "x" or "y"', '1:1'],
    ['x{a=~"("}', 'error parsing regexp: missing closing ): `(`', '1:3'],
    ['x{a="\\q"}', "unknown escape sequence U+0071 'q'", '1:5'],
    ['"abc', 'unterminated quoted string', '1:1'],
    ['foo(x)', 'unknown function with name "foo"', '1:1'],
    ['holt_winters(x[5m], 0.5, 0.5)', 'unknown function with name "holt_winters"', '1:1'],
    ['sort_by_label(x, "a")', 'function "sort_by_label" is not enabled', '1:1'],
    ['limitk(1, x)', 'limitk() is experimental and must be enabled with --enable-feature=promql-experimental-functions', '1:1'],
    ['sum by (without) (x)', 'unexpected <without> in grouping opts, expected label', '1:9'],
    ['atan2', 'unexpected <op:atan2>', '1:1'],
    // Prometheus 3.x promql/parser/parse_test.go: no @ before a range (a timestamp, start() or end()), nor an offset expression.
    ['some_metric @ start() [5m]', 'no @ modifiers allowed before range', '1:23'],
    ['some_metric @ end()[5m]', 'no @ modifiers allowed before range', '1:20'],
    ['some_metric @ 1234 [5m]', 'no @ modifiers allowed before range', '1:20'],
    // … and durations beyond Go's time.Duration.
    ['foo[9.5e10]', 'duration out of range', '1:5'],
    ['foo offset 9.5e10', 'duration out of range', '1:12'],
    ['1e400', 'error parsing number: strconv.ParseFloat: parsing "1e400": value out of range', '1:1'],
    ['x[5m + 1m]', 'experimental duration expression is not enabled', '1:3'],
    ['x[5m] anchored', 'anchored modifier is experimental and not enabled', '1:1'],
    ['x + fill(0) y', 'binop fill modifiers are experimental and not enabled', '1:1'],
    ['x +', 'unexpected end of input', '1:4'],
    ['sum(x', 'unclosed left parenthesis', '1:6'],
    ['x{a="b"', 'unexpected end of input inside braces', '1:8'],
    ['rate(x[5m]', 'unclosed left parenthesis', '1:11'],
    ['x * * y', 'unexpected <op:*>', '1:5'],
    ['sum(x,)', 'trailing commas not allowed in function call args', '1:6'],
    ['x y', 'unexpected identifier "y"', '1:3'],
    ['', 'no expression found in input', '1:1'],
  ];
  it.each(cases)('%j', (expr, message, at) => {
    expect(first(expr)).toEqual({ message, at });
  });

  it('collects every type error, not just the first', () => {
    expect(checkExpr('x and on(a) group_left y').map((p) => p.message)).toEqual([
      'no grouping allowed for "and" operation',
      'set operations must always be many-to-many',
    ]);
    expect(checkExpr('rate(a) + rate(b)').map((p) => p.column)).toEqual([6, 16]);
  });

  it('gives each problem a code and a range inside the expression', () => {
    const expr = 'sum(rate(x))';
    for (const p of checkExpr(expr)) {
      expect(p.code).toBe('promql/syntax');
      expect(p.from).toBeGreaterThanOrEqual(0);
      expect(p.to).toBeLessThanOrEqual(expr.length);
      expect(expr.slice(p.from, p.to)).toBe('x');
    }
  });
});

describe('experimental features', () => {
  const on = (features: object) => (expr: string) => checkExpr(expr, { features }).map((p) => p.message);
  const fns = on({ experimentalFunctions: true });
  const durations = on({ durationExpressions: true });
  const ranges = on({ extendedRangeSelectors: true });
  const fill = on({ binopFillModifiers: true });

  it('type-checks experimental functions once enabled', () => {
    for (const e of [
      'sort_by_label(x, "a", "b")',
      'limitk(2, x)',
      'limit_ratio(0.5, x)',
      'mad_over_time(x[5m])',
      'info(x)',
      'info(x, {a="b"})',
      'info(x, {})',
      'double_exponential_smoothing(x[5m], 0.5, 0.5)',
      'first_over_time(x[5m])',
      'ts_of_max_over_time(x[5m])',
      'histogram_quantiles(x, "q", 0.5, 0.9)',
      'start() + end() + range() + step()',
    ]) {
      expect(fns(e), e).toEqual([]);
    }
    expect(fns('sort_by_label(x)')).toEqual([]);
    expect(fns('sort_by_label()')).toEqual(['expected at least 1 argument(s) in call to "sort_by_label", got 0']);
    expect(fns('limitk("a", x)')).toEqual(['expected type scalar in aggregation parameter, got string']);
    expect(fns('info(x, y)')).toEqual(['expected label selectors only, got vector selector instead']);
    expect(fns('info(x, rate(y[5m]))')).toEqual(['expected label selectors only']);
    expect(fns('info(x, y[5m])')).toEqual([
      'expected type instant vector in call to function "info", got range vector',
      'expected label selectors only',
      'expected type instant vector in call to function "info", got range vector',
    ]);
    expect(fns('double_exponential_smoothing(x, 0.5, 0.5)')).toEqual([
      'expected type range vector in call to function "double_exponential_smoothing", got instant vector',
    ]);
    expect(fns('histogram_quantiles(x, "q")')).toEqual(['expected at least 3 argument(s) in call to "histogram_quantiles", got 2']);
  });

  it('accepts duration expressions once enabled', () => {
    for (const e of ['x[5m + 1m]', 'x[step()]', 'x[min_of(5m, step())]', 'x offset step()', 'x[5m:step() * 2]', 'x[(5m)]']) {
      expect(checkExpr(e).length, e).toBe(1);
      expect(durations(e), e).toEqual([]);
    }
  });

  it('checks anchored and smoothed once enabled', () => {
    expect(ranges('x[5m] anchored')).toEqual([]);
    expect(ranges('x smoothed')).toEqual([]);
    expect(ranges('x[5m] anchored smoothed')).toEqual(['anchored and smoothed modifiers cannot be used together']);
    expect(ranges('x[5m:] anchored')).toEqual(['anchored modifier is not supported for subqueries']);
    expect(ranges('sum(x) smoothed')).toEqual(['smoothed modifier not implemented']);
  });

  it('checks fill modifiers once enabled', () => {
    expect(fill('x + fill(0) y')).toEqual([]);
    expect(fill('x + on(a) fill_left(1) fill_right(2) y')).toEqual([]);
    expect(fill('1 + fill(0) y')).toEqual(['filling in missing series only allowed between instant vectors']);
    expect(fill('x and fill(0) y')).toEqual(['filling in missing series not allowed for set operators']);
  });
});

describe('exprType', () => {
  it.each([
    ['1', 'scalar'],
    ['5m', 'scalar'],
    ['time()', 'scalar'],
    ['scalar(x)', 'scalar'],
    ['1 + 2 * 3', 'scalar'],
    ['-(1)', 'scalar'],
    ['x', 'vector'],
    ['x + 1', 'vector'],
    ['sum(x)', 'vector'],
    ['rate(x[5m])', 'vector'],
    ['vector(1)', 'vector'],
    ['x[5m]', 'matrix'],
    ['(x[5m])', 'matrix'],
    ['x[5m:1m]', 'matrix'],
    ['"s"', 'string'],
  ])('%s is %s', (expr, type) => {
    expect(exprType(expr)).toBe(type);
  });

  it('is undefined when the expression does not parse', () => {
    expect(exprType('x +')).toBeUndefined();
  });
});

describe('checkRuleExpr', () => {
  it('accepts instant vectors and scalars', () => {
    expect(checkRuleExpr('sum(rate(x[5m]))')).toEqual([]);
    expect(checkRuleExpr('1')).toEqual([]);
  });

  it('flags range vectors and strings under rule/result-type', () => {
    expect(checkRuleExpr(' x[5m] ')).toEqual([
      {
        code: 'rule/result-type',
        message: 'rule expression must evaluate to an instant vector or scalar, got range vector',
        from: 1,
        to: 6,
        line: 1,
        column: 2,
      },
    ]);
    expect(checkRuleExpr('"x"')[0]?.message).toBe('rule expression must evaluate to an instant vector or scalar, got string');
  });

  it('reports syntax and type errors as checkExpr does, under promql/syntax', () => {
    expect(checkRuleExpr('rate(x)').map((p) => p.code)).toEqual(['promql/syntax']);
  });
});

describe('robustness', () => {
  it('never throws on any prefix of any expression in the table', () => {
    for (const c of PROMQL_CASES) {
      for (let i = 0; i <= c.expr.length; i++) {
        const prefix = c.expr.slice(0, i);
        expect(
          () =>
            checkExpr(prefix, {
              features: { experimentalFunctions: true, durationExpressions: true, extendedRangeSelectors: true, binopFillModifiers: true },
            }),
          prefix,
        ).not.toThrow();
        expect(() => checkExpr(prefix), prefix).not.toThrow();
      }
    }
  }, 60_000); // every prefix of 800+ expressions: seconds on a loaded machine
});
