import { describe, expect, it } from 'vitest';
import { outputLabels } from './output-labels.js';

const only = (labels: string[], mayAddOthers = false) => ({ kind: 'only', labels, mayAddOthers });
const except = (dropped: string[], added: string[] = [], mayAddOthers = false) => ({ kind: 'except', dropped, added, mayAddOthers });

describe('outputLabels', () => {
  it.each([
    ['up', except([])],
    ['sum by (job) (rate(x[5m]))', only(['job'])],
    ['sum(x)', only([])],
    ['sum without (instance) (x)', except(['__name__', 'instance'])],
    ['topk by (job) (3, x)', except([])],
    ['count_values by (job) ("version", x)', only(['job', 'version'])],
    ['rate(x[5m])', except(['__name__'])],
    ['last_over_time(x[5m])', except([])],
    ['histogram_quantile(0.9, sum by (le, job) (rate(x[5m])))', only(['job'])],
    ['label_replace(x, "dst", "$1", "src", "(.*)")', except([], ['dst'])],
    ['absent(x{job="a", env=~"p.*"})', only(['job'])],
    ['vector(1)', only([])],
    ['1 + 2', only([])],
    ['x * 2', except(['__name__'])],
    ['x > 2', except([])],
    ['x > bool 2', except(['__name__'])],
    ['a * on(job) group_left(team) b', except(['__name__'], ['team'])],
    ['a * on(job) group_right b', except(['__name__'])],
    ['a / on(job, instance) b', only(['instance', 'job'])],
    ['a / ignoring(code) b', except(['__name__', 'code'])],
    ['a and on(job) b', except([])],
    ['sum by (job) (a) or sum by (instance) (b)', only(['instance', 'job'])],
    ['sum by (job) (x) * on(job) group_left(team) y', only(['job', 'team'])],
    ['-x', except(['__name__'])],
    ['max_over_time(sum by (job) (x)[1h:])', only(['job'])],
  ])('%s', (expr, expected) => {
    expect(outputLabels(expr)).toEqual(expected);
  });

  it('says when labels can be added that cannot be known statically', () => {
    expect(outputLabels('info(x)')).toEqual(except(['__name__'], [], true));
  });

  it('is undefined when the expression does not parse', () => {
    expect(outputLabels('sum(')).toBeUndefined();
  });
});
