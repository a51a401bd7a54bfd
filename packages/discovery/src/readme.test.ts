/** The README documents what the code has: every flag, skip reason, error kind and metric, and a Prometheus snippet promtool accepts. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLAGS } from './command.js';
import { SKIP_REASONS } from './discover.js';
import { createDiscoveryMetrics } from './discovery-metrics.js';
import { JOB_NAMES } from './labels.js';

const README = readFileSync(join(import.meta.dirname, '../README.md'), 'utf8');

describe('README', () => {
  it('documents every flag, job, skip reason and error kind', () => {
    for (const flag of Object.keys(FLAGS)) expect(README).toContain(`\`--${flag}`);
    for (const job of JOB_NAMES) expect(README).toContain(`/targets/${job}`);
    for (const reason of SKIP_REASONS) expect(README).toContain(`| \`${reason}\` |`);
    for (const kind of ['auth', 'forbidden', 'http', 'network', 'timeout', 'invalid_response']) expect(README).toContain(`\`${kind}\``);
  });

  it('documents every metric the service exposes', () => {
    const names = new Set(
      [
        ...createDiscoveryMetrics()
          .registry.render()
          .matchAll(/^# TYPE (\S+)/gm),
      ].map((m) => m[1]!),
    );
    expect(names.size).toBeGreaterThan(5);
    for (const name of names) expect(README).toContain(`\`${name}`);
  });

  it('has a scrape configuration that promtool accepts', () => {
    const snippet = /```yaml\n(scrape_configs:[\s\S]*?)```/.exec(README)?.[1];
    expect(snippet).toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'kiln-discovery-readme-'));
    try {
      writeFileSync(join(dir, 'prometheus.yml'), snippet!);
      const r = spawnSync('promtool', ['check', 'config', join(dir, 'prometheus.yml')], { encoding: 'utf8' });
      expect(r.error).toBeUndefined();
      expect(r.status, r.stdout + r.stderr).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
