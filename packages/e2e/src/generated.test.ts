/**
 * Every site's generated output, judged by the programs that will run it: promtool and amtool.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '@kiln/cli';
import { usesKubernetesSd, withStaticDiscovery } from '@kiln/prometheus';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { GENERATED, REPO, filesIn, generatedSites, run } from './tools.js';

describe('generated/ is current', () => {
  it('matches a fresh build of every site (kiln build --check)', async () => {
    expect(await main(['build', '--check', '--quiet', '--root', REPO])).toBe(0);
  });
});

describe.each(generatedSites())('site %s', (site) => {
  const prom = join(GENERATED, site, 'prometheus');

  it('promtool check config accepts prometheus.yml, its rule files and file_sd files', () => {
    // Kubernetes sites: Debian's promtool has no kubernetes_sd, so it judges the static-discovery copy
    // (in a copy of the folder, so rule paths resolve), CA and token pointed at throw-away files.
    const config = parse(readFileSync(join(prom, 'prometheus.yml'), 'utf8')) as Record<string, unknown>;
    const copy = mkdtempSync(join(tmpdir(), 'kiln-static-sd-'));
    let r: ReturnType<typeof run>;
    try {
      cpSync(prom, copy, { recursive: true });
      if (usesKubernetesSd(config)) {
        writeFileSync(join(copy, 'ca.crt'), '');
        writeFileSync(join(copy, 'token'), 'throw-away');
        writeFileSync(join(copy, 'prometheus.yml'), stringify(withStaticDiscovery(config, copy)));
      }
      r = run('promtool', ['check', 'config', 'prometheus.yml'], copy);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
    expect(r.output).not.toMatch(/FAILED/);
    expect(r.status, r.output).toBe(0);
    // A shard loads only the rule files it can evaluate alone (scale-out.test.ts checks the rest go to vmalert).
    expect(r.output).toContain(`SUCCESS: ${(config['rule_files'] as string[]).length} rule files found`);
  });

  it('promtool check rules accepts every rule file', () => {
    const r = run('promtool', ['check', 'rules', ...filesIn(join(prom, 'rules'), '.yml')]);
    expect(r.status, r.output).toBe(0);
  });

  it('every generated promtool unit test passes', () => {
    const tests = filesIn(join(prom, 'tests'), '.test.yml');
    expect(tests.length).toBeGreaterThan(0);
    const r = run('promtool', ['test', 'rules', ...tests], prom);
    expect(r.status, r.output).toBe(0);
    expect(r.output.match(/SUCCESS/g)?.length).toBe(tests.length);
  });

  it('amtool check-config accepts alertmanager.yml', () => {
    const r = run('amtool', ['check-config', join(GENERATED, site, 'alertmanager/alertmanager.yml')]);
    expect(r.status, r.output).toBe(0);
    expect(r.output).toContain('SUCCESS');
  });

  it('writes no secret inline: every credential is a *_file reference', () => {
    const am = readFileSync(join(GENERATED, site, 'alertmanager/alertmanager.yml'), 'utf8');
    expect(am).not.toMatch(/^\s*(auth_password|password|api_key|bearer_token|credentials|api_url):/m);
    expect(am).not.toMatch(/https?:\/\/[^/\s:]+:[^@\s]+@/);
  });
});

describe('the generated unit tests can fail', () => {
  it('promtool reports a failure when a rule no longer matches its inventory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiln-mutant-'));
    try {
      cpSync(join(GENERATED, 'pantheon/prometheus'), dir, { recursive: true });
      const storage = join(dir, 'rules/storage.yml');
      // A wrong mount point, as a hand edit or a generator bug would produce.
      writeFileSync(storage, readFileSync(storage, 'utf8').replaceAll('mountpoint="/mnt/atlas/appdata"', 'mountpoint="/mnt/atlas/appdta"'));
      const r = run('promtool', ['test', 'rules', 'tests/storage.test.yml'], dir);
      expect(r.status).not.toBe(0);
      expect(r.output).toMatch(/FAILED/);
      expect(r.output).toContain('NfsMountUnavailable');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
