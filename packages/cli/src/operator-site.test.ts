/**
 * The operator-flavour fixture site (`operatorSite()`, Portkey's shape) through every command a site
 * goes through: `kiln build` (with the real tools judging the PrometheusRules and the Alertmanager
 * Secret), `kiln build --check`, `kiln lint` (no finding) and `kiln test` (promtool unit tests, routing
 * tests with amtool).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { operatorSite } from '@kiln/model/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { main } from './main.js';

let root: string;
let out: string[];

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'kiln-operator-site-'));
  mkdirSync(join(root, 'packages/sites/oplab'), { recursive: true });
  writeFileSync(join(root, 'packages/sites/oplab/site.yaml'), stringify(operatorSite()));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function kiln(...args: string[]): Promise<number> {
  out = [];
  const write = (s: unknown) => (out.push(String(s)), true);
  const o = vi.spyOn(process.stdout, 'write').mockImplementation(write);
  const e = vi.spyOn(process.stderr, 'write').mockImplementation(write);
  try {
    return await main([...args, '--root', root]);
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('the operator-flavour fixture site passes every check', { timeout: 120_000 }, () => {
  it('kiln build writes the operator resources, judged by promtool and amtool', async () => {
    expect(await kiln('build'), out.join('')).toBe(0);
    const k8s = join(root, 'generated/oplab/kubernetes');
    for (const f of [
      '17-oplab-prometheus.yaml',
      '16-oplab-alertmanager.yaml',
      '12-alertmanager-oplab-secret.yaml',
      '14-node-servicemonitor.yaml',
    ])
      expect(existsSync(join(k8s, f)), f).toBe(true);
    expect(readFileSync(join(k8s, 'README.md'), 'utf8')).toContain('prometheus-operator');
    expect(await kiln('build', '--check'), out.join('')).toBe(0);
  });

  it('kiln lint finds nothing', async () => {
    expect(await kiln('lint', '--format', 'json'), out.join('')).toBe(0);
    expect(JSON.parse(out.join(''))).toEqual([]);
  });

  it('kiln test runs the unit tests and the routing tests', async () => {
    expect(await kiln('test'), out.join('')).toBe(0);
    expect(out.join('')).toMatch(/critical alerts page through ntfy: → phone/);
  });
});
