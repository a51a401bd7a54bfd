import { describe, expect, it } from 'vitest';
import { durationSeconds, formatSeconds } from './duration.js';

describe('durations', () => {
  it('reads what prometheus/common reads', () => {
    expect(durationSeconds('1h30m')).toBe(5400);
    expect(durationSeconds('0')).toBe(0);
    expect(durationSeconds('1500ms')).toBe(1.5);
  });
  it('rejects units out of order or repeated, as Prometheus does', () => {
    for (const bad of ['30s1m', '30m1h', '1m1m', '', '5', '1h 30m', 5]) expect(durationSeconds(bad)).toBeUndefined();
  });
  it('formats the shortest spelling and round-trips', () => {
    for (const s of [0, 0.25, 1, 59, 60, 61, 3600, 5400, 86400 + 1, 7 * 86400]) expect(durationSeconds(formatSeconds(s))).toBe(s);
    expect(formatSeconds(5400)).toBe('1h30m');
  });
});
