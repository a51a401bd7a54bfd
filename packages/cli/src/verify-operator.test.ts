import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { resolve } from '@kiln/model';
import { operatorSite } from '@kiln/model/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildSite } from './pipeline.js';
import { toolVerifier } from './verify.js';
import { folderCache } from './verify-cache.js';
import { operatorConfigs } from './verify-operator.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'kiln-verify-operator-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(files: Map<string, string>): void {
  for (const [p, text] of files) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
}

describe('the operator flavour is judged by the real tools in the build', () => {
  it("extracts every PrometheusRule's spec and the Alertmanager Secret's configuration; promtool and amtool accept them", async () => {
    const files = buildSite(resolve(operatorSite()));
    write(files);
    const configs = operatorConfigs(dir);
    const rules = [...files.keys()].filter((p) => p.endsWith('-prometheusrule.yaml'));
    expect(rules.length).toBeGreaterThan(0);
    expect(configs.filter((c) => c.tool === 'promtool' && c.check !== 'config').map((c) => c.manifest)).toEqual(rules);
    const monitors = [...files.keys()].filter((p) => p.endsWith('-servicemonitor.yaml'));
    expect(configs.filter((c) => c.check === 'config').map((c) => c.manifest)).toEqual(monitors);
    expect(configs.filter((c) => c.tool === 'amtool').map((c) => c.manifest)).toEqual(['kubernetes/12-alertmanager-oplab-secret.yaml']);
    // The Secret carries alertmanager.yml byte for byte.
    expect(configs.find((c) => c.tool === 'amtool')!.text).toBe(files.get('alertmanager/alertmanager.yml'));
    expect(await toolVerifier().verify('oplab', dir)).toEqual([]);
    // Cached like the other checks: a second build runs none of them.
    const cache = folderCache(join(dir, '.cache'));
    await toolVerifier({ cache }).verify('oplab', dir);
    const again = toolVerifier({ cache });
    expect(await again.verify('oplab', dir)).toEqual([]);
    expect(again.stats.cached).toBe(again.stats.checks);
    expect(again.stats.checks).toBeGreaterThanOrEqual(configs.length);
  });

  it('a rule promtool rejects and a configuration amtool rejects fail the build, naming the manifest', async () => {
    const files = buildSite(resolve(operatorSite()));
    const rule = [...files.keys()].find((p) => p.endsWith('-prometheusrule.yaml'))!;
    const secret = 'kubernetes/12-alertmanager-oplab-secret.yaml';
    files.set(rule, files.get(rule)!.replace(/expr: .*/, 'expr: rate(up[5m]'));
    files.set(secret, files.get(secret)!.replace('receiver: phone', 'receiver: nobody'));
    const monitor = 'kubernetes/14-node-servicemonitor.yaml';
    files.set(monitor, files.get(monitor)!.replace('action: labeldrop', 'action: labeldrop\n          targetLabel: node'));
    write(files);
    const problems = await toolVerifier().verify('oplab', dir);
    expect(problems.map((p) => [p.ruleId, p.location.file])).toEqual([
      ['build/amtool', secret],
      ['build/promtool', rule],
      ['build/promtool', monitor],
    ]);
    expect(problems[2]!.message).toMatch(/labeldrop/);
    expect(problems[0]!.message).toContain('nobody');
    expect(problems[1]!.message).toMatch(/unclosed left parenthesis|unexpected end of input/);
  });

  it('the build stages the manifests these checks read (only the files the tools read are staged)', () => {
    const files = buildSite(resolve(operatorSite()));
    const verifier = toolVerifier();
    for (const path of [...files.keys()].filter((p) => /-(prometheusrule|servicemonitor|secret)\.yaml$/.test(p)))
      expect(verifier.reads(path), path).toBe(true);
  });
});
