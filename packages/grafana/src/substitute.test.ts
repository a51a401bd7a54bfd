import { parseExpr } from '@kiln/promql';
import { describe, expect, test } from 'vitest';
import { substituteGrafanaVariables } from './substitute.js';

describe('substituteGrafanaVariables', () => {
  test.each([
    ['rate(x[$__rate_interval])', 'rate(x[5m              ])'],
    ['rate(x[$__interval])', 'rate(x[5m         ])'],
    ['increase(x[$__range])', 'increase(x[5m      ])'],
    ['rate(x[${__rate_interval}])', 'rate(x[5m' + ' '.repeat(16) + '])'],
    ['up{host=~"$host"}', 'up{host=~"host_"}'],
    ['up{host=~"${host}"}', 'up{host=~"host___"}'],
    ['up{host=~"${host:regex}"}', 'up{host=~"host_________"}'],
    ['up{host=~"[[host]]"}', 'up{host=~"host____"}'],
    ['up{host=~"[[host:pipe]]"}', 'up{host=~"host_________"}'],
    ['rate(x[$window])', 'rate(x[1m     ])'],
    ['rate(x[[[window]]])', 'rate(x[1m        ])'],
    ['x offset $shift', 'x offset 1m    '],
    ['topk($k, x)', 'topk(1 , x)'],
    ['x / $__range_s', 'x / 1         '],
    ['max_over_time(x[$__range:$__interval])', 'max_over_time(x[5m      :5m         ])'],
    ['label_replace(x, "dst", "$1", "src", "(.*)")', 'label_replace(x, "dst", "1_", "src", "(.*)")'],
  ])('%s', (input, expected) => {
    const out = substituteGrafanaVariables(input);
    expect(out).toBe(expected);
    expect(out).toHaveLength(input.length);
    expect(parseExpr(out).problems).toEqual([]);
  });

  test('leaves expressions without variables alone, including `$` that is not a variable', () => {
    for (const e of ['sum by (job) (up)', 'up{instance=~".*:9100$"}']) expect(substituteGrafanaVariables(e)).toBe(e);
  });

  test('keeps positions, so a syntax error is reported where it was written', () => {
    const expr = 'sum(rate(node_cpu_seconds_total{host=~"$host"}[$__rate_interval])';
    const [problem] = parseExpr(substituteGrafanaVariables(expr)).problems;
    expect(problem).toMatchObject({ line: 1, column: expr.length + 1 });
  });
});
