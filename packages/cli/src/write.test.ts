import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MARKER, compareFolder, hasDrift, replaceFolder } from './write.js';

let dir: string;
let target: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiln-write-'));
  target = join(dir, 'lab');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Every file below `root` (path → content), hidden ones included. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(root, { recursive: true, withFileTypes: true }))
    if (e.isFile()) out[relative(root, join(e.parentPath, e.name))] = readFileSync(join(e.parentPath, e.name), 'utf8');
  return out;
}

const first = new Map([
  ['prometheus/prometheus.yml', 'a: 1\n'],
  ['prometheus/rules/nodes.yml', 'groups: []\n'],
  ['exporters/node-1/node_exporter.args', '--web.listen-address=10.0.0.1:9100\n'],
  ['exporters/node-2/node_exporter.args', '--web.listen-address=10.0.0.2:9100\n'],
]);

describe('replaceFolder', () => {
  it('writes the files and the marker; the folder then matches the build exactly', async () => {
    await replaceFolder(target, first);
    expect(snapshot(target)).toEqual({ ...Object.fromEntries(first), [MARKER]: expect.stringContaining('kiln build') });
    expect(hasDrift(compareFolder(target, first))).toBe(false);
  });

  it('rewrites only changed files, deletes files and folders the build no longer writes, adds new ones', async () => {
    await replaceFolder(target, first);
    const inode = (p: string) => statSync(join(target, p)).ino;
    const unchanged = inode('prometheus/rules/nodes.yml');
    const changed = inode('prometheus/prometheus.yml');
    const second = new Map(first)
      .set('prometheus/prometheus.yml', 'a: 2\n')
      .set('exporters/node-3/node_exporter.args', '--web.listen-address=10.0.0.3:9100\n');
    second.delete('exporters/node-2/node_exporter.args');
    await replaceFolder(target, second);
    expect(snapshot(target)).toEqual({ ...Object.fromEntries(second), [MARKER]: expect.any(String) });
    expect(existsSync(join(target, 'exporters/node-2'))).toBe(false);
    expect(inode('prometheus/rules/nodes.yml')).toBe(unchanged);
    // A changed file is a new file renamed over the old: readers never see it half written.
    expect(inode('prometheus/prometheus.yml')).not.toBe(changed);
    expect(readdirSync(dir)).toEqual(['lab']);
  });

  it('replaces a file of the same size whose content differs, and a folder where the build now writes a file', async () => {
    await replaceFolder(target, first);
    const second = new Map(first).set('prometheus/prometheus.yml', 'a: 9\n');
    second.delete('exporters/node-1/node_exporter.args');
    second.set('exporters/node-1', 'now a file\n');
    await replaceFolder(target, second);
    expect(snapshot(target)).toEqual({ ...Object.fromEntries(second), [MARKER]: expect.any(String) });
  });

  it('verifies a staging folder holding the files the check reads, and leaves the output untouched when it fails', async () => {
    await replaceFolder(target, first);
    const before = snapshot(target);
    const staged: Record<string, string>[] = [];
    const bad = new Map(first).set('prometheus/prometheus.yml', 'broken\n').set('exporters/node-9/node_exporter.args', 'x\n');
    await expect(
      replaceFolder(target, bad, {
        verifies: (p) => p.startsWith('prometheus/'),
        verify: (staging) => {
          staged.push(snapshot(staging));
          throw new Error('rejected');
        },
      }),
    ).rejects.toThrow('rejected');
    expect(staged).toEqual([{ 'prometheus/prometheus.yml': 'broken\n', 'prometheus/rules/nodes.yml': 'groups: []\n' }]);
    expect(snapshot(target)).toEqual(before);
    expect(readdirSync(dir)).toEqual(['lab']);
  });

  it('refuses a folder it did not write that holds other files, and touches nothing', async () => {
    mkdirSync(target);
    writeFileSync(join(target, 'notes.txt'), 'mine\n');
    await expect(replaceFolder(target, first, { shown: 'out/lab' })).rejects.toThrow(
      /out\/lab exists and was not written by kiln .*out\/lab\/notes\.txt/,
    );
    expect(snapshot(target)).toEqual({ 'notes.txt': 'mine\n' });
  });
});
