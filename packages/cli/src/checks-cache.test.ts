import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolve } from '@kiln/model';
import { smallSite } from '@kiln/model/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateLoaded, type ChecksCache } from './pipeline.js';
import type { LoadedSite } from './load-site.js';
import { codeFingerprint, folderCache } from './verify-cache.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'kiln-checks-cache-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const loaded = () => ({ site: resolve(smallSite()), extensions: {} }) as LoadedSite;

describe("Kiln's own checks of the rule files, cached", () => {
  it('reuse a pass on the same bytes and check a changed file again, never storing its failure', () => {
    const cache: ChecksCache = { store: folderCache(dir), fingerprint: codeFingerprint('@kiln/lint'), stats: { files: 0, cached: 0 } };
    const first = generateLoaded(loaded(), undefined, cache);
    expect(first.check()).toEqual([]);
    const ruleFiles = cache.stats.files;
    expect(ruleFiles).toBeGreaterThan(1);
    expect(cache.stats.cached).toBe(0);

    expect(generateLoaded(loaded(), undefined, cache).check()).toEqual([]);
    expect(cache.stats).toEqual({ files: 2 * ruleFiles, cached: ruleFiles });

    const broken = generateLoaded(loaded(), undefined, cache);
    const storage = broken.files.get('prometheus/rules/storage.yml')!;
    broken.files.set('prometheus/rules/storage.yml', storage.replace('== 1', '== 1)'));
    for (let i = 0; i < 2; i++) {
      const problems = broken.check();
      expect(problems.map((p) => [p.ruleId, p.location.file])).toContainEqual(['promql/syntax', 'prometheus/rules/storage.yml']);
    }
    expect(cache.stats.cached).toBe(ruleFiles + 2 * (ruleFiles - 1));
  });

  it('are keyed by the code of @kiln/lint and the Kiln packages it uses', () => {
    expect(codeFingerprint('@kiln/lint')).toMatch(/^[0-9a-f]{64}$/);
    expect(codeFingerprint('@kiln/promql')).not.toBe(codeFingerprint('@kiln/lint'));
  });
});
