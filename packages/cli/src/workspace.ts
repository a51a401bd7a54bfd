import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The repository root: the nearest directory upwards that has `packages/sites`. */
export function findRoot(from = process.cwd()): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'packages', 'sites'))) return dir;
    const parent = dirname(dir);
    if (parent === dir)
      throw new UsageError(`no Kiln workspace (a folder with packages/sites) above ${from}; run kiln inside the repository or pass --root`);
    dir = parent;
  }
}

export class UsageError extends Error {
  override name = 'UsageError';
}
