/**
 * Portkey (seed 004): its accepted risk is suppressed with a reason and nothing else is, and the
 * generated backup tests fail under promtool when a rule stops matching the ReplicationSource.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '@kiln/cli';
import { RULES, lint } from '@kiln/lint';
import { resolve } from '@kiln/model';
import { site } from '@kiln/site-portkey';
import { describe, expect, it } from 'vitest';
import { GENERATED, REPO, run } from './tools.js';

describe('portkey', () => {
  it('lints clean: the home-automation stack on metal0 is the one accepted risk, with its reason', async () => {
    expect(await main(['lint', '--site', 'portkey', '--root', REPO, '--quiet'])).toBe(0);
    const unsuppressed = resolve({ ...site, lint: { ...site.lint, suppressions: [] } });
    const found = lint({ site: unsuppressed, files: [], registry: RULES }).filter((d) => d.ruleId.startsWith('workloads/'));
    expect(found.map((d) => `${d.ruleId} ${d.entity.kind}:${d.entity.name}`)).toEqual([
      'workloads/single-node-critical workload:homeassistant',
      'workloads/single-node-critical workload:mosquitto',
      'workloads/single-node-critical workload:zigbee2mqtt',
    ]);
  });

  it("promtool fails the backup tests when a rule no longer matches Vaultwarden's ReplicationSource", () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiln-portkey-'));
    try {
      cpSync(join(GENERATED, 'portkey/prometheus'), dir, { recursive: true });
      expect(run('promtool', ['test', 'rules', 'tests/backups.test.yml'], dir).status).toBe(0);
      const rules = join(dir, 'rules/backups.yml');
      writeFileSync(rules, readFileSync(rules, 'utf8').replaceAll('obj_name="vaultwarden"', 'obj_name="vaultwarden-data"'));
      const r = run('promtool', ['test', 'rules', 'tests/backups.test.yml'], dir);
      expect(r.status).not.toBe(0);
      expect(r.output).toMatch(/name: BackupStale fires \(job=kubernetes-service-endpoints, app=vaultwarden\)/);
      expect(r.output).toMatch(/name: BackupNotReported fires \(app=babybuddy\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
