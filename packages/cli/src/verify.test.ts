import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toolVerifier } from './verify.js';
import { folderCache } from './verify-cache.js';
import { replaceFolder } from './write.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'kiln-verify-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const good = new Map([
  ['prometheus/prometheus.yml', 'global:\n  scrape_interval: 30s\nscrape_configs: []\n'],
  ['alertmanager/alertmanager.yml', 'route:\n  receiver: a\nreceivers:\n  - name: a\n'],
]);

describe('the real tools check the output before it replaces the old', () => {
  it('promtool and amtool accept good files (the tools are installed: never skipped)', async () => {
    const v = toolVerifier();
    expect(v.missing).toEqual([]);
    for (const [p, c] of good) {
      mkdirSync(join(dir, p, '..'), { recursive: true });
      writeFileSync(join(dir, p), c);
    }
    expect(await v.verify('lab', dir)).toEqual([]);
  });

  it('a file promtool rejects is reported with its verdict, and the previous output survives', async () => {
    const target = join(dir, 'lab');
    await replaceFolder(target, good);
    const bad = new Map(good).set(
      'prometheus/prometheus.yml',
      'global:\n  scrape_interval: 30s\n  scrape_timeout: 1m\nscrape_configs: []\n',
    );
    const v = toolVerifier();
    let problems: Awaited<ReturnType<typeof v.verify>> = [];
    await expect(
      replaceFolder(target, bad, {
        verifies: v.reads,
        verify: async (tmp) => {
          problems = await v.verify('lab', tmp);
          if (problems.length) throw new Error('rejected');
        },
      }),
    ).rejects.toThrow('rejected');
    expect(problems.map((p) => p.ruleId)).toEqual(['build/promtool']);
    expect(problems[0]!.message).toMatch(/scrape timeout greater than scrape interval/);
    expect(readFileSync(join(target, 'prometheus/prometheus.yml'), 'utf8')).toBe(good.get('prometheus/prometheus.yml'));
  });

  it('amtool rejecting alertmanager.yml is reported too', async () => {
    mkdirSync(join(dir, 'alertmanager'));
    writeFileSync(join(dir, 'alertmanager/alertmanager.yml'), 'route:\n  receiver: nobody\nreceivers:\n  - name: a\n');
    const problems = await toolVerifier().verify('lab', dir);
    expect(problems.map((p) => p.ruleId)).toEqual(['build/amtool']);
    expect(problems[0]!.message).toMatch(/undefined receiver "nobody"/);
  });

  it("promtool's lint of the rule files fails the build (duplicate rules: promtool prints FAILED but exits 0 without --lint-fatal)", async () => {
    mkdirSync(join(dir, 'prometheus/rules'), { recursive: true });
    writeFileSync(join(dir, 'prometheus/prometheus.yml'), 'rule_files:\n  - rules/a.yml\nscrape_configs: []\n');
    const rule = '      - alert: Down\n        expr: up == 0\n';
    writeFileSync(join(dir, 'prometheus/rules/a.yml'), `groups:\n  - name: a\n    rules:\n${rule}${rule}`);
    const problems = await toolVerifier().verify('lab', dir);
    expect(problems.map((p) => [p.ruleId, p.location.file])).toEqual([['build/promtool', 'prometheus/rules/a.yml']]);
    expect(problems[0]!.message).toMatch(/duplicate/i);
  });

  it('docker-compose rejecting a Compose project is reported too', async () => {
    mkdirSync(join(dir, 'compose'));
    writeFileSync(join(dir, 'compose/compose.yaml'), 'services:\n  prometheus:\n    image: prom/prometheus:v2.53.5\n    restrat: always\n');
    const problems = await toolVerifier().verify('lab', dir);
    expect(problems.map((p) => [p.ruleId, p.location.file])).toEqual([['build/docker-compose', 'compose/compose.yaml']]);
    expect(problems[0]!.message).toMatch(/restrat/);
  });

  it('a prometheus.yml with kubernetes_sd_configs is judged on its static-discovery copy, which is removed afterwards', async () => {
    const k8s = (relabel: string) =>
      'scrape_configs:\n  - job_name: nodes\n    scheme: https\n    tls_config:\n      ca_file: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt\n' +
      '    authorization:\n      credentials_file: /var/run/secrets/kubernetes.io/serviceaccount/token\n' +
      `    kubernetes_sd_configs:\n      - role: node\n    relabel_configs:\n      - source_labels: [__meta_kubernetes_node_name]\n        target_label: node\n        action: ${relabel}\n`;
    mkdirSync(join(dir, 'prometheus'));
    writeFileSync(join(dir, 'prometheus/prometheus.yml'), k8s('replace'));
    expect(await toolVerifier().verify('lab', dir)).toEqual([]);
    writeFileSync(join(dir, 'prometheus/prometheus.yml'), k8s('replac'));
    const problems = await toolVerifier().verify('lab', dir);
    expect(problems.map((p) => p.ruleId)).toEqual(['build/promtool']);
    expect(problems[0]!.message).toMatch(/unknown relabel action "replac"/);
    expect(readdirSync(join(dir, 'prometheus'))).toEqual(['prometheus.yml']);
  });

  it('rule files are checked in several promtool processes; a rejected one is named, once for all replicas and shards', async () => {
    mkdirSync(join(dir, 'prometheus/rules'), { recursive: true });
    mkdirSync(join(dir, 'prometheus/replica-b'), { recursive: true });
    const refs = ['a', 'b', 'c'].map((n) => `  - rules/${n}.yml\n`).join('');
    writeFileSync(join(dir, 'prometheus/prometheus.yml'), `rule_files:\n${refs}scrape_configs: []\n`);
    writeFileSync(
      join(dir, 'prometheus/replica-b/prometheus.yml'),
      `rule_files:\n${refs.replaceAll('rules/', '../rules/')}scrape_configs: []\n`,
    );
    const rule = (expr: string) => `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: ${expr}\n`;
    writeFileSync(join(dir, 'prometheus/rules/a.yml'), rule('up == 0'));
    writeFileSync(join(dir, 'prometheus/rules/b.yml'), rule('sum(up) by ('));
    writeFileSync(join(dir, 'prometheus/rules/c.yml'), rule('up == 1'));
    const v = toolVerifier({ processes: 2 });
    const problems = await v.verify('lab', dir);
    expect(problems.map((p) => [p.ruleId, p.location.file])).toEqual([['build/promtool', 'prometheus/rules/b.yml']]);
    expect(problems[0]!.message).toMatch(/rules\/b\.yml[\s\S]*parse error/);
    // Two configurations, three rule files (each once), amtool not (no alertmanager.yml).
    expect(v.stats.checks).toBe(5);
    expect(readdirSync(join(dir, 'prometheus')).sort()).toEqual(['prometheus.yml', 'replica-b', 'rules']);
  });

  it('a prometheus.yml that is not YAML is judged as written, and rejected', async () => {
    mkdirSync(join(dir, 'prometheus'), { recursive: true });
    writeFileSync(join(dir, 'prometheus/prometheus.yml'), 'scrape_configs: [\n');
    const problems = await toolVerifier({ cache: folderCache(join(dir, '.cache')) }).verify('lab', dir);
    expect(problems.map((p) => p.location.file)).toEqual(['prometheus/prometheus.yml']);
  });

  it('a missing rule file is rejected, naming it', async () => {
    mkdirSync(join(dir, 'prometheus'), { recursive: true });
    writeFileSync(join(dir, 'prometheus/prometheus.yml'), 'rule_files:\n  - rules/gone.yml\nscrape_configs: []\n');
    const problems = await toolVerifier().verify('lab', dir);
    expect(problems.map((p) => p.location.file)).toEqual(['prometheus/rules/gone.yml']);
  });
});

describe('the verification cache', () => {
  const rule = (expr: string) => `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: ${expr}\n`;
  const stage = () => {
    mkdirSync(join(dir, 'prometheus/rules'), { recursive: true });
    writeFileSync(join(dir, 'prometheus/prometheus.yml'), 'rule_files:\n  - rules/a.yml\n  - rules/b.yml\nscrape_configs: []\n');
    writeFileSync(join(dir, 'prometheus/rules/a.yml'), rule('up == 0'));
    writeFileSync(join(dir, 'prometheus/rules/b.yml'), rule('up == 1'));
    mkdirSync(join(dir, 'alertmanager'), { recursive: true });
    writeFileSync(join(dir, 'alertmanager/alertmanager.yml'), good.get('alertmanager/alertmanager.yml')!);
  };

  it('reuses a pass on the same bytes, re-runs the tool on a changed byte, and never stores a failure', async () => {
    stage();
    const cache = folderCache(join(dir, '.cache'));
    const first = toolVerifier({ cache });
    expect(await first.verify('lab', dir)).toEqual([]);
    expect(first.stats).toEqual({ checks: 4, cached: 0 });

    const again = toolVerifier({ cache });
    expect(await again.verify('lab', dir)).toEqual([]);
    expect(again.stats).toEqual({ checks: 4, cached: 4 });

    // One byte of one rule file: that file is judged again (and rejected), the others are not.
    writeFileSync(join(dir, 'prometheus/rules/b.yml'), rule('up == 1)'));
    const changed = toolVerifier({ cache });
    const problems = await changed.verify('lab', dir);
    expect(problems.map((p) => p.location.file)).toEqual(['prometheus/rules/b.yml']);
    expect(changed.stats).toEqual({ checks: 4, cached: 3 });
    const still = toolVerifier({ cache });
    expect((await still.verify('lab', dir)).map((p) => p.location.file)).toEqual(['prometheus/rules/b.yml']);
    expect(still.stats).toEqual({ checks: 4, cached: 3 });

    // A file_sd file prometheus.yml names is part of its check's key.
    writeFileSync(join(dir, 'prometheus/rules/b.yml'), rule('up == 1'));
    writeFileSync(
      join(dir, 'prometheus/prometheus.yml'),
      'scrape_configs:\n  - job_name: n\n    file_sd_configs:\n      - files: [n.json]\n',
    );
    writeFileSync(join(dir, 'prometheus/n.json'), '[{"targets": ["a:9100"]}]\n');
    expect(await toolVerifier({ cache }).verify('lab', dir)).toEqual([]);
    writeFileSync(join(dir, 'prometheus/n.json'), '[{"targets": ["a:9100"], "labels": {"0bad": "x"}}]\n');
    const sd = toolVerifier({ cache });
    expect((await sd.verify('lab', dir)).map((p) => p.location.file)).toEqual(['prometheus/prometheus.yml']);
  });

  it('without a cache every check runs', async () => {
    stage();
    const cache = folderCache(join(dir, '.cache'));
    await toolVerifier({ cache }).verify('lab', dir);
    const v = toolVerifier();
    expect(await v.verify('lab', dir)).toEqual([]);
    expect(v.stats).toEqual({ checks: 4, cached: 0 });
  });
});
