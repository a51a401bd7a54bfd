/**
 * Beyond the per-rule limit, generated promtool tests switch to one all-rules-firing case; promtool
 * must still pass them, and the test files must grow linearly with the inventory.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildSite } from '@kiln/cli';
import { MAX_RULES_PER_GROUP } from '@kiln/prometheus';
import { resolve } from '@kiln/model';
import { siteWithWorkers } from '@kiln/model/testing';
import { describe, expect, it } from 'vitest';
import { filesIn, run } from './tools.js';

describe('generated unit tests at scale', () => {
  it('pass promtool with one all-rules case per alert name, and grow linearly', () => {
    const sizes: number[] = [];
    for (const hosts of [20, 40]) {
      const dir = mkdtempSync(join(tmpdir(), 'kiln-scale-'));
      try {
        const files = buildSite(resolve(siteWithWorkers(hosts)));
        for (const [path, content] of files) {
          if (!path.startsWith('prometheus/')) continue;
          mkdirSync(dirname(join(dir, path)), { recursive: true });
          writeFileSync(join(dir, path), content);
        }
        const storage = files.get('prometheus/tests/storage.test.yml')!;
        expect(storage).toContain(`NfsMountUnavailable fires for each of its ${hosts + 1} rules`);
        sizes.push(storage.length);
        const r = run('promtool', ['test', 'rules', ...filesIn(join(dir, 'prometheus/tests'), '.test.yml')], join(dir, 'prometheus'));
        expect(r.status, r.output).toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    expect(sizes[1]! / sizes[0]!).toBeLessThan(2.3);
  });
});

describe('rule groups split for Prometheus', () => {
  it('pass promtool check config and test rules when the storage group is split into chunk files', () => {
    // Two storage rules (NFS mount, scratch disk) a worker: just over MAX_RULES_PER_GROUP rules.
    const s = siteWithWorkers(MAX_RULES_PER_GROUP / 2 + 10);
    const dir = mkdtempSync(join(tmpdir(), 'kiln-chunks-'));
    try {
      const files = buildSite(resolve(s));
      for (const [path, content] of files) {
        if (!path.startsWith('prometheus/')) continue;
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), content);
      }
      expect([...files.keys()].filter((p) => p.startsWith('prometheus/rules/storage'))).toEqual([
        'prometheus/rules/storage-01.yml',
        'prometheus/rules/storage-02.yml',
      ]);
      const prometheus = join(dir, 'prometheus');
      const config = run('promtool', ['check', 'config', '--lint-fatal', 'prometheus.yml'], prometheus);
      expect(config.status, config.output).toBe(0);
      expect(config.output).toContain('rules/storage-02.yml');
      const tests = run('promtool', ['test', 'rules', ...filesIn(join(prometheus, 'tests'), '.test.yml')], prometheus);
      expect(tests.status, tests.output).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
