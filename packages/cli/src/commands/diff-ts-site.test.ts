/**
 * kiln diff on a TypeScript site package: the base revision's site is loaded from its sources (not
 * only its committed output), so a policy change that changes no generated file still shows, and
 * the site's own dashboards are part of both builds (never reported as removed).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../main.js';
import { compileSite } from './base-sites.js';

const REPO = fileURLToPath(new URL('../../../..', import.meta.url));
let root: string;
const dir = () => join(root, 'packages/sites/tslab');

function source(o: { sshVlan: 'mgmt' | 'servers'; dashboard?: boolean }): string {
  return `import { defineSite } from '@kiln/model';
${o.dashboard ? "import { composeDashboard, presets } from '@kiln/grafana';\n" : ''}
export const site = defineSite({
  name: 'tslab',
  runbookUrl: 'https://wiki.example/runbooks/{alertname}',
  vlans: { servers: { id: 60, cidr: '10.60.0.0/24', zone: 'servers' }, mgmt: { id: 99, cidr: '10.99.0.0/24', zone: 'management' } },
  hosts: {
    nas: {
      role: 'storage',
      disposition: 'authoritative',
      interfaces: { nic1: { vlan: 'servers', address: '10.60.0.10' }, nic2: { vlan: 'mgmt', address: '10.99.0.10' } },
      exporters: { node: {} },
    },
  },
  services: { sshd: { host: 'nas', endpoints: { ssh: { port: 22, kind: 'admin', bind: '${o.sshVlan === 'mgmt' ? 'nic2' : 'nic1'}' } } } },
  receivers: { mail: { emails: [{ to: 'ops@example.org', from: 'am@example.org', smarthost: 'mail.example.org:587' }] } },
  routing: { receiver: 'mail' },
  prometheus: { host: 'nas' },
  alertmanager: { host: 'nas' },
});
${
  o.dashboard
    ? `export const dashboards = [
  (s: Parameters<typeof composeDashboard>[0]) =>
    composeDashboard(s, { id: 'backups', title: 'tslab: Backups', sections: [{ panels: [presets.textPanel({ title: 'About backups', markdown: 'Nightly.' })] }] }),
];
`
    : ''
}`;
}

function git(...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=Kiln Test', '-c', 'user.email=kiln@example.org', '-c', 'commit.gpgsign=false', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

async function kiln(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const w = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  try {
    return { code: await main([...args, '--root', root]), out: out.join(''), err: err.join('') };
  } finally {
    w.mockRestore();
    e.mockRestore();
  }
}

/** Writes the site's source, compiles it like `npm run build` would, and rebuilds generated/. */
async function writeSite(o: Parameters<typeof source>[0]): Promise<void> {
  writeFileSync(join(dir(), 'src/index.ts'), source(o));
  await compileSite(dir());
  const r = await kiln('build', '--quiet');
  expect(r.code, r.err).toBe(0);
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'kiln-diff-ts-'));
  // The workspace's packages, as `npm install` links them.
  symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'));
  mkdirSync(join(dir(), 'src'), { recursive: true });
  writeFileSync(join(root, '.gitignore'), 'node_modules\ndist\n');
  writeFileSync(
    join(dir(), 'package.json'),
    JSON.stringify({ name: '@kiln/site-tslab', type: 'module', exports: { '.': { default: './dist/index.js' } } }),
  );
  git('init', '-q', '-b', 'main');
  await writeSite({ sshVlan: 'mgmt' });
  git('add', '-A');
  git('commit', '-q', '-m', 'tslab: ssh on MGMT');
  await writeSite({ sshVlan: 'servers' });
  git('add', '-A');
  git('commit', '-q', '-m', 'tslab: ssh on SERVERS');
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('kiln diff on a TypeScript site', { timeout: 120_000 }, () => {
  it('a policy change that changes no generated file is reported as the lint error it introduces', async () => {
    expect(git('diff', '--stat', 'HEAD~1', 'HEAD', '--', 'generated')).toBe('');
    const r = await kiln('diff', '--base', 'HEAD~1', '--head', 'HEAD');
    expect(r.out).not.toContain('No changes to the generated configuration');
    expect(r.out).toMatch(/introduces error `net\/admin-on-management-only`: [^\n]*sshd/);
    expect(r.out).not.toContain('model rules were not compared');
  });

  it('the site’s own dashboards are built on both sides: adding one is a new dashboard, nothing removed', async () => {
    await writeSite({ sshVlan: 'servers', dashboard: true });
    try {
      const r = await kiln('diff', '--format', 'json');
      expect(r.code, r.err).toBe(0);
      const changes = JSON.parse(r.out).sites.flatMap((s: { changes: { subject: string; kind: string; summary: string }[] }) => s.changes);
      const dashboards = changes.filter((c: { subject: string }) => /dashboard|panel/.test(c.subject));
      expect(dashboards.filter((c: { kind: string }) => c.kind === 'removed')).toEqual([]);
      expect(dashboards.some((c: { kind: string; summary: string }) => c.kind === 'added' && c.summary.includes('tslab: Backups'))).toBe(
        true,
      );
      // Committed again, the head's build and the base's agree: nothing left to report.
      git('add', '-A');
      git('commit', '-q', '-m', 'tslab: backups dashboard');
      expect((await kiln('diff')).out).toContain('No changes to the generated configuration');
    } finally {
      git('reset', '-q', '--hard', 'HEAD');
    }
  });
});
