import { describe, expect, it } from 'vitest';
import { mapLimited } from './limit.js';
import { Counter, Gauge, Histogram, Registry } from './metrics.js';

describe('Registry', () => {
  it('renders the text exposition format with escaped label values and cumulative buckets', () => {
    const r = new Registry();
    r.add(new Counter('x_total', 'Things.')).inc({ path: 'a"b\\c\nd' }, 2);
    r.add(new Gauge('y', 'A level.')).set(Infinity);
    const h = r.add(new Histogram('z_seconds', 'Durations.', [0.1, 1]));
    h.observe(0.05);
    h.observe(0.5);
    h.observe(5);
    expect(r.render()).toBe(
      [
        '# HELP x_total Things.',
        '# TYPE x_total counter',
        'x_total{path="a\\"b\\\\c\\nd"} 2',
        '# HELP y A level.',
        '# TYPE y gauge',
        'y +Inf',
        '# HELP z_seconds Durations.',
        '# TYPE z_seconds histogram',
        'z_seconds_bucket{le="0.1"} 1',
        'z_seconds_bucket{le="1"} 2',
        'z_seconds_bucket{le="+Inf"} 3',
        'z_seconds_sum 5.55',
        'z_seconds_count 3',
        '',
      ].join('\n'),
    );
  });
});

describe('mapLimited', () => {
  it('keeps the input order and at most `concurrency` calls in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const out = await mapLimited([5, 1, 4, 2, 3], 2, async (n) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, n * 3));
      inFlight--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
  });

  it('handles an empty list', async () => {
    expect(await mapLimited([], 4, async () => 1)).toEqual([]);
  });
});
