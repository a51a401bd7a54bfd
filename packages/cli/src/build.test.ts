import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse, stringify } from 'yaml';
import { main } from './main.js';

const siteYaml = (overrides: (s: Record<string, any>) => void = () => {}) => {
  const site: Record<string, any> = {
    name: 'lab',
    runbookUrl: 'https://wiki.example/runbooks/{alertname}',
    vlans: { servers: { id: 60, cidr: '10.60.0.0/24', zone: 'servers' }, mgmt: { id: 99, cidr: '10.99.0.0/24', zone: 'management' } },
    hosts: {
      compute: {
        role: 'compute',
        disposition: 'disposable',
        interfaces: { nic1: { vlan: 'servers', address: '10.60.0.20' } },
        disks: { scratch: { role: 'scratch', mountPoint: '/mnt/scratch' } },
        exporters: { node: {} },
      },
    },
    receivers: { email: { emails: [{ to: 'ops@example.org', from: 'am@example.org', smarthost: 'mail.example.org:25' }] } },
    routing: { receiver: 'email' },
    prometheus: { host: 'compute' },
    alertmanager: { host: 'compute' },
  };
  overrides(site);
  return stringify(site);
};

let root: string;
let stderr: string[];
let stdout: string[];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kiln-cli-'));
  mkdirSync(join(root, 'packages/sites/lab'), { recursive: true });
  writeFileSync(join(root, 'packages/sites/lab/site.yaml'), siteYaml());
  stderr = [];
  stdout = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (stderr.push(String(s)), true));
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => (stdout.push(String(s)), true));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(root, { recursive: true, force: true });
});

const kiln = (...args: string[]) => main([...args, '--root', root]);
const snapshot = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => [join(e.parentPath, e.name), readFileSync(join(e.parentPath, e.name), 'utf8')]),
  );

describe('kiln build', () => {
  it('writes a site folder, reports progress and is byte-for-byte deterministic', async () => {
    expect(await kiln('build')).toBe(0);
    expect(stdout.join('')).toMatch(/✓ lab: \d+ files → generated\/lab/);
    const first = snapshot(join(root, 'generated'));
    expect(Object.keys(first).some((p) => p.endsWith('generated/lab/prometheus/prometheus.yml'))).toBe(true);
    expect(existsSync(join(root, 'schemas/site.schema.json'))).toBe(true);
    expect(await kiln('build', '--quiet')).toBe(0);
    expect(snapshot(join(root, 'generated'))).toEqual(first);
  });

  it('--check passes on fresh output and fails, listing the file, after an edit', async () => {
    await kiln('build');
    expect(await kiln('build', '--check')).toBe(0);
    const rules = join(root, 'generated/lab/prometheus/prometheus.yml');
    writeFileSync(rules, readFileSync(rules, 'utf8') + '# hand edit\n');
    writeFileSync(join(root, 'generated/lab/stray.txt'), 'x');
    stderr.length = 0;
    expect(await kiln('build', '--check')).toBe(1);
    const err = stderr.join('');
    expect(err).toContain('changed: generated/lab/prometheus/prometheus.yml');
    expect(err).toContain('not generated (delete it): generated/lab/stray.txt');
  });

  it('leaves the previous output intact when the site has errors, and names file, entity and field', async () => {
    await kiln('build');
    const before = snapshot(join(root, 'generated'));
    writeFileSync(
      join(root, 'packages/sites/lab/site.yaml'),
      siteYaml((s) => {
        s.hosts.compute.interfaces.nic1.vlan = 'servres';
        s.routing.receiver = 'emial';
      }),
    );
    stderr.length = 0;
    expect(await kiln('build')).toBe(1);
    const err = stderr.join('');
    expect(err).toMatch(
      /packages\/sites\/lab\/site\.yaml:\d+:\d+: host `compute`: interfaces\.nic1\.vlan: unknown VLAN `servres`; did you mean `servers`\?/,
    );
    expect(err).toMatch(/site\.yaml:\d+:\d+: routing `lab`: receiver: unknown receiver `emial`; did you mean `email`\?/);
    expect(err).toContain('nothing written; the previous output is untouched');
    expect(snapshot(join(root, 'generated'))).toEqual(before);
  });

  it('points at the line of the offending YAML field', async () => {
    writeFileSync(
      join(root, 'packages/sites/lab/site.yaml'),
      siteYaml((s) => (s.hosts.compute.interfaces.nic1.vlan = 'nope')),
    );
    await kiln('build');
    const text = readFileSync(join(root, 'packages/sites/lab/site.yaml'), 'utf8').split('\n');
    const line = Number(/site\.yaml:(\d+):/.exec(stderr.join(''))![1]);
    expect(text[line - 1]).toMatch(/vlan: nope/);
  });

  it('rejects duplicate keys in YAML with their position, as a site error (exit 1)', async () => {
    writeFileSync(join(root, 'packages/sites/lab/site.yaml'), siteYaml() + 'name: again\n');
    expect(await kiln('build')).toBe(1);
    expect(stderr.join('')).toMatch(/site\.yaml:\d+:\d+: [^\n]*YAML syntax: Map keys must be unique/);
  });

  it('fails the build on a PromQL syntax error with the rule name and line:col', async () => {
    writeFileSync(
      join(root, 'packages/sites/lab/site.yaml'),
      siteYaml((s) => {
        s.alerts = { BrokenRule: { expr: 'sum(rate(x[5m])', severity: 'warning', summary: 's', description: 'd' } };
      }),
    );
    expect(await kiln('build')).toBe(1);
    expect(stderr.join('')).toMatch(
      /prometheus\/rules\/custom\.yml:\d+:\d+: alert `BrokenRule`: `expr` 1:\d+: \w[^\n]*paren[^\n]*\[promql\/syntax\]/,
    );
    expect(existsSync(join(root, 'generated/lab'))).toBe(false);
  });

  it('a rule file promtool rejects fails the build naming it, leaves the previous output intact, and is judged again next time', async () => {
    expect(await kiln('build')).toBe(0);
    const before = snapshot(join(root, 'generated'));
    expect(stdout.join('')).toMatch(/tool checks, 0 cached/);
    stdout.length = 0;
    expect(await kiln('build')).toBe(0);
    expect(stdout.join('')).toMatch(/(\d+) tool checks, \1 cached; Kiln's checks of (\d+) rule files, \2 cached/);
    // A broken template: Kiln's build checks read PromQL only, promtool parses the annotations too.
    writeFileSync(
      join(root, 'packages/sites/lab/site.yaml'),
      siteYaml((s) => {
        s.alerts = { NasLoad: { expr: 'node_load1 > 4', severity: 'warning', summary: 'Load on {{ $labels.host }', description: 'd' } };
      }),
    );
    for (const flags of [[], [], ['--no-cache']]) {
      stderr.length = 0;
      expect(await kiln('build', ...flags)).toBe(1);
      expect(stderr.join('')).toMatch(/promtool rejects prometheus\/rules\/custom\.yml[^\n]*\n[\s\S]*template[\s\S]*\[build\/promtool\]/);
      expect(stderr.join('')).toContain('nothing written; the previous output is untouched');
      expect(snapshot(join(root, 'generated'))).toEqual(before);
    }
    expect(readdirSync(root).filter((f) => f.startsWith('.kiln-tmp') || f.startsWith('generated/.kiln'))).toEqual([]);
    expect(readdirSync(join(root, 'generated')).filter((f) => f.startsWith('.kiln-tmp'))).toEqual([]);
  });

  it('gives usage errors exit code 2', async () => {
    expect(await kiln('build', '--site', 'nope')).toBe(2);
    expect(stderr.join('')).toContain('no site `nope` under packages/sites (sites: lab)');
    expect(await main(['frobnicate'])).toBe(2);
  });
});

describe('kiln build type-checks PromQL', () => {
  it('fails on a type error Prometheus would reject, naming the rule and the position', async () => {
    writeFileSync(
      join(root, 'packages/sites/lab/site.yaml'),
      siteYaml((s) => {
        s.alerts = { RateOfGauge: { expr: 'rate(node_load1) > 1', severity: 'warning', summary: 's', description: 'd' } };
      }),
    );
    expect(await kiln('build')).toBe(1);
    expect(stderr.join('')).toMatch(
      /prometheus\/rules\/custom\.yml:\d+:\d+: alert `RateOfGauge`: `expr` 1:6: expected type range vector in call to function "rate", got instant vector/,
    );
  });
});

describe('site packages can add dashboards', () => {
  const writeSitePackage = (expr: string) => {
    rmSync(join(root, 'packages/sites/lab/site.yaml'));
    const dir = join(root, 'packages/sites/lab');
    mkdirSync(join(dir, 'dist'), { recursive: true });
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'lab', type: 'module', exports: { '.': { default: './dist/index.js' } } }),
    );
    const site = parse(siteYaml()) as unknown as object;
    const dashboard = {
      model: {
        uid: 'lab-custom',
        title: 'Custom',
        schemaVersion: 39,
        panels: [{ id: 1, type: 'timeseries', title: 'Load', gridPos: { x: 0, y: 0, w: 12, h: 8 }, targets: [{ refId: 'A', expr }] }],
      },
    };
    writeFileSync(
      join(dir, 'dist/index.js'),
      `export const site = ${JSON.stringify(site)};\nexport const dashboards = [() => (${JSON.stringify(dashboard)})];\n`,
    );
  };

  it('emits a dashboard the site package exports', async () => {
    writeSitePackage('rate(node_cpu_seconds_total{job="node"}[5m])');
    expect(await kiln('build')).toBe(0);
    expect(existsSync(join(root, 'generated/lab/grafana/dashboards/lab-custom.json'))).toBe(true);
  });

  it('fails the build on a broken panel query, naming dashboard, panel and position', async () => {
    writeSitePackage('rate(node_load1) > 1');
    expect(await kiln('build')).toBe(1);
    expect(stderr.join('')).toMatch(
      /dashboard `lab-custom`.*panel 1.*1:6: expected type range vector in call to function "rate", got instant vector/,
    );
    expect(existsSync(join(root, 'generated/lab'))).toBe(false);
  });
});

describe('kiln build never loses files it did not write', () => {
  it("refuses to replace a folder without its marker (`--file hearth/site.yaml --out .`), and keeps the user's files", async () => {
    mkdirSync(join(root, 'lab'));
    writeFileSync(join(root, 'lab/site.yaml'), siteYaml());
    expect(await kiln('build', '--file', join(root, 'lab/site.yaml'), '--out', '.')).toBe(1);
    expect(stderr.join('')).toMatch(/lab exists and was not written by kiln \(it has no \.kiln-generated file and holds lab\/site\.yaml\)/);
    expect(readdirSync(join(root, 'lab'))).toEqual(['site.yaml']);
  });

  it('honours an absolute --out, and replaces a folder it wrote there', async () => {
    const out = mkdtempSync(join(tmpdir(), 'kiln-out-'));
    try {
      expect(await kiln('build', '--out', out)).toBe(0);
      expect(existsSync(join(out, 'lab/prometheus/prometheus.yml'))).toBe(true);
      expect(existsSync(join(out, 'lab/.kiln-generated'))).toBe(true);
      expect(existsSync(join(root, out.slice(1)))).toBe(false);
      expect(await kiln('build', '--out', out)).toBe(0);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('--check reports a missing marker, so CI keeps it committed', async () => {
    expect(await kiln('build')).toBe(0);
    rmSync(join(root, 'generated/lab/.kiln-generated'));
    expect(await kiln('build', '--check')).toBe(1);
    expect(stderr.join('')).toContain('missing: generated/lab/.kiln-generated');
  });

  it('two site files that define one site are refused instead of overwriting each other', async () => {
    writeFileSync(join(root, 'a.yaml'), siteYaml());
    writeFileSync(join(root, 'b.yaml'), siteYaml());
    expect(await kiln('build', '--file', join(root, 'a.yaml'), '--file', join(root, 'b.yaml'))).toBe(1);
    expect(stderr.join('')).toMatch(/a\.yaml both define site `lab`/);
  });

  it('--check of a --file site advises rebuilding that file', async () => {
    writeFileSync(join(root, 'a.yaml'), siteYaml());
    expect(await kiln('build', '--file', join(root, 'a.yaml'), '--check')).toBe(1);
    expect(stderr.join('')).toContain('run `kiln build --file a.yaml` and commit the result');
    expect(stderr.join('')).not.toContain('--site');
  });
});

describe('kiln build refuses hostile site files with a clear error, never a stack trace', () => {
  const cases: [string, string | (() => string), RegExp][] = [
    ['a missing file', '', /cannot read site file nope\.yaml: no such file/],
    [
      'a YAML alias bomb',
      () =>
        'a: &a [x, x, x, x, x, x, x, x, x, x]\n' +
        Array.from(
          { length: 7 },
          (_, i) =>
            `b${i}: &b${i} [${Array(10)
              .fill(i ? `*b${i - 1}` : '*a')
              .join(', ')}]`,
        ).join('\n') +
        '\n',
      /too many YAML alias expansions/,
    ],
    ['deep nesting', () => '['.repeat(50000) + ']'.repeat(50000), /nested too deeply/],
    ['a scalar instead of a site', () => '42\n', /site/],
  ];
  for (const [what, content, expected] of cases) {
    it(what, async () => {
      const file = join(root, 'nope.yaml');
      const text = typeof content === 'function' ? content() : content;
      if (what !== 'a missing file') writeFileSync(file, text);
      const code = await kiln('build', '--file', file);
      expect([1, 2]).toContain(code);
      expect(stderr.join('')).toMatch(expected);
      expect(stderr.join('')).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
    });
  }

  it('a folder given as --file names the site file inside it', async () => {
    expect(await kiln('build', '--file', join(root, 'packages/sites/lab'))).toBe(1);
    expect(stderr.join('')).toMatch(/is a folder; pass the site file \(.*site\.yaml\)/);
  });
});
