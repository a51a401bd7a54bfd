/**
 * The Compose files judged by the program that reads them: `docker-compose config` (Debian package
 * `docker-compose` 1.29, offline, no daemon). A missing binary fails these tests; it never skips them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import type { SiteInput } from '@kiln/model';
import { buildAll, composeSite, serialized } from './test-fixtures/site.js';

const REPO = join(import.meta.dirname, '../../..');

function dockerCompose(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  const found = spawnSync('/bin/sh', ['-c', 'command -v docker-compose'], { encoding: 'utf8', env });
  if (found.status !== 0)
    throw new Error(
      'docker-compose is not installed; run `apt-get install -y docker-compose` (Debian, docker-compose 1.29: validates offline, no daemon needed)',
    );
  const r = spawnSync(found.stdout.trim(), args, { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, output: `${r.stdout}${r.stderr}` };
}

/** Published ports of a normalized config that are not bound to one host address: bare, or a wildcard. */
function unboundPublishes(normalized: string): string[] {
  const config = parse(normalized) as { services: Record<string, { ports?: (string | { host_ip?: string; published?: number })[] }> };
  const out: string[] = [];
  for (const [name, svc] of Object.entries(config.services)) {
    for (const p of svc.ports ?? []) {
      const hostIp = typeof p === 'string' ? /^(\d{1,3}(?:\.\d{1,3}){3}|\[[^\]]*\]):\d+:/.exec(p)?.[1] : p.host_ip;
      if (hostIp === undefined || hostIp === '0.0.0.0' || hostIp === '[::]' || hostIp === '::') out.push(`${name}: ${JSON.stringify(p)}`);
    }
  }
  return out;
}

/** The normalized config makes bind sources absolute: each below the site's output must be a file or folder Kiln wrote. */
function expectMountsExist(normalized: string, root: string): void {
  const config = parse(normalized) as { services: Record<string, { volumes?: string[] }> };
  const sources = Object.values(config.services)
    .flatMap((svc) => svc.volumes ?? [])
    .map((v) => v.split(':')[0]!)
    .filter((src) => src.startsWith(root));
  expect(sources.length).toBeGreaterThan(0);
  for (const src of sources) expect(existsSync(src), src).toBe(true);
}

const tmp = mkdtempSync(join(tmpdir(), 'kiln-compose-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A site whose secret files live in the temp folder, holding sentinel values; its whole output written below `root`. */
function writeSite(name: string, change: (site: SiteInput) => void = () => {}) {
  const root = join(tmp, name);
  const secrets = join(root, 'secrets');
  mkdirSync(secrets, { recursive: true });
  const values = {
    'smtp-password': 'SENTINEL-smtp-4711',
    'ntfy-token': 'SENTINEL-ntfy-4712',
    'grafana-admin-password': 'SENTINEL-grafana-4713',
  };
  for (const [file, value] of Object.entries(values)) writeFileSync(join(secrets, file), value);
  const site = composeSite(secrets);
  change(site);
  const { upstream, compose } = buildAll(site);
  const files = serialized([...upstream, ...compose]);
  for (const [path, text] of files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return { dir: join(root, 'compose'), files, values: Object.values(values) };
}

describe('docker-compose config', () => {
  it('fails, never skips, without docker-compose, and says how to install it', () => {
    expect(() => dockerCompose(['version'], tmp, { PATH: '/nonexistent' })).toThrow('apt-get install -y docker-compose');
  });

  it('accepts a generated project (-q), and its normalized form keeps every host address', () => {
    const { dir } = writeSite('valid');
    const q = dockerCompose(['-f', 'compose.yaml', 'config', '-q'], dir);
    expect(q.status, q.output).toBe(0);
    const full = dockerCompose(['-f', 'compose.yaml', 'config'], dir);
    expect(full.status, full.output).toBe(0);
    expect(unboundPublishes(full.stdout)).toEqual([]);
    expectMountsExist(full.stdout, dirname(dir));
    const normalized = parse(full.stdout) as { services: Record<string, { ports?: string[] }> };
    expect(normalized.services['grafana']?.ports).toEqual(['10.60.0.20:3000:3000/tcp']);
    expect(normalized.services['prometheus']?.ports).toEqual(['10.60.0.20:9090:9090/tcp']);
  });

  it('would catch a bare `3000:3000` publish, and a wildcard one', () => {
    const { dir } = writeSite('bare');
    const text = readFileSync(join(dir, 'compose.yaml'), 'utf8');
    expect(text).toContain('- 10.60.0.20:3000:3000\n');
    for (const [broken, caught] of [
      ['- 3000:3000\n', 'grafana: {"published":3000,"target":3000}'],
      ['- 0.0.0.0:3000:3000\n', 'grafana: "0.0.0.0:3000:3000/tcp"'],
    ]) {
      writeFileSync(join(dir, 'compose.yaml'), text.replace('- 10.60.0.20:3000:3000\n', broken!));
      const r = dockerCompose(['-f', 'compose.yaml', 'config'], dir);
      expect(r.status, r.output).toBe(0);
      expect(unboundPublishes(r.stdout)).toEqual([caught]);
    }
  });

  it('resolves every secret to its file and no secret value appears in the files or the normalized config', () => {
    const { dir, files, values } = writeSite('secrets');
    const r = dockerCompose(['-f', 'compose.yaml', 'config'], dir);
    expect(r.status, r.output).toBe(0);
    const secrets = (parse(r.stdout) as { secrets: Record<string, { file: string }> }).secrets;
    for (const { file } of Object.values(secrets)) expect(existsSync(file), file).toBe(true);
    expect(Object.keys(secrets)).toHaveLength(3);
    for (const value of values) {
      expect(r.stdout).not.toContain(value);
      for (const [path, text] of files) expect(text.includes(value), path).toBe(false);
    }
  });

  it('accepts one project per Docker host, each mounting the generated files from two levels up', () => {
    const { dir } = writeSite('hosts', (site) => (site.services!['grafana']!.host = 'storage'));
    for (const host of ['compute', 'storage']) {
      const r = dockerCompose(['-f', 'compose.yaml', 'config'], join(dir, host));
      expect(r.status, r.output).toBe(0);
      expect(unboundPublishes(r.stdout)).toEqual([]);
      expectMountsExist(r.stdout, dirname(dir));
    }
  });

  it('accepts the discovery service and the pve exporter, published on their binds, their credentials as secrets', () => {
    const { dir } = writeSite('proxmox', (site) => {
      site.services!['sd'] = { host: 'compute', endpoints: { http: { port: 8000, kind: 'service', bind: 'nic1' } } };
      site.hosts['compute']!.exporters = { ...site.hosts['compute']!.exporters, pve: { targets: ['storage'] } };
      site.deploy!.compose!.discovery = {
        service: 'sd',
        api: 'https://10.60.0.10:8006',
        tokenId: 'prometheus@pve!discovery',
        tokenSecretFile: join(dirname(site.deploy!.compose!.grafana!.adminPasswordFile), 'ntfy-token'),
      };
      site.deploy!.compose!.pveExporter = { configFile: join(dirname(site.deploy!.compose!.grafana!.adminPasswordFile), 'smtp-password') };
    });
    const r = dockerCompose(['-f', 'compose.yaml', 'config'], dir);
    expect(r.status, r.output).toBe(0);
    expect(unboundPublishes(r.stdout)).toEqual([]);
    const config = parse(r.stdout) as {
      services: Record<
        string,
        { ports?: string[]; secrets?: { source: string; target?: string }[]; command?: string[]; pull_policy?: string }
      >;
      secrets: Record<string, { file: string }>;
    };
    const sd = config.services['discovery']!;
    const pve = config.services['pve-exporter']!;
    expect([sd.ports, pve.ports]).toEqual([['10.60.0.20:8000:8000/tcp'], ['10.60.0.20:9221:9221/tcp']]);
    expect(sd.pull_policy).toBe('never');
    // The flags name the secret's path inside the container; Compose resolves the secret to the site's file.
    const tokenFlag = sd.command!.find((a) => a.startsWith('--token-secret-file='))!;
    const tokenSecret = sd.secrets!.find((x) => tokenFlag.endsWith(`/run/secrets/${x.source}`))!;
    expect(config.secrets[tokenSecret.source]!.file).toBe(join(dirname(dir), 'secrets', 'ntfy-token'));
    expect(pve.secrets!.map((x) => [config.secrets[x.source]!.file, x.target])).toEqual([
      [join(dirname(dir), 'secrets', 'smtp-password'), '/etc/prometheus/pve.yml'],
    ]);
  });

  it('rejects what it should: a service key Compose does not know', () => {
    const { dir } = writeSite('invalid');
    const text = readFileSync(join(dir, 'compose.yaml'), 'utf8');
    writeFileSync(
      join(dir, 'compose.yaml'),
      text.replace('    restart: unless-stopped\n', '    restart: unless-stopped\n    restrat: always\n'),
    );
    const r = dockerCompose(['-f', 'compose.yaml', 'config', '-q'], dir);
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/restrat/);
  });
});

describe('committed output', () => {
  const projects = (dir: string): string[] =>
    existsSync(dir)
      ? readdirSync(dir, { recursive: true, encoding: 'utf8' })
          .filter((f) => f.endsWith('compose.yaml'))
          .map((f) => join(dir, f))
      : [];
  const files = readdirSync(join(REPO, 'generated')).flatMap((site) => projects(join(REPO, 'generated', site, 'compose')));

  it("includes Pantheon's project", () => {
    expect(files.map((f) => relative(REPO, f))).toContain('generated/pantheon/compose/compose.yaml');
  });

  it.each(files.map((f) => [relative(REPO, f), f]))('docker-compose config accepts %s and keeps its host addresses', (_, file) => {
    const q = dockerCompose(['-f', 'compose.yaml', 'config', '-q'], dirname(file));
    expect(q.status, q.output).toBe(0);
    const full = dockerCompose(['-f', 'compose.yaml', 'config'], dirname(file));
    expect(unboundPublishes(full.stdout)).toEqual([]);
    expectMountsExist(full.stdout, join(REPO, 'generated'));
  });
});
