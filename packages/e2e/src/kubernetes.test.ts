/**
 * HolmOS (seed 003): the Kubernetes manifests' configuration, judged by the real programs. Debian's
 * promtool and prometheus are built without Kubernetes service discovery, so the configuration is
 * checked twice: promtool (and the real prometheus binary, with the Deployment's flags) on a copy
 * whose `kubernetes_sd_configs` are `static_configs`, and `vmagent -dryRun` with strict parsing on
 * the scrape section as written. The service-account CA and token point at throw-away files.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildResolved } from '@kiln/cli';
import { resolve } from '@kiln/model';
import { SERVICE_ACCOUNT_DIR, withStaticDiscovery } from '@kiln/prometheus';
import { victoriaMetricsVariant } from '@kiln/site-holmos';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { freePort, waitFor } from './stack.js';
import { GENERATED, requireTool, run } from './tools.js';

const SITE = join(GENERATED, 'holmos');
const K8S = join(SITE, 'kubernetes');
const manifest = (name: string) => parse(readFileSync(join(K8S, name), 'utf8')) as Record<string, any>;
const configMap = (name: string) => manifest(`04-${name}-configmap.yaml`)['data'] as Record<string, string>;

let dir: string;
let sa: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiln-k8s-'));
  sa = join(dir, 'serviceaccount');
  mkdirSync(sa);
  // vmagent and prometheus read the CA when they load the configuration: it must be a real certificate.
  const r = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      join(sa, 'key.pem'),
      '-out',
      join(sa, 'ca.crt'),
      '-days',
      '1',
      '-subj',
      '/CN=kiln-test',
    ],
    { encoding: 'utf8' },
  );
  expect(r.status, r.stderr).toBe(0);
  writeFileSync(join(sa, 'token'), 'throw-away-token\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The Prometheus config folder as the pod sees it: the Deployment's projected `config` volume laid
 * out from the ConfigMaps it names (keys, or `items` paths), then discovery made static.
 */
function promtoolCopy(): string {
  const etc = mkdtempSync(join(dir, 'etc-prometheus-'));
  const spec = manifest('06-prometheus-deployment.yaml')['spec'].template.spec;
  const volume = spec.volumes.find((v: any) => v.name === 'config');
  expect(spec.containers[0].volumeMounts).toContainEqual({ name: 'config', mountPath: '/etc/prometheus', readOnly: true });
  for (const source of volume.projected.sources as { configMap: { name: string; items?: { key: string; path: string }[] } }[]) {
    const data = configMap(source.configMap.name);
    const items = source.configMap.items ?? Object.keys(data).map((key) => ({ key, path: key }));
    for (const { key, path } of items) {
      mkdirSync(join(etc, path, '..'), { recursive: true });
      writeFileSync(join(etc, path), data[key]!);
    }
  }
  const config = parse(readFileSync(join(etc, 'prometheus.yml'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(etc, 'prometheus.yml'), stringify(withStaticDiscovery(config, sa)));
  return etc;
}

describe('the ConfigMaps carry the generated files byte for byte', () => {
  it('prometheus.yml, every rule file and alertmanager.yml', () => {
    expect(configMap('prometheus-config')['prometheus.yml']).toBe(readFileSync(join(SITE, 'prometheus/prometheus.yml'), 'utf8'));
    const rules = configMap('prometheus-rules');
    expect(Object.keys(rules).sort()).toEqual(readdirSync(join(SITE, 'prometheus/rules')).sort());
    for (const [name, text] of Object.entries(rules)) expect(text).toBe(readFileSync(join(SITE, 'prometheus/rules', name), 'utf8'));
    expect(configMap('alertmanager-config')['alertmanager.yml']).toBe(readFileSync(join(SITE, 'alertmanager/alertmanager.yml'), 'utf8'));
  });
});

describe('promtool', () => {
  it('check config accepts the static-discovery copy, relabelling and rule files included', () => {
    const etc = promtoolCopy();
    const r = run('promtool', ['check', 'config', 'prometheus.yml'], etc);
    expect(r.status, r.output).toBe(0);
    expect(r.output).toContain('SUCCESS: 3 rule files found');
  });

  it('check config rejects a broken relabel rule in that copy (the check can fail)', () => {
    const etc = promtoolCopy();
    const text = readFileSync(join(etc, 'prometheus.yml'), 'utf8');
    writeFileSync(join(etc, 'prometheus.yml'), text.replace('action: keep', 'action: keeep'));
    const r = run('promtool', ['check', 'config', 'prometheus.yml'], etc);
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/unknown relabel action "keeep"/);
  });

  it('check rules and test rules accept the rules the ConfigMap carries', () => {
    const etc = promtoolCopy();
    const rules = readdirSync(join(etc, 'rules')).map((f) => join(etc, 'rules', f));
    expect(run('promtool', ['check', 'rules', ...rules]).status).toBe(0);
    const tests = readdirSync(join(SITE, 'prometheus/tests')).map((f) => join(SITE, 'prometheus/tests', f));
    const r = run('promtool', ['test', 'rules', ...tests], join(SITE, 'prometheus'));
    expect(r.status, r.output).toBe(0);
    expect(r.output.match(/SUCCESS/g)).toHaveLength(tests.length);
  });
});

describe('vmagent -dryRun -promscrape.config.strictParse', () => {
  const scrapeSection = (config: Record<string, any>) => ({
    // Strict parsing rejects Prometheus-only keys (rule_files, alerting, evaluation_interval).
    global: {
      scrape_interval: config['global'].scrape_interval,
      scrape_timeout: config['global'].scrape_timeout,
      external_labels: config['global'].external_labels,
    },
    scrape_configs: config['scrape_configs'],
  });
  const dryRun = (text: string) => {
    const file = join(dir, 'scrape.yml');
    writeFileSync(file, text.replaceAll(SERVICE_ACCOUNT_DIR, sa));
    requireTool('vmagent');
    const r = spawnSync('vmagent', ['-dryRun', `-promscrape.config=${file}`, '-promscrape.config.strictParse'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { status: r.status, output: `${r.stdout}${r.stderr}` };
  };

  it('accepts the kubernetes_sd scrape jobs as written', () => {
    const config = parse(configMap('prometheus-config')['prometheus.yml']!) as Record<string, any>;
    expect(config['scrape_configs'].filter((j: Record<string, unknown>) => 'kubernetes_sd_configs' in j)).toHaveLength(7);
    const r = dryRun(stringify(scrapeSection(config)));
    expect(r.status, r.output).toBe(0);
    expect(r.output).toContain('all the configs are ok');
  });

  it('rejects a misspelt discovery field (the check can fail)', () => {
    const config = parse(configMap('prometheus-config')['prometheus.yml']!) as Record<string, any>;
    const r = dryRun(stringify(scrapeSection(config)).replace('role: node', 'rle: node'));
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/field rle not found/);
  });
});

describe('amtool', () => {
  it('check-config accepts the alertmanager.yml of the ConfigMap', () => {
    const file = join(dir, 'alertmanager.yml');
    writeFileSync(file, configMap('alertmanager-config')['alertmanager.yml']!);
    const r = run('amtool', ['check-config', file]);
    expect(r.status, r.output).toBe(0);
    expect(r.output).toContain('SUCCESS');
  });
});

describe('the real prometheus binary', () => {
  it("starts with the Deployment's flags on the static-discovery copy and reports them", async () => {
    const etc = promtoolCopy();
    const data = join(dir, 'tsdb');
    const port = await freePort();
    const container = manifest('06-prometheus-deployment.yaml')['spec'].template.spec.containers[0];
    const args = (container.args as string[]).map((a) =>
      a
        .replace(/^--config\.file=\/etc\/prometheus\//, `--config.file=${etc}/`)
        .replace(/^--storage\.tsdb\.path=.*$/, `--storage.tsdb.path=${data}`)
        .replace(/^--web\.listen-address=.*$/, `--web.listen-address=127.0.0.1:${port}`),
    );
    expect(args).toEqual(
      expect.arrayContaining([
        '--web.enable-lifecycle',
        '--query.max-concurrency=2',
        '--query.timeout=2m',
        '--storage.tsdb.retention.time=7d',
        '--storage.tsdb.retention.size=15GB',
      ]),
    );
    const proc = spawn(requireTool('prometheus'), args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    proc.stderr.on('data', (d) => (log += String(d)));
    try {
      await waitFor(
        () => `prometheus ready on :${port}\n${log.slice(-2000)}`,
        async () => {
          const r = await fetch(`http://127.0.0.1:${port}/-/ready`).catch(() => undefined);
          return r?.ok ? true : undefined;
        },
        60_000,
      );
      const flags = (await (await fetch(`http://127.0.0.1:${port}/api/v1/status/flags`)).json()) as { data: Record<string, string> };
      expect(flags.data).toMatchObject({
        'query.max-concurrency': '2',
        'query.timeout': '2m',
        'web.enable-lifecycle': 'true', // Prometheus prints durations in its largest unit and sizes in binary units (its GB is 2^30 bytes).
        'storage.tsdb.retention.time': '1w',
        'storage.tsdb.retention.size': '15GiB',
      });
      const rules = (await (await fetch(`http://127.0.0.1:${port}/api/v1/rules`)).json()) as { data: { groups: { rules: unknown[] }[] } };
      expect(rules.data.groups.flatMap((g) => g.rules)).toHaveLength(8);
    } finally {
      proc.kill('SIGTERM');
    }
  });
});

describe('the VictoriaMetrics option (victoria-metrics 1.79 and vmalert from Debian)', () => {
  const files = () => buildResolved(resolve(victoriaMetricsVariant)).files;
  const vmManifest = (name: string) => parse(files().get(`kubernetes/${name}`)!) as Record<string, any>;

  it('vmalert loads the rule files the vmalert-rules ConfigMap carries', () => {
    const rules = join(dir, 'vmalert-rules');
    mkdirSync(rules, { recursive: true });
    const data = vmManifest('04-vmalert-rules-configmap.yaml')['data'] as Record<string, string>;
    for (const [name, text] of Object.entries(data)) writeFileSync(join(rules, name), text);
    requireTool('vmalert');
    const r = spawnSync('vmalert', ['-dryRun', `-rule=${rules}/*.yml`], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
    expect(Object.keys(data)).toHaveLength(3);
  });

  it('vmalert rejects a broken rule (the check can fail)', () => {
    const bad = join(dir, 'bad-rules.yml');
    writeFileSync(bad, 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: rate(up[5m]\n');
    const r = spawnSync('vmalert', ['-dryRun', `-rule=${bad}`], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).not.toBe(0);
  });

  it('victoria-metrics -dryRun accepts the scrape.yml of its ConfigMap with strict parsing', () => {
    const file = join(dir, 'vm-scrape.yml');
    const scrape = (vmManifest('04-victoria-metrics-config-configmap.yaml')['data'] as Record<string, string>)['scrape.yml']!;
    writeFileSync(file, scrape.replaceAll(SERVICE_ACCOUNT_DIR, sa));
    requireTool('victoria-metrics');
    const r = spawnSync('victoria-metrics', ['-dryRun', `-promscrape.config=${file}`, '-promscrape.config.strictParse'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
  });
});
