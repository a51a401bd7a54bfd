/**
 * Prometheus durations (`30s`, `1h30m`, `15d`): the one parser and formatter Kiln uses everywhere —
 * the model schema, the generators, lint. Parsing is prometheus/common `model.ParseDuration`'s
 * (units in decreasing order, each at most once, `0` alone allowed), so what Kiln accepts is what
 * Prometheus and Alertmanager accept.
 */
import { parseDuration } from './literals.js';

export { parseDuration };

/** Seconds of a Prometheus duration, or undefined when Prometheus would reject it. */
export function durationSeconds(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const parsed = parseDuration(text);
  return parsed.ok ? parsed.value : undefined;
}

const UNITS: ReadonlyArray<readonly [unit: string, ms: number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
  ['ms', 1],
];

/** The shortest Prometheus spelling of a number of seconds: `5400` → `1h30m`, `0` → `0s`. */
export function formatSeconds(seconds: number): string {
  let rest = Math.round(seconds * 1000);
  if (rest <= 0) return '0s';
  let out = '';
  for (const [unit, ms] of UNITS) {
    if (rest >= ms) {
      out += `${Math.floor(rest / ms)}${unit}`;
      rest %= ms;
    }
  }
  return out;
}
