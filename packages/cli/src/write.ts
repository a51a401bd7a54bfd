/**
 * The one writer: replaces a site's output folder once everything succeeded, or compares it for --check.
 *
 * Kiln only ever replaces a folder it wrote: every output folder carries a marker file, and a
 * folder that exists, is not empty and has no marker is refused (it may be the user's own files,
 * e.g. `kiln build --file hearth/site.yaml --out .` would otherwise replace `hearth/`).
 */
import {
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  renameSync,
  rmSync,
  rmdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
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

export interface ReplaceOptions {
  /** Judges the new files (throws or rejects to stop the build) in a staging folder, before the target is touched. */
  verify?: (dir: string) => void | Promise<void>;
  /** The files `verify` reads (paths below the site folder): only those are staged. Default: every file. */
  verifies?: (path: string) => boolean;
  /** The target as messages name it. */
  shown?: string;
}

/**
 * Replaces the contents of `target` with `files`, once everything succeeded: the files `verify` reads
 * are first written to a staging folder beside the target and judged there, so a build that fails
 * leaves the previous output untouched; then writeFolder.
 */
export async function replaceFolder(target: string, files: ReadonlyMap<string, string>, options: ReplaceOptions = {}): Promise<void> {
  const { verify, verifies = () => true, shown = target } = options;
  assertReplaceable(target, files, shown);
  if (verify) {
    const staging = new Staging(target);
    try {
      for (const [path, content] of files) if (verifies(path)) staging.write(path, content);
      await verify(staging.dir);
    } finally {
      staging.remove();
    }
  }
  writeFolder(target, files, shown);
}

/**
 * A staging folder beside a target (so renames stay on one file system, and relative paths resolve as
 * in the output), for the files the real tools judge before the target is touched. `kiln build` stages
 * the Prometheus files as soon as they are serialized and the rest later; `remove` deletes it.
 */
export class Staging {
  readonly dir: string;
  private readonly dirs = new Set<string>();

  constructor(target: string) {
    this.dir = join(dirname(target), `.kiln-tmp-${process.pid}-${Date.now()}`);
    mkdirSync(this.dir, { recursive: true });
  }

  write(path: string, content: string | Buffer): void {
    writeIn(this.dir, path, content, this.dirs);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Makes `target` hold exactly `files` (and the marker) — call it once everything succeeded. The target is
 * updated in place: a file whose content changed is written to a temporary name and renamed over the old
 * one (a reader never sees half a file; Prometheus' file_sd watch on its folder stays valid), unchanged
 * files are not rewritten, files the build no longer writes are deleted. A rebuild of a large site thus
 * costs a read per file, not a create and a delete per file and folder (swapping in a whole new folder did).
 */
export function writeFolder(target: string, files: ReadonlyMap<string, string>, shown = target): void {
  assertReplaceable(target, files, shown);
  mkdirSync(dirname(target), { recursive: true });
  updateFolder(target, files);
}

/** Writes `path` below `dir`, creating its folder unless `dirs` says it exists. */
function writeIn(dir: string, path: string, content: string | Buffer, dirs: Set<string>): void {
  const file = join(dir, path);
  const folder = dirname(file);
  if (!dirs.has(folder)) {
    mkdirSync(folder, { recursive: true });
    dirs.add(folder);
  }
  writeFileSync(file, content);
}

/** Makes `target` hold exactly `files` and the marker, writing only what differs. */
function updateFolder(target: string, files: ReadonlyMap<string, string>): void {
  mkdirSync(target, { recursive: true });
  const onDisk = new Set(listFiles(target));
  const stale = [...onDisk].filter((p) => !files.has(p));
  for (const path of stale) rmSync(join(target, path), { force: true });
  removeEmptyFolders(target, stale);
  const dirs = new Set<string>([target]);
  const tmpName = `.kiln-tmp-${process.pid}`;
  const scratch = new Scratch();
  for (const [path, content] of files) {
    const file = join(target, path);
    const bytes = scratch.encode(content);
    if (onDisk.has(path)) {
      if (scratch.matches(file, bytes)) continue;
      const tmp = join(dirname(file), tmpName);
      writeFileSync(tmp, bytes);
      renameSync(tmp, file);
    } else writeIn(target, path, bytes, dirs);
  }
  if (!existsSync(join(target, MARKER))) writeFileSync(join(target, MARKER), MARKER_TEXT);
}

/**
 * Two buffers reused for every file: the content encoded as UTF-8 and the file read from disk. A
 * large site's rebuild compares and writes ~65 MB of files; decoding each file into a string (or
 * encoding each content into a new Buffer) left as much garbage, which raised the peak memory.
 */
class Scratch {
  private text = Buffer.alloc(0);
  private disk = Buffer.alloc(0);

  /** `content` as UTF-8, valid until the next call. */
  encode(content: string): Buffer {
    const n = Buffer.byteLength(content);
    if (this.text.length < n) this.text = Buffer.allocUnsafe(n);
    this.text.write(content, 0, n, 'utf8');
    return this.text.subarray(0, n);
  }

  /** Whether `file` holds exactly `bytes` (its size first: most changed files differ in size and are not read). */
  matches(file: string, bytes: Buffer): boolean {
    let fd: number;
    try {
      fd = openSync(file, 'r');
    } catch {
      return false;
    }
    try {
      if (fstatSync(fd).size !== bytes.length) return false;
      if (this.disk.length < bytes.length) this.disk = Buffer.allocUnsafe(bytes.length);
      let read = 0;
      for (let r = -1; r !== 0 && read < bytes.length; read += r) r = readSync(fd, this.disk, read, bytes.length - read, read);
      return read === bytes.length && bytes.equals(this.disk.subarray(0, read));
    } finally {
      closeSync(fd);
    }
  }
}

/** Removes the folders of deleted files that are now empty, deepest first (never `target` itself). */
function removeEmptyFolders(target: string, deleted: readonly string[]): void {
  const folders = new Set<string>();
  for (const path of deleted) for (let d = dirname(path); d !== '.'; d = dirname(d)) folders.add(d);
  for (const d of [...folders].sort((a, b) => b.split('/').length - a.split('/').length)) {
    try {
      rmdirSync(join(target, d));
    } catch {
      // not empty: it holds files the build writes
    }
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
