/** A structural diff of plain values: the leaf fields that differ, as `path: old → new` lines. */
import { isRecord } from './parse.js';
import { code, value } from './show.js';

export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

export function fieldChanges(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (equal(before, after)) return [];
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => fieldChanges(before[k], after[k], path ? `${path}.${k}` : k));
  }
  // Arrays of objects compare element by element; arrays of scalars are one value.
  if (Array.isArray(before) && Array.isArray(after) && !(before.every(isScalar) && after.every(isScalar))) {
    const n = Math.max(before.length, after.length);
    return Array.from({ length: n }, (_, i) => fieldChanges(before[i], after[i], `${path}[${i}]`)).flat();
  }
  return [{ path: path || '(value)', before, after }];
}

export function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => equal(a[k], b[k]));
  }
  return false;
}

/** `` `scrape_interval`: `30s` → `60s` `` lines, at most `limit` of them plus a count of the rest. */
export function fieldLines(changes: FieldChange[], limit = 12): string[] {
  const lines = changes.slice(0, limit).map((c) => `${code(c.path)}: ${value(c.before)} → ${value(c.after)}`);
  if (changes.length > limit) lines.push(`… and ${changes.length - limit} more fields`);
  return lines;
}

/** Entities keyed by identity; a key seen twice gets `#2`, `#3`… so nothing is lost. */
export function keyed<T>(items: T[], key: (item: T) => string): Map<string, T> {
  const out = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    let unique = k;
    for (let n = 2; out.has(unique); n++) unique = `${k}#${n}`;
    out.set(unique, item);
  }
  return out;
}

/** Keys only before, only after, and in both. */
export function partition<T>(before: Map<string, T>, after: Map<string, T>): { removed: string[]; added: string[]; common: string[] } {
  return {
    removed: [...before.keys()].filter((k) => !after.has(k)),
    added: [...after.keys()].filter((k) => !before.has(k)),
    common: [...before.keys()].filter((k) => after.has(k)),
  };
}
