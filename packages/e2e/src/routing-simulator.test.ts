/**
 * Kiln's routing simulator against Alertmanager's own answer (`amtool config routes test`) on every
 * combination of a label vocabulary, for Kiln's generated config and for configs Kiln did not write.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { receiversFor, type RawRoute } from '@kiln/alertmanager';
import { main } from '@kiln/cli';
import { describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { GENERATED, requireTool } from './tools.js';

const exec = promisify(execFile);
const vocabulary: Record<string, string[]> = {
  alertname: ['Watchdog', 'HostDown', 'DiskFull'],
  severity: ['critical', 'warning', 'info', ''],
  team: ['db', 'web', ''],
  env: ['prod', ''],
};

function labelSets(): Record<string, string>[] {
  let sets: Record<string, string>[] = [{}];
  for (const [name, values] of Object.entries(vocabulary)) {
    sets = sets.flatMap((s) => values.map((v) => (v === '' ? { ...s } : { ...s, [name]: v })));
  }
  return sets;
}

async function amtool(config: string, labels: Record<string, string>): Promise<string> {
  const args = ['config', 'routes', 'test', `--config.file=${config}`, ...Object.entries(labels).map(([k, v]) => `${k}=${v}`)];
  const { stdout } = await exec(requireTool('amtool'), args);
  return stdout.trim();
}

async function inBatches<T, R>(items: T[], size: number, f: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(f))));
  return out;
}

const configs = [
  join(GENERATED, 'pantheon/alertmanager/alertmanager.yml'),
  join(import.meta.dirname, '../fixtures/alertmanager/nested-continue.yml'),
  join(import.meta.dirname, '../fixtures/alertmanager/legacy-match.yml'),
];

describe.each(configs)('routing of %s', (config) => {
  it('matches amtool on every label set of the vocabulary', async () => {
    const route = (parse(readFileSync(config, 'utf8')) as { route: RawRoute }).route;
    const sets = labelSets();
    const expected = await inBatches(sets, 6, (labels) => amtool(config, labels));
    const actual = sets.map((labels) => receiversFor({ route }, labels).join(','));
    const mismatches = sets.map((labels, i) => ({ labels, amtool: expected[i], kiln: actual[i] })).filter((m) => m.amtool !== m.kiln);
    expect(mismatches).toEqual([]);
    expect(new Set(expected).size).toBeGreaterThan(2);
  });
});

describe('kiln routes test', () => {
  it('prints what amtool prints and verifies receivers', async () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (lines.push(String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const config = configs[1]!;
      const labels = ['team=db', 'severity=critical', 'env=prod'];
      expect(await main(['routes', 'test', `--config.file=${config}`, ...labels])).toBe(0);
      expect(lines.join('').trim()).toBe(await amtool(config, { team: 'db', severity: 'critical', env: 'prod' }));
      expect(await main(['routes', 'test', `--config.file=${config}`, '--verify.receivers=nobody', ...labels])).toBe(1);
    } finally {
      vi.restoreAllMocks();
    }
  });
});
