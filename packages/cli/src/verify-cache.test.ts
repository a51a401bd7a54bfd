import { existsSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheKey, folderCache, PRUNE_AFTER_DAYS, pruneCache } from './verify-cache.js';

const DAY = 24 * 3600 * 1000;
let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'kiln-verify-cache-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const entry = (key: string) => join(dir, key.slice(0, 2), key);
const age = (key: string, days: number, now: number) => {
  const t = new Date(now - days * DAY);
  utimesSync(entry(key), t, t);
};

describe('the verification cache', () => {
  it('stores passes by key, and deletes the entries no build has used for a month', () => {
    const now = Date.now();
    const later = now + 2 * DAY; // past the day between two prunings
    const [old, used, fresh] = ['old', 'used', 'fresh'].map((k) => cacheKey([k]));
    const cache = folderCache(dir, () => now);
    for (const k of [old!, used!, fresh!]) cache.pass(k, 'promtool check rules');
    age(old!, PRUNE_AFTER_DAYS + 3, later);
    age(used!, PRUNE_AFTER_DAYS + 3, later);
    age(fresh!, PRUNE_AFTER_DAYS - 1, later);
    // A hit marks the entry used (this cache's clock is within a day of the last pruning: it prunes nothing).
    expect(folderCache(dir, () => now + DAY / 2).has(used!)).toBe(true);
    expect(pruneCache(dir, later)).toBe(1);
    expect([old, used, fresh].map((k) => existsSync(entry(k!)))).toEqual([false, true, true]);
    expect(folderCache(dir, () => later).has(old!)).toBe(false);
  });

  it('looks for unused entries at most once a day', () => {
    const now = Date.now();
    const key = cacheKey(['x']);
    folderCache(dir, () => now).pass(key, 'amtool check-config');
    expect(pruneCache(dir, now)).toBe(0);
    age(key, PRUNE_AFTER_DAYS + 1, now);
    expect(pruneCache(dir, now + DAY / 2)).toBe(0);
    expect(existsSync(entry(key))).toBe(true);
    expect(pruneCache(dir, now + DAY + 1)).toBe(1);
    expect(existsSync(entry(key))).toBe(false);
  });
});
