/** kiln test with the real promtool and amtool (never mocked; a missing tool fails these tests). */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { main } from '../main.js';

type Site = Record<string, any>;

const lab = (change: (s: Site) => void = () => {}): string => {
  const site: Site = {
    name: 'lab',
    runbookUrl: 'https://wiki.example/runbooks/{alertname}',
    vlans: { servers: { id: 60, cidr: '10.60.0.0/24', zone: 'servers' } },
    hosts: {
      nas: {
        role: 'storage',
        disposition: 'authoritative',
        interfaces: { nic1: { vlan: 'servers', address: '10.60.0.10' } },
        exporters: { node: {} },
      },
    },
    receivers: {
      mail: { emails: [{ to: 'ops@example.org', from: 'am@example.org', smarthost: 'mail.example.org:587' }] },
      pager: { webhooks: [{ url: 'https://pager.example.org/hook' }] },
    },
    routing: {
      receiver: 'mail',
      routes: [
        { matchers: ['severity="critical"'], receivers: ['pager', 'mail'] },
        { matchers: ['alertname="Watchdog"'], receivers: ['pager'] },
      ],
    },
    routingTests: [
      {
        name: 'criticals page and mail',
        labels: { alertname: 'InstanceDown', severity: 'critical', job: 'node', host: 'nas' },
        expect: ['pager', 'mail'],
      },
      { labels: { alertname: 'Other', severity: 'warning' }, expect: ['mail'] },
      {
        name: 'node down mutes the host',
        labels: { alertname: 'Other', severity: 'warning', host: 'nas' },
        expect: ['mail'],
        inhibitedBy: { alertname: 'InstanceDown', job: 'node', severity: 'critical', host: 'nas' },
      },
    ],
    prometheus: { host: 'nas' },
    alertmanager: { host: 'nas' },
  };
  change(site);
  return stringify(site);
};

let root: string;
let out: string[];
let err: string[];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kiln-test-cmd-'));
  mkdirSync(join(root, 'packages/sites/lab'), { recursive: true });
  writeFileSync(join(root, 'packages/sites/lab/site.yaml'), lab());
  out = [];
  err = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(root, { recursive: true, force: true });
});

const kiln = (...args: string[]) => main(['test', ...args, '--root', root]);
const text = () => out.join('');

describe('kiln test', { timeout: 60_000 }, () => {
  it('runs the generated promtool tests and the routing tests, and prints coverage', async () => {
    expect(await kiln()).toBe(0);
    expect(text()).toMatch(/✓ prometheus\/tests\/availability\.test\.yml \(\d+ cases\)/);
    expect(text()).toContain('✓ criticals page and mail: → pager, mail');
    expect(text()).toContain('✓ alertname=Other, severity=warning: → mail');
    expect(text()).toContain(
      '✓ node down mutes the host: → mail, inhibited by alertname=InstanceDown, job=node, severity=critical, host=nas (inhibit_rules[0])',
    );
    expect(text()).toMatch(/alert rules with a firing unit test: (\d+)\/\1 \(100%\)/);
    expect(text()).toContain('routes exercised by a routing test: 3/4 (75%)');
    expect(text()).toContain('- never reached: route.routes[2] {alertname="Watchdog"} → pager');
  });

  it('fails a routing test whose receivers differ, saying what Kiln and amtool found', async () => {
    writeFileSync(
      join(root, 'packages/sites/lab/site.yaml'),
      lab((s) => (s.routingTests[0].expect = ['mail', 'pager'])),
    );
    expect(await kiln()).toBe(1);
    expect(text()).toContain('✗ criticals page and mail: → pager, mail');
    expect(text()).toContain("expected mail, pager, Kiln's simulator routes to pager, mail");
    expect(text()).toContain('expected mail, pager, amtool routes to pager,mail');
  });

  it('fails an inhibition that the inhibit rules do not produce', async () => {
    writeFileSync(
      join(root, 'packages/sites/lab/site.yaml'),
      lab((s) => (s.routingTests[2].inhibitedBy.host = 'other')),
    );
    expect(await kiln()).toBe(1);
    expect(text()).toContain(
      'expected to be inhibited by alertname=InstanceDown, job=node, severity=critical, host=other, but no inhibit rule mutes it',
    );
  });

  it('fails below testing.minCoverage and writes JUnit XML', async () => {
    writeFileSync(
      join(root, 'packages/sites/lab/site.yaml'),
      lab((s) => (s.testing = { minCoverage: 0.8 })),
    );
    const junit = join(root, 'reports/kiln.xml');
    expect(await kiln('--junit', junit)).toBe(1);
    expect(text()).toContain('minimum (testing.minCoverage): 80% — ✗ route coverage 75% below it');
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/<testsuite name="lab routing" tests="3" failures="0"/);
    expect(xml).toContain('<failure message="route coverage 75% below testing.minCoverage 80%">');
  });

  it("runs the recording rules' promql_expr_test cases and reports recording rules without one", async () => {
    const node = 'host="nas",instance="10.60.0.10:9100",job="node"';
    const site = lab((s) => {
      s.recordingRules = {
        'node:memory_utilization:ratio': {
          expr: '1 - node_memory_MemAvailable_bytes{job="node"} / node_memory_MemTotal_bytes{job="node"}',
          tests: [
            {
              series: [
                { series: `node_memory_MemAvailable_bytes{${node}}`, values: '16e9x10' },
                { series: `node_memory_MemTotal_bytes{${node}}`, values: '64e9x10' },
              ],
              evalTime: '5m',
              expect: [{ labels: { host: 'nas', instance: '10.60.0.10:9100', job: 'node' }, value: 0.75 }],
            },
          ],
        },
        'node:load:avg1m': { expr: 'avg without (instance) (node_load1{job="node"})' },
      };
    });
    writeFileSync(join(root, 'packages/sites/lab/site.yaml'), site);
    expect(await kiln()).toBe(0);
    expect(text()).toContain('✓ prometheus/tests/recording.test.yml (1 case)');
    expect(text()).toContain('recording rules with a unit test: 1/2 (50%)');
    expect(text()).toContain('- no unit test: node:load:avg1m (prometheus/rules/recording.yml)');
    writeFileSync(join(root, 'packages/sites/lab/site.yaml'), site.replace('value: 0.75', 'value: 0.5'));
    expect(await kiln()).toBe(1);
    expect(text()).toContain('✗ prometheus/tests/recording.test.yml');
  });

  it('rejects a routing test naming an unknown receiver when the site resolves', async () => {
    writeFileSync(
      join(root, 'packages/sites/lab/site.yaml'),
      lab((s) => (s.routingTests[1].expect = ['mial'])),
    );
    expect(await kiln()).toBe(1);
    expect(err.join('')).toMatch(/routingTests\[1\]\.expect\[0\]: unknown receiver `mial`; did you mean `mail`\?/);
  });

  it('exits 2 with the install command when promtool or amtool is missing', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'kiln-nopath-'));
    symlinkSync('/bin/sh', join(bin, 'sh'));
    const path = process.env.PATH;
    process.env.PATH = bin;
    try {
      expect(await kiln()).toBe(2);
    } finally {
      process.env.PATH = path;
      rmSync(bin, { recursive: true, force: true });
    }
    expect(err.join('')).toContain(
      'promtool and amtool are not installed; kiln test runs the real tools. Install them with `sudo apt-get install -y prometheus prometheus-alertmanager`',
    );
  });

  it('rejects an unknown site with exit 2', async () => {
    expect(await kiln('--site', 'nope')).toBe(2);
    expect(err.join('')).toContain('no site `nope` under packages/sites');
  });
});
