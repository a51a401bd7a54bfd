import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolve } from '@kiln/model';
import { smallSite } from '@kiln/model/testing';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { LintConfigError, exitCodeFor, lint } from './engine.js';
import { loadLintFile } from './files.js';
import { report } from './reporters/index.js';
import { RULES } from './rules/index.js';

const badSite = () => {
  const s = smallSite();
  s.mounts![0]!.mode = 'rw';
  s.services!['sshd']!.endpoints['ssh']!.bind = '0.0.0.0';
  return s;
};

describe('lint engine', () => {
  it('runs every rule on a site and sorts findings', () => {
    const ids = lint({ site: resolve(badSite()) }).map((d) => d.ruleId);
    expect(ids).toEqual(expect.arrayContaining(['storage/media-read-only', 'net/no-wildcard-bind', 'net/admin-on-management-only']));
  });

  it('applies severity overrides and turns rules off from the site', () => {
    const s = badSite();
    s.lint = { rules: { 'storage/media-read-only': 'warning', 'net/no-wildcard-bind': 'off' } };
    const found = lint({ site: resolve(s) });
    expect(found.find((d) => d.ruleId === 'storage/media-read-only')?.severity).toBe('warning');
    expect(found.some((d) => d.ruleId === 'net/no-wildcard-bind')).toBe(false);
  });

  it('rejects unknown rule ids and bad options with a did-you-mean', () => {
    const s = smallSite();
    s.lint = { rules: { 'storage/media-readonly': 'error', 'net/services-on-server-vlans': { options: { zones: 'servers' } } } };
    expect(() => lint({ site: resolve(s) })).toThrow(LintConfigError);
    expect(() => lint({ site: resolve(s) })).toThrow(
      /unknown lint rule `storage\/media-readonly`; did you mean `storage\/media-read-only`\?[\s\S]*zones: expected a list, got a string/,
    );
  });

  it('honours site suppressions, which require a reason', () => {
    const s = badSite();
    s.lint = {
      suppressions: [
        {
          rule: 'storage/media-read-only',
          entity: 'mount:compute:/mnt/media',
          reason: 'the ingest job writes here until the NAS takes over',
        },
      ],
    };
    expect(lint({ site: resolve(s) }).some((d) => d.ruleId === 'storage/media-read-only')).toBe(false);
    s.lint = { suppressions: [{ rule: 'storage/media-read-only', entity: 'mount:compute:/mnt/media', reason: '' }] };
    expect(() => resolve(s)).toThrow(/reason: give the reason in a sentence/);
  });

  it('honours YAML suppression comments with a reason and reports those without', () => {
    const text =
      'scrape_configs:\n  - job_name: a\n    tls_config:\n      # kiln-disable-next-line tls/no-insecure-skip-verify -- lab appliance with a self-signed cert\n      insecure_skip_verify: true\n  - job_name: b\n    tls_config:\n      # kiln-disable-next-line tls/no-insecure-skip-verify\n      insecure_skip_verify: true\n';
    const found = lint({ files: [loadLintFile('p.yml', text)] });
    expect(found.map((d) => [d.ruleId, d.location.line])).toEqual([
      ['lint/suppression', 8],
      ['tls/no-insecure-skip-verify', 9],
    ]);
  });

  it('honours a file-wide suppression with a reason', () => {
    const text =
      '# kiln-disable-file tls/no-insecure-skip-verify -- lab-only file, targets use self-signed certs\nscrape_configs:\n  - job_name: a\n    tls_config:\n      insecure_skip_verify: true\n';
    expect(lint({ files: [loadLintFile('p.yml', text)] })).toEqual([]);
    const noReason = text.replace(' -- lab-only file, targets use self-signed certs', '');
    expect(lint({ files: [loadLintFile('p.yml', noReason)] }).map((d) => d.ruleId)).toEqual([
      'lint/suppression',
      'tls/no-insecure-skip-verify',
    ]);
  });

  it('never crashes on odd input', () => {
    const odd = [
      '',
      '---\n',
      '[]',
      'groups: 3',
      'groups: [{rules: [{alert: 1}]}]',
      'route: {routes: [{}]}\nreceivers: [{}]',
      'inhibit_rules: [{}]\nroute: {}',
      'a: [1, {b: null}]',
      '- targets: []',
    ];
    const files = odd.map((t, i) => loadLintFile(`odd-${i}.yml`, t));
    const found = lint({ files });
    expect(found.filter((d) => d.messageId === 'crash')).toEqual([]);
    const s = smallSite();
    s.services = {};
    s.mounts = [];
    expect(lint({ site: resolve(s), files }).filter((d) => d.messageId === 'crash')).toEqual([]);
  });

  it('exits 1 only when an error remains, or when warnings exceed --max-warnings', () => {
    expect(exitCodeFor(lint({ site: resolve(smallSite()) }))).toBe(0);
    expect(exitCodeFor(lint({ site: resolve(badSite()) }))).toBe(1);
    const s = smallSite();
    delete s.hosts['storage']!.exporters;
    const warnings = lint({ site: resolve(s) });
    expect(warnings.map((d) => d.severity)).toEqual(['warning']);
    expect(exitCodeFor(warnings)).toBe(0);
    expect(exitCodeFor(warnings, 1)).toBe(0);
    expect(exitCodeFor(warnings, 0)).toBe(1);
  });
});

describe('reporters', () => {
  const files = [
    loadLintFile(
      'prometheus.yml',
      'scrape_configs:\n  - job_name: a\n    tls_config:\n      insecure_skip_verify: true\n    bearer_token: "abc,def"\n',
    ),
  ];
  const diagnostics = lint({ files });

  it('github: one workflow command per finding, properties escaped', () => {
    const out = report('github', diagnostics);
    expect(out.split('\n').filter(Boolean)).toHaveLength(diagnostics.length);
    expect(out).toContain('::error file=prometheus.yml,line=4,col=7,title=tls/no-insecure-skip-verify%3A TLS verification disabled::');
  });

  it('json: the diagnostics as data', () => {
    expect(JSON.parse(report('json', diagnostics))).toEqual(diagnostics);
  });

  it('stylish: grouped by file, the source line with a caret, a summary', () => {
    const out = report('stylish', diagnostics, { sources: new Map([['prometheus.yml', files[0]!.text]]) });
    expect(out).toMatch(
      /^prometheus\.yml\n {2}4:7 {2}error {2}.*tls\/no-insecure-skip-verify\n {6} {6}insecure_skip_verify: true\n {6} {6}\^\n[\s\S]*2 problems \(2 errors, 0 warnings, 0 info\)\n$/,
    );
  });

  it('sarif: valid against the official SARIF 2.1.0 JSON Schema (ajv)', () => {
    const schemaFile = join(import.meta.dirname, '../../../node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json');
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    // ajv-formats is CommonJS: its default import is the plugin function itself under Node's ESM loader.
    (formats as unknown as (a: Ajv2020) => void)(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
    const log = JSON.parse(report('sarif', [...diagnostics, ...lint({ site: resolve(badSite()) })])) as unknown;
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
  });

  it("sarif: valid SARIF 2.1.0 according to Microsoft's sarif-multitool", () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiln-sarif-'));
    try {
      const withModel = [...diagnostics, ...lint({ site: resolve(badSite()) })];
      writeFileSync(join(dir, 'kiln.sarif'), report('sarif', withModel));
      const tool = join(import.meta.dirname, '../../../node_modules/.bin/sarif-multitool');
      const r = spawnSync(tool, ['validate', join(dir, 'kiln.sarif'), '-o', join(dir, 'out.sarif')], { encoding: 'utf8' });
      expect(r.error).toBeUndefined();
      const verdict = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')) as {
        runs: { results?: { level: string; ruleId: string; message: { text?: string } }[] }[];
      };
      const errors = verdict.runs.flatMap((run) => run.results ?? []).filter((x) => x.level === 'error');
      expect(errors).toEqual([]);
      const log = JSON.parse(report('sarif', withModel)) as {
        runs: { tool: { driver: { rules: unknown[] } }; results: { ruleIndex: number; ruleId: string }[] }[];
      };
      expect(log.runs[0]!.tool.driver.rules).toHaveLength(RULES.length);
      for (const r2 of log.runs[0]!.results) expect(RULES[r2.ruleIndex]!.id).toBe(r2.ruleId);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000); // the .NET tool takes several seconds to start on a loaded machine
});
