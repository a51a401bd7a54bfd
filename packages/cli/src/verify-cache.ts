/**
 * The verification cache, like nx's task cache: the verdict of `promtool`/`amtool` on some files is a
 * pure function of the tool's version, its arguments and the bytes of every file it reads. A passing
 * verdict is stored under the sha256 of those (an empty file per key); a check whose key is stored is
 * not run again. Failures are never stored: a rejected file is judged again on the next build, so the
 * message is always the tool's own.
 *
 * Where: `$KILN_CACHE_DIR`, else `node_modules/.cache/kiln/verify/` below the workspace root (the folder
 * nx and other tools use, removed by `npm ci`). `kiln build --no-cache` neither reads nor writes it.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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

export function folderCache(dir: string): VerifyCache {
  const file = (key: string) => join(dir, key.slice(0, 2), key);
  return {
    has: (key) => existsSync(file(key)),
    pass(key, what) {
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
