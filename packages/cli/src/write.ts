/**
 * The one writer: replaces a site's output folder atomically, or compares it for --check.
 *
 * Kiln only ever replaces a folder it wrote: every output folder carries a marker file, and a
 * folder that exists, is not empty and has no marker is refused (it may be the user's own files,
 * e.g. `kiln build --file hearth/site.yaml --out .` would otherwise replace `hearth/`).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { UsageError } from './workspace.js';

/** The marker file in every folder Kiln writes. */
export const MARKER = '.kiln-generated';
const MARKER_TEXT =
  'This folder is written by `kiln build`: its contents are replaced on every build. Do not edit; change the site definition instead.\n';

/**
 * Throws when `target` exists and is not a folder Kiln wrote: it has no marker and holds a file the
 * build does not write (output of a Kiln version before the marker holds only files it writes).
 */
export function assertReplaceable(target: string, files: ReadonlyMap<string, string>, shown = target): void {
  if (!existsSync(target)) return;
  if (!statSync(target).isDirectory()) throw new UsageError(`${shown} exists and is not a folder; choose another --out`);
  if (existsSync(join(target, MARKER))) return;
  const foreign = listFiles(target).filter((p) => !files.has(p));
  if (foreign.length === 0) return;
  const some = foreign
    .slice(0, 3)
    .map((p) => `${shown}/${p}`)
    .join(', ');
  throw new UsageError(
    `${shown} exists and was not written by kiln (it has no ${MARKER} file and holds ${some}${foreign.length > 3 ? ` and ${foreign.length - 3} more` : ''}), so kiln will not replace it; choose another --out, or move those files away`,
  );
}

/**
 * Writes all files (and the marker) into a fresh temporary folder beside the target, calls
 * `verify` on it, then swaps it in; the old folder survives any failure before the swap.
 */
export function replaceFolder(target: string, files: Map<string, string>, verify?: (dir: string) => void, shown = target): void {
  assertReplaceable(target, files, shown);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const stamp = `${process.pid}-${Date.now()}`;
  const tmp = join(parent, `.kiln-tmp-${stamp}`);
  const old = join(parent, `.kiln-old-${stamp}`);
  try {
    for (const [path, content] of files) {
      const file = join(tmp, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
    mkdirSync(tmp, { recursive: true });
    writeFileSync(join(tmp, MARKER), MARKER_TEXT);
    verify?.(tmp);
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
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .filter((p) => p !== MARKER);
}

export interface Drift {
  changed: string[];
  missing: string[];
  extra: string[];
}

/** Differences between the files on disk and the files a build would write (the marker included). */
export function compareFolder(target: string, files: Map<string, string>, options: { marker?: boolean } = { marker: true }): Drift {
  const onDisk = new Set(listFiles(target));
  const drift: Drift = { changed: [], missing: [], extra: [] };
  for (const [path, content] of files) {
    if (!onDisk.has(path)) drift.missing.push(path);
    else if (readFileSync(join(target, path), 'utf8') !== content) drift.changed.push(path);
  }
  for (const path of onDisk) if (!files.has(path)) drift.extra.push(path);
  if (options.marker !== false && files.size > 0 && !existsSync(join(target, MARKER))) drift.missing.push(MARKER);
  for (const list of [drift.changed, drift.missing, drift.extra]) list.sort();
  return drift;
}

export const hasDrift = (d: Drift) => d.changed.length + d.missing.length + d.extra.length > 0;
