import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from './main.js';

let root: string;
let out: string[];
let err: string[];

const site = `name: lab
runbookUrl: https://wiki.example/runbooks/{alertname}
vlans:
  servers: { id: 60, cidr: 10.60.0.0/24, zone: servers }
  mgmt: { id: 99, cidr: 10.99.0.0/24, zone: management }
hosts:
  nas:
    role: storage
    disposition: authoritative
    interfaces:
      nic1: { vlan: servers, address: 10.60.0.10 }
      nic2: { vlan: mgmt, address: 10.99.0.10 }
    exporters: { node: {} }
services:
  sshd:
    host: nas
    endpoints:
      ssh: { port: 22, kind: admin, bind: nic1 }
receivers:
  mail: { emails: [{ to: ops@example.org, from: am@example.org, smarthost: "mail.example.org:25" }] }
routing: { receiver: mail }
prometheus: { host: nas }
alertmanager: { host: nas }
`;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kiln-lint-'));
  mkdirSync(join(root, 'packages/sites/lab'), { recursive: true });
  writeFileSync(join(root, 'packages/sites/lab/site.yaml'), site);
  out = [];
  err = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(root, { recursive: true, force: true });
});

describe('kiln lint', () => {
  it('lints a site and points at the line of its YAML source that declares the entity', async () => {
    expect(await main(['lint', '--root', root, '--format', 'json'])).toBe(1);
    const found = JSON.parse(out.join('')) as { ruleId: string; location: { file: string; line: number } }[];
    const admin = found.find((d) => d.ruleId === 'net/admin-on-management-only')!;
    expect(admin.location.file).toBe('packages/sites/lab/site.yaml');
    expect(site.split('\n')[admin.location.line - 1]).toMatch(/ssh:/);
  });

  it('turns a rule off from the command line and rejects unknown rule ids with exit 2', async () => {
    expect(await main(['lint', '--root', root, '--rule', 'net/admin-on-management-only=off'])).toBe(0);
    expect(out.join('')).toContain('no problems');
    expect(await main(['lint', '--root', root, '--rule', 'net/admin-only=off'])).toBe(2);
    expect(err.join('')).toContain('unknown lint rule `net/admin-only`');
  });

  it('a file that cannot be read fails the run with its error, and no "no problems" beside it', async () => {
    const bin = join(root, 'rules.yml');
    writeFileSync(bin, Buffer.from([0x67, 0x3a, 0x20, 0x00, 0x01, 0x0a]));
    expect(await main(['lint', '--root', root, bin])).toBe(1);
    expect(err.join('')).toContain('rules.yml:1:4: control character U+0000 is not allowed in YAML');
    expect(out.join('')).not.toContain('no problems');
  });

  it("lints files Kiln did not write: seed 001's 0.0.0.0 bind and seed 003's insecure_skip_verify", async () => {
    const vars = join(root, 'prometheus-vars.yml');
    writeFileSync(vars, 'prometheus_web_listen_address: "0.0.0.0:9090"\nprometheus_storage_retention: "15d"\n');
    const prom = join(root, 'prometheus.yml');
    writeFileSync(
      prom,
      'scrape_configs:\n  - job_name: kubernetes-nodes\n    scheme: https\n    tls_config:\n      insecure_skip_verify: true\n',
    );
    expect(await main(['lint', '--root', root, '--format', 'github', vars, prom])).toBe(1);
    const text = out.join('');
    expect(text).toContain('::error file=prometheus-vars.yml,line=1,col=1,title=net/no-wildcard-bind');
    expect(text).toContain('::error file=prometheus.yml,line=5,col=7,title=tls/no-insecure-skip-verify');
  });

  it('checks routing across a rule file and an alertmanager.yml it did not write', async () => {
    writeFileSync(
      join(root, 'rules.yml'),
      'groups:\n  - name: g\n    rules:\n      - alert: Down\n        expr: up == 0\n        for: 5m\n        labels: {severity: critical}\n        annotations: {summary: down, description: a target is down}\n',
    );
    writeFileSync(join(root, 'am.yml'), 'route:\n  receiver: nowhere\nreceivers:\n  - name: nowhere\n');
    expect(await main(['lint', '--root', root, '--format', 'json', join(root, 'rules.yml'), join(root, 'am.yml')])).toBe(1);
    const found = JSON.parse(out.join('')) as { ruleId: string; location: { file: string; line: number } }[];
    expect(found.map((d) => [d.ruleId, d.location.file, d.location.line])).toEqual([['routing/every-alert-routed', 'rules.yml', 4]]);
  });

  it('passes rule options from the command line', async () => {
    const rules = join(root, 'r.yml');
    writeFileSync(rules, 'groups:\n  - name: g\n    rules:\n      - record: job:foo:rate5m\n        expr: rate(foo_total[5m])\n');
    expect(await main(['lint', '--root', root, '--format', 'json', rules])).toBe(0);
    expect(JSON.parse(out.join(''))).toEqual([]);
    out.length = 0;
    expect(
      await main([
        'lint',
        '--root',
        root,
        '--format',
        'json',
        '--rule',
        'promql/series=error',
        '--rule-option',
        'promql/series={"catalog":["node"]}',
        rules,
      ]),
    ).toBe(1);
    const found = JSON.parse(out.join('')) as { ruleId: string; severity: string; location: { line: number } }[];
    expect(found.map((d) => [d.ruleId, d.severity, d.location.line])).toEqual([['promql/series', 'error', 5]]);
    expect(await main(['lint', '--root', root, '--rule-option', 'promql/series=node', rules])).toBe(2);
  });

  it('--check-generated reports generated files that differ from a fresh build, in the same run', async () => {
    expect(await main(['build', '--root', root, '--quiet'])).toBe(0);
    out.length = 0;
    expect(await main(['lint', '--root', root, '--check-generated', '--rule', 'net/admin-on-management-only=off'])).toBe(0);
    const config = join(root, 'generated/lab/prometheus/prometheus.yml');
    writeFileSync(config, readFileSync(config, 'utf8') + '# hand edit\n');
    out.length = 0;
    expect(
      await main(['lint', '--root', root, '--check-generated', '--format', 'json', '--rule', 'net/admin-on-management-only=off']),
    ).toBe(1);
    const found = JSON.parse(out.join('')) as { ruleId: string; location: { file: string } }[];
    expect(found.map((d) => [d.ruleId, d.location.file])).toEqual([['build/stale', 'generated/lab/prometheus/prometheus.yml']]);
  });

  it('a site file given as FILE (any name) or with --file is linted as a site, not as a loose config', async () => {
    const file = join(root, 'hearth.yaml');
    writeFileSync(file, site);
    for (const args of [[file], ['--file', file]]) {
      out.length = 0;
      expect(await main(['lint', '--root', root, '--format', 'json', ...args])).toBe(1);
      const found = JSON.parse(out.join('')) as { ruleId: string; location: { file: string; line: number } }[];
      const admin = found.find((d) => d.ruleId === 'net/admin-on-management-only')!;
      expect(admin.location.file).toBe('hearth.yaml');
      expect(site.split('\n')[admin.location.line - 1]).toMatch(/ssh:/);
    }
  });

  it('# kiln-disable-next-line in a site.yaml suppresses the finding below it; one without a reason is an error', async () => {
    const path = join(root, 'packages/sites/lab/site.yaml');
    writeFileSync(
      path,
      site.replace('      ssh:', '      # kiln-disable-next-line net/admin-on-management-only -- the NAS has no MGMT port yet\n      ssh:'),
    );
    expect(await main(['lint', '--root', root, '--format', 'json'])).toBe(0);
    expect(JSON.parse(out.join(''))).toEqual([]);
    out.length = 0;
    writeFileSync(path, site.replace('      ssh:', '      # kiln-disable-next-line net/admin-on-management-only\n      ssh:'));
    expect(await main(['lint', '--root', root, '--format', 'json'])).toBe(1);
    const found = JSON.parse(out.join('')) as { ruleId: string; location: { file: string; line: number } }[];
    expect(found.map((d) => d.ruleId).sort()).toEqual(['lint/suppression', 'net/admin-on-management-only']);
  });

  it("findings on the site's own alerts point at the alert in the site source, not at the generated rule file", async () => {
    const withAlert = site.replace(
      'receivers:',
      'alerts:\n  NasLoad:\n    expr: node_load1 > 4\n    severity: warning\n    summary: "Load on {{ $labels.host }"\n    description: high\nreceivers:',
    );
    writeFileSync(join(root, 'packages/sites/lab/site.yaml'), withAlert);
    await main(['lint', '--root', root, '--format', 'json', '--rule', 'net/admin-on-management-only=off']);
    const found = JSON.parse(out.join('')) as { ruleId: string; entity: { name: string }; location: { file: string; line: number } }[];
    const onAlert = found.filter((d) => d.entity.name === 'NasLoad');
    expect(onAlert.length).toBeGreaterThan(0);
    for (const d of onAlert) {
      expect(d.location.file).toBe('packages/sites/lab/site.yaml');
      expect(withAlert.split('\n')[d.location.line - 1]).toMatch(/NasLoad:/);
    }
  });
});
