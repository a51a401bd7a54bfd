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
  // An object that appears or disappears is listed field by field, like one that changed.
  if ((isRecord(before) || before === undefined) && (isRecord(after) || after === undefined)) {
    const b = before ?? {};
    const a = after ?? {};
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    return keys.flatMap((k) => fieldChanges(b[k], a[k], path ? `${path}.${k}` : k));
  }
  // Arrays of objects compare element by element when only elements changed; when elements were
  // inserted or dropped, the ones without an equal partner are listed (no cascade of shifted indices).
  if (Array.isArray(before) && Array.isArray(after) && !(before.every(isScalar) && after.every(isScalar))) {
    if (before.length === after.length) return before.flatMap((b, i) => fieldChanges(b, after[i], `${path}[${i}]`));
    // Elements compared by their JSON (a multiset), so long lists stay linear.
    const unmatched = (xs: unknown[], ys: unknown[]) => {
      const pool = new Map<string, number>();
      for (const y of ys) pool.set(JSON.stringify(y), (pool.get(JSON.stringify(y)) ?? 0) + 1);
      return xs.filter((x) => {
        const k = JSON.stringify(x);
        const n = pool.get(k) ?? 0;
        if (n > 0) pool.set(k, n - 1);
        return n === 0;
      });
    };
    return [
      ...unmatched(before, after).map((b) => ({ path: `${path}[]`, before: b, after: undefined })),
      ...unmatched(after, before).map((a) => ({ path: `${path}[]`, before: undefined, after: a })),
    ];
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
  const lines = changes.slice(0, limit).map((c) => {
    if (typeof c.before === 'string' && typeof c.after === 'string') {
      const [b, a] = aroundDifference(c.before, c.after);
      return `${code(c.path)}: ${value(b)} → ${value(a)}`;
    }
    return `${code(c.path)}: ${value(c.before)} → ${value(c.after)}`;
  });
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

/** Long strings cut around where they start to differ, so the change is visible in a short line. */
export function aroundDifference(before: string, after: string, width = 80): [string, string] {
  if (before.length <= width && after.length <= width) return [before, after];
  let i = 0;
  while (i < before.length && i < after.length && before[i] === after[i]) i++;
  const start = Math.max(0, i - 20);
  const cut = (s: string) => `${start > 0 ? '…' : ''}${s.slice(start, start + width)}${s.length > start + width ? '…' : ''}`;
  return [cut(before), cut(after)];
}
