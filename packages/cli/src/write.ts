/** The one writer: replaces a site's output folder atomically, or compares it for --check. */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** Writes all files into a fresh temporary folder, then swaps it in; the old folder survives any failure before the swap. */
export function replaceFolder(target: string, files: Map<string, string>): void {
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.kiln-tmp-${process.pid}-${Date.now()}`);
  const old = join(parent, `.kiln-old-${process.pid}-${Date.now()}`);
  try {
    for (const [path, content] of files) {
      const file = join(tmp, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
    if (existsSync(target)) renameSync(target, old);
    renameSync(tmp, target);
  } catch (err) {
    if (!existsSync(target) && existsSync(old)) renameSync(old, target);
    throw err;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
  }
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'));
}

export interface Drift {
  changed: string[];
  missing: string[];
  extra: string[];
}

/** Differences between the files on disk and the files a build would write. */
export function compareFolder(target: string, files: Map<string, string>): Drift {
  const onDisk = new Set(listFiles(target));
  const drift: Drift = { changed: [], missing: [], extra: [] };
  for (const [path, content] of files) {
    if (!onDisk.has(path)) drift.missing.push(path);
    else if (readFileSync(join(target, path), 'utf8') !== content) drift.changed.push(path);
  }
  for (const path of onDisk) if (!files.has(path)) drift.extra.push(path);
  for (const list of Object.values(drift)) list.sort();
  return drift;
}

export const hasDrift = (d: Drift) => d.changed.length + d.missing.length + d.extra.length > 0;
