import { describe, expect, it } from 'vitest';
import { aggregations, functionsUsed, selectors } from './inspect.js';

describe('selectors', () => {
  it('lists metric, unquoted matchers, range and offset of each selector in source order', () => {
    expect(selectors('rate(x{a="b", c!~\'d.*\'}[5m] offset 1m) / on(a) y')).toEqual([
      {
        metric: 'x',
        matchers: [
          { name: 'a', op: '=', value: 'b' },
          { name: 'c', op: '!~', value: 'd.*' },
        ],
        range: '5m',
        offset: '1m',
        from: 5,
        to: 37,
      },
      { metric: 'y', matchers: [], range: undefined, offset: undefined, from: 47, to: 48 },
    ]);
  });

  it('takes the metric name from a __name__ matcher and quoted names', () => {
    expect(selectors('{__name__="up", job="a"}')[0]?.metric).toBe('up');
    expect(selectors('{"foo.bar"}')[0]).toMatchObject({ metric: 'foo.bar', matchers: [{ name: '__name__', op: '=', value: 'foo.bar' }] });
    expect(selectors('{job="a"}')[0]?.metric).toBeUndefined();
  });

  it('finds selectors inside subqueries and binary expressions', () => {
    expect(selectors('max_over_time(rate(a[1m])[1h:]) + b offset 5m').map((s) => [s.metric, s.range, s.offset])).toEqual([
      ['a', '1m', undefined],
      ['b', undefined, '5m'],
    ]);
  });

  it('is empty when the expression does not parse', () => {
    expect(selectors('rate(')).toEqual([]);
  });
});

describe('functionsUsed', () => {
  it('lists each function once, sorted', () => {
    expect(functionsUsed('rate(x[5m]) + abs(rate(y[1m])) * vector(time())')).toEqual(['abs', 'rate', 'time', 'vector']);
  });
});

describe('aggregations', () => {
  it('lists each aggregation with by or without labels, outermost first', () => {
    expect(aggregations('sum by (a) (max without (b) (x)) + topk(3, y) + count(z) by (c)')).toEqual([
      { op: 'sum', by: ['a'], without: undefined, from: 0, to: 32 },
      { op: 'max', by: undefined, without: ['b'], from: 12, to: 31 },
      { op: 'topk', by: undefined, without: undefined, from: 35, to: 45 },
      { op: 'count', by: ['c'], without: undefined, from: 48, to: 63 },
    ]);
  });
});
