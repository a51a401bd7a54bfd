/**
 * The verification cache, like nx's task cache: the verdict of `promtool`/`amtool` on some files is a
 * pure function of the tool's version, its arguments and the bytes of every file it reads. A passing
 * verdict is stored under the sha256 of those (an empty file per key); a check whose key is stored is
 * not run again. Failures are never stored: a rejected file is judged again on the next build, so the
 * message is always the tool's own.
 *
 * Where: `$KILN_CACHE_DIR`, else `node_modules/.cache/kiln/verify/` below the workspace root (the folder
 * nx and other tools use, removed by `npm ci`). `kiln build --no-cache` neither reads nor writes it.
 * An entry that no build has used for PRUNE_AFTER_DAYS is deleted (a hit marks it used), looked for
 * at most once a day: every edit of a site leaves keys no build will ask for again.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const CACHE_ENV = 'KILN_CACHE_DIR';

export const cacheDir = (root: string, env: NodeJS.ProcessEnv = process.env): string =>
  env[CACHE_ENV] || join(root, 'node_modules', '.cache', 'kiln', 'verify');

/** A part of a key: text (a version, an argument, a file's name) or a file's bytes. */
export type KeyPart = string | Buffer;

/** sha256 over the parts, each prefixed with its kind and length so that no two lists of parts collide. */
export function cacheKey(parts: readonly KeyPart[]): string {
  const h = createHash('sha256');
  for (const p of parts) {
    const bytes = typeof p === 'string' ? Buffer.from(p, 'utf8') : p;
    h.update(`${typeof p === 'string' ? 's' : 'b'}${bytes.length}:`);
    h.update(bytes);
  }
  return h.digest('hex');
}

export interface VerifyCache {
  /** Whether a passing verdict is stored under `key`. */
  has(key: string): boolean;
  /** Stores a passing verdict (`what` says which check, for a person looking into the folder). */
  pass(key: string, what: string): void;
}

/** Entries unused for this long are deleted. */
export const PRUNE_AFTER_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;
/** The file whose time says when the cache was last pruned. */
const PRUNED_STAMP = 'last-pruned';

export function folderCache(dir: string, now: () => number = Date.now): VerifyCache {
  const file = (key: string) => join(dir, key.slice(0, 2), key);
  let pruned = false;
  const prune = () => {
    if (pruned) return;
    pruned = true;
    try {
      pruneCache(dir, now());
    } catch {
      // A cache that cannot be pruned (read-only, removed meanwhile) is still a cache.
    }
  };
  return {
    has(key) {
      prune();
      const f = file(key);
      if (!existsSync(f)) return false;
      try {
        const t = new Date(now());
        utimesSync(f, t, t); // used: kept by the pruning
      } catch {
        // read-only: the entry still answers
      }
      return true;
    },
    pass(key, what) {
      prune();
      const f = file(key);
      try {
        mkdirSync(join(f, '..'), { recursive: true });
        // Written whole under a temporary name and renamed: a concurrent build never sees half an entry.
        const tmp = `${f}.${process.pid}.tmp`;
        writeFileSync(tmp, `${what}\n`);
        renameSync(tmp, f);
      } catch {
        // A cache that cannot be written (read-only checkout) only costs the next build the check.
      }
    },
  };
}

/**
 * Deletes the entries (and leftover temporary files) not used for PRUNE_AFTER_DAYS, unless the cache
 * was pruned less than a day ago. Returns how many files it deleted.
 */
export function pruneCache(dir: string, now: number = Date.now()): number {
  const stamp = join(dir, PRUNED_STAMP);
  const last = statSync(stamp, { throwIfNoEntry: false });
  if (last && now - last.mtimeMs < DAY_MS) return 0;
  if (!existsSync(dir)) return 0;
  let deleted = 0;
  for (const shard of readdirSync(dir, { withFileTypes: true })) {
    if (!shard.isDirectory() || !/^[0-9a-f]{2}$/.test(shard.name)) continue;
    const folder = join(dir, shard.name);
    for (const entry of readdirSync(folder)) {
      const f = join(folder, entry);
      const used = statSync(f, { throwIfNoEntry: false })?.mtimeMs;
      if (used === undefined || now - used < PRUNE_AFTER_DAYS * DAY_MS) continue;
      rmSync(f, { force: true });
      deleted++;
    }
  }
  writeFileSync(stamp, `pruned: entries unused for ${PRUNE_AFTER_DAYS} days are deleted\n`);
  const t = new Date(now);
  utimesSync(stamp, t, t);
  return deleted;
}

/**
 * A fingerprint of the code of a Kiln package and of every Kiln package it depends on (the bytes of
 * each `dist/**.js`), with the name and version of each other package they depend on: what a key of
 * Kiln's own checks must hold besides the checked bytes, since in a workspace the code changes without
 * its version. Computed once per process (~3 MB of JavaScript for @kiln/lint).
 */
export function codeFingerprint(pkg: string, from: string = import.meta.url): string {
  const cached = fingerprints.get(pkg);
  if (cached !== undefined) return cached;
  const parts: KeyPart[] = [];
  const seen = new Set<string>();
  const visit = (name: string, requireFrom: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    let root: string | undefined;
    try {
      root = packageRoot(createRequire(requireFrom).resolve(name));
    } catch {
      // Not resolvable from here (types only, optional): its name stands for it.
    }
    if (root === undefined) return void parts.push(`${name}@?`);
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      version?: string;
      dependencies?: Record<string, string>;
    };
    if (!name.startsWith('@kiln/')) return void parts.push(`${name}@${manifest.version ?? '?'}`);
    const dist = join(root, 'dist');
    const files = existsSync(dist)
      ? readdirSync(dist, { recursive: true, encoding: 'utf8' })
          .filter((f) => f.endsWith('.js'))
          .sort()
      : [];
    for (const f of files) parts.push(`${name}/${f}`, readFileSync(join(dist, f)));
    for (const dep of Object.keys(manifest.dependencies ?? {}).sort()) visit(dep, join(root, 'package.json'));
  };
  visit(pkg, from);
  const print = cacheKey(parts);
  fingerprints.set(pkg, print);
  return print;
}

const fingerprints = new Map<string, string>();

function packageRoot(file: string): string | undefined {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) if (existsSync(join(dir, 'package.json'))) return dir;
  return undefined;
}
