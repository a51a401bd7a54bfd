/**
 * kiln diff on two real revisions: a YAML site in a temporary git repository is built and
 * committed, changed (threshold, receivers, a target removed, a disk that adds a dashboard panel),
 * built and committed again; the report must say so in its own words.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DiffReport } from '@kiln/diff';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { main } from '../main.js';

function site(version: 1 | 2): string {
  const v2 = version === 2;
  return stringify({
    name: 'lab',
    runbookUrl: 'https://wiki.example/runbooks/{alertname}',
    vlans: { servers: { id: 60, cidr: '10.60.0.0/24', zone: 'servers' }, mgmt: { id: 99, cidr: '10.99.0.0/24', zone: 'management' } },
    hosts: {
      compute: {
        role: 'compute',
        disposition: 'disposable',
        interfaces: { nic1: { vlan: 'servers', address: '10.60.0.20' } },
        ...(v2 && { disks: { scratch: { role: 'scratch', mountPoint: '/mnt/scratch' } } }),
        exporters: { node: {} },
      },
      nas: {
        role: 'storage',
        disposition: 'authoritative',
        interfaces: { nic1: { vlan: 'servers', address: '10.60.0.10' } },
        exporters: { node: {} },
      },
    },
    scrapeJobs: { blackbox: { targets: v2 ? ['10.60.0.30:9115'] : ['10.60.0.30:9115', '10.60.0.31:9115'] } },
    alerts: {
      HighLoad: {
        expr: v2 ? 'node_load1 > 8' : 'node_load1 > 4',
        for: v2 ? '10m' : '5m',
        severity: 'warning',
        summary: 'Load is high on {{ $labels.host }}',
        description: 'The 1-minute load average is above the limit.',
      },
    },
    receivers: {
      mail: { emails: [{ to: 'ops@example.org', from: 'am@example.org', smarthost: 'mail.example.org:587' }] },
      // v2 adds the pager (an unrouted receiver is a site error).
      ...(v2 && { pager: { webhooks: [{ url: 'https://pager.example.org/hook' }] } }),
    },
    routing: { receiver: 'mail', routes: [{ matchers: ['severity="critical"'], receivers: v2 ? ['pager', 'mail'] : ['mail'] }] },
    prometheus: { host: 'compute' },
    alertmanager: { host: 'compute' },
  });
}

let root: string;
let stdout: string[];

function git(...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=Kiln Test', '-c', 'user.email=kiln@example.org', '-c', 'commit.gpgsign=false', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

async function kiln(...args: string[]): Promise<{ code: number; out: string }> {
  stdout = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (stdout.push(String(s)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await main([...args, '--root', root]);
    return { code, out: stdout.join('') };
  } finally {
    write.mockRestore();
    err.mockRestore();
  }
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'kiln-diff-'));
  mkdirSync(join(root, 'packages/sites/lab'), { recursive: true });
  git('init', '-q', '-b', 'main');
  writeFileSync(join(root, 'packages/sites/lab/site.yaml'), site(1));
  expect((await kiln('build', '--quiet')).code).toBe(0);
  git('add', '-A');
  git('commit', '-q', '-m', 'lab v1');
  writeFileSync(join(root, 'packages/sites/lab/site.yaml'), site(2));
  expect((await kiln('build', '--quiet')).code).toBe(0);
  git('add', '-A');
  git('commit', '-q', '-m', 'lab v2');
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('kiln diff between two commits', { timeout: 60_000 }, () => {
  let md: string;
  beforeAll(async () => {
    const r = await kiln('diff', '--base', 'HEAD~1', '--head', 'HEAD');
    expect(r.code).toBe(0);
    md = r.out;
  }, 60_000);

  it('starts with the hidden marker the workflow finds its comment by, and names both revisions', () => {
    expect(md.split('\n')[0]).toBe('<!-- kiln-diff -->');
    expect(md).toMatch(/Compared `HEAD~1 @ [0-9a-f]{7}` with `HEAD @ [0-9a-f]{7}`/);
  });

  it('shows the threshold and `for` of a changed alert old → new', () => {
    expect(md).toContain('- 🟠 alert `HighLoad` (severity=warning): threshold `> 4` → `> 8`; for `5m` → `10m`');
  });

  it('says where an alert goes now and where it went before', () => {
    expect(md).toContain('- 🟠 `InstanceDown` (severity=critical, job=node) now goes to pager + mail instead of mail');
    expect(md).toContain('- ⚪ new `route {severity="critical"}` to `pager`\n  - `continue`: (none) → `true`');
  });

  it('puts the removed target first, under "Needs attention"', () => {
    const attention = md.slice(md.indexOf('Needs attention'), md.indexOf('### `lab`'));
    expect(attention).toContain('- removed target `10.60.0.31:9115` of job `blackbox`: no longer scraped, its alerts cannot fire');
    expect(md.indexOf('Needs attention')).toBeLessThan(md.indexOf('<details'));
  });

  it('reports the dashboard panel the new disk adds', () => {
    expect(md).toContain('- ⚪ new panel `Disks in the inventory` (text) on `lab: Node detail`');
  });

  it('counts the changes in the summary table', () => {
    expect(md).toMatch(/\| alert rules \| 1 \| {2}\| 1 \|/);
    expect(md).toMatch(/\| scrape targets \| {2}\| 1 \| {2}\|/);
  });
});

describe('kiln diff against the working tree', { timeout: 60_000 }, () => {
  it('builds the working tree fresh: an uncommitted edit shows, without rebuilding generated/', async () => {
    writeFileSync(join(root, 'packages/sites/lab/site.yaml'), site(2).replace('node_load1 > 8', 'node_load1 > 16'));
    try {
      const r = await kiln('diff');
      expect(r.code).toBe(0);
      expect(r.out).toContain('Compared `HEAD @');
      expect(r.out).toContain('with `working tree`');
      expect(r.out).toContain('threshold `> 8` → `> 16`');
    } finally {
      git('checkout', '--', '.');
    }
  });

  it('a site that does not build is reported as such (exit 1), not as removed', async () => {
    writeFileSync(join(root, 'packages/sites/lab/site.yaml'), site(2).replace('receiver: mail\n', 'receiver: mial\n'));
    try {
      const r = await kiln('diff');
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/- site `lab` does not build, so its changes are not shown: site `lab` has 1 error/);
      expect(r.out).not.toContain('removed site');
    } finally {
      git('checkout', '--', '.');
    }
  });

  it('says so when nothing changed', async () => {
    const r = await kiln('diff', '--base', 'HEAD');
    expect(r.out).toContain('No changes to the generated configuration of 1 site.');
  });

  it('writes the report as JSON with --format json', async () => {
    const r = await kiln('diff', '--base', 'HEAD~1', '--format', 'json');
    const report = JSON.parse(r.out) as DiffReport;
    const lab = report.sites.find((s) => s.site === 'lab')!;
    expect(lab.status).toBe('changed');
    expect(lab.changes.filter((c) => c.subject === 'target' && c.kind === 'removed')).toHaveLength(1);
    expect(lab.changes.every((c) => ['high', 'medium', 'low'].includes(c.risk))).toBe(true);
  });

  it('rejects an unknown revision with exit 2 and the fix', async () => {
    const err: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
    try {
      expect(await main(['diff', '--base', 'origin/nope', '--root', root])).toBe(2);
      expect(err.join('')).toContain('unknown revision `origin/nope`');
    } finally {
      vi.restoreAllMocks();
    }
  });
});
