/**
 * What the format rules (`rule/format`, `prometheus/format`, `alertmanager/format`) share: how a YAML
 * value's type is named in messages, and durations as Prometheus and Alertmanager read them.
 */
import { isRecord, scalarText } from './rules.js';

/** `a list`, `a map`, `a single value`: a value of the wrong YAML type, in a message. */
export const typeName = (v: unknown) => (Array.isArray(v) ? 'a list' : isRecord(v) ? 'a map' : 'a single value');

/** The items of a list; nothing for a value that is not one (its rule reports it). */
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** prometheus/common model.ParseDuration: integer units from years to milliseconds, largest first; `0` alone. */
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNIT_MS: Record<string, number> = { y: 365 * 86400e3, w: 7 * 86400e3, d: 86400e3, h: 3600e3, m: 60e3, s: 1e3, ms: 1 };

/** Milliseconds of a duration Prometheus reads (`1h30m`, `0`), undefined for one it refuses. */
export function durationMillis(v: unknown): number | undefined {
  const text = scalarText(v);
  if (text === '0') return 0;
  if (text === undefined || text === '' || !DURATION.test(text)) return undefined;
  let total = 0;
  for (const [, n, unit] of text.matchAll(/(\d+)(ms|[ywdhms])/g)) total += Number(n) * UNIT_MS[unit!]!;
  return total;
}

/** The problem with a duration field's value, as the end of a sentence naming the field; undefined when Prometheus reads it. */
export function durationProblem(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined; // an empty value leaves the zero duration
  if (durationMillis(v) !== undefined) return undefined;
  const text = scalarText(v);
  if (text === undefined) return `is ${typeName(v)}, not a duration`;
  if (text === '') return 'is an empty string, not a duration';
  return `\`${text}\` is not a duration (such as \`30s\`, \`5m\` or \`1h30m\`)`;
}
