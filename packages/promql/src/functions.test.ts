import { parser } from '@prometheus-io/lezer-promql';
import { describe, expect, it } from 'vitest';
import { arity, FUNCTIONS } from './functions.js';

describe('FUNCTIONS', () => {
  it('only holds names the lezer grammar parses as function calls', () => {
    for (const name of FUNCTIONS.keys()) {
      const top = parser.parse(`${name}()`).topNode.firstChild;
      expect(top?.name, name).toBe('FunctionCall');
    }
  });

  it('knows the Prometheus 3.x functions with their signatures', () => {
    // functions.go lists 88; `integral` is newer than the lezer grammar used here.
    expect(FUNCTIONS.size).toBe(87);
    expect(FUNCTIONS.get('rate')).toEqual({ name: 'rate', args: ['matrix'], variadic: 0, returns: 'vector', experimental: false });
    expect(FUNCTIONS.get('histogram_quantile')?.args).toEqual(['scalar', 'vector']);
    expect(FUNCTIONS.get('label_replace')?.args).toEqual(['vector', 'string', 'string', 'string', 'string']);
    expect(FUNCTIONS.get('sort_by_label')?.experimental).toBe(true);
    expect(FUNCTIONS.has('holt_winters')).toBe(false);
  });

  it('derives the argument count bounds Prometheus checks', () => {
    const bounds = (name: string) => arity(FUNCTIONS.get(name)!);
    expect(bounds('time')).toEqual({ min: 0, max: 0 });
    expect(bounds('round')).toEqual({ min: 1, max: 2 });
    expect(bounds('hour')).toEqual({ min: 0, max: 1 });
    expect(bounds('label_join')).toEqual({ min: 3, max: Infinity });
    expect(bounds('histogram_quantiles')).toEqual({ min: 3, max: 12 });
  });
});
