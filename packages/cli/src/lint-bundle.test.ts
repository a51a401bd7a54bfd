import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `kiln lint` runs from dist/kiln-lint.cjs (built by scripts/bundle-lint.mjs); these tests compare it
// with the full CLI (dist/bin.js) byte for byte, in fresh processes as a user runs them.
const pkg = join(import.meta.dirname, '..');
const launcher = join(pkg, 'bin/kiln.cjs');
const fullCli = join(pkg, 'dist/bin.js');
const bundle = join(pkg, 'dist/kiln-lint.cjs');

const root = mkdtempSync(join(tmpdir(), 'kiln-bundle-'));
beforeAll(() => {
  mkdirSync(join(root, 'packages/sites/lab'), { recursive: true });
  writeFileSync(
    join(root, 'packages/sites/lab/site.yaml'),
    readFileSync(join(pkg, 'src/lint.test.ts'), 'utf8').match(/const site = `([^`]*)`/)![1]!,
  );
  writeFileSync(join(root, 'broken.yml'), 'groups:\n  - name: a\n    rules: [\n');
  writeFileSync(join(root, 'clean.yml'), 'groups:\n  - name: a\n    rules:\n      - record: job:up:sum\n        expr: sum by (job) (up)\n');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function kiln(entry: string, args: string[]) {
  const r = spawnSync(process.execPath, [entry, ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the kiln lint bundle', () => {
  const defects = join(pkg, 'scripts/fixtures/warm-up/rules.yml');
  const am = join(pkg, 'scripts/fixtures/warm-up/alertmanager.yml');
  it.each([
    ['rule and Alertmanager files with findings', ['lint', defects, am]],
    ['the same as JSON', ['lint', '--format', 'json', defects, am]],
    ['a file that does not parse', ['lint', 'broken.yml', 'clean.yml']],
    ['a clean file', ['lint', 'clean.yml']],
    [
      'a site file among the files (the full CLI runs)',
      ['lint', '--format', 'json', 'packages/sites/lab/site.yaml', 'broken.yml', defects],
    ],
    ['no files: every site (the full CLI runs)', ['lint', '--format', 'json']],
    ['a rule option', ['lint', '--rule', 'rule/label=off', '--rule-option', 'promql/rate={"metricTypes":{"up":"gauge"}}', defects]],
    ['a usage error', ['lint', '--max-warnings', 'x', defects]],
    ['an unknown rule', ['lint', '--rule', 'promql/nope=off', defects]],
    ['--help', ['lint', '--help']],
  ])('prints what the full CLI prints and exits as it does: %s', (_, args) => {
    const expected = kiln(fullCli, args);
    expect(expected.stdout + expected.stderr).not.toBe('');
    expect(kiln(launcher, args)).toEqual(expected);
  });

  it('lints loose files outside a Kiln workspace (a pre-commit hook in another repository); sites still need one', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'kiln-no-workspace-'));
    try {
      writeFileSync(join(elsewhere, 'broken.yml'), 'groups:\n  - name: a\n    rules:\n      - alert: A\n        expr: rate(up[1m]\n');
      for (const entry of [launcher, fullCli]) {
        const r = spawnSync(process.execPath, [entry, 'lint', 'broken.yml'], { cwd: elsewhere, encoding: 'utf8' });
        expect(r.status, r.stderr).toBe(1);
        expect(r.stdout).toMatch(/^broken\.yml\n.*unclosed left parenthesis/s);
        const none = spawnSync(process.execPath, [entry, 'lint'], { cwd: elsewhere, encoding: 'utf8' });
        expect([none.status, none.stderr]).toEqual([2, expect.stringContaining('no Kiln workspace')]);
      }
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('is one file without the site pipeline, and its code cache is accepted by a plain node', () => {
    const text = readFileSync(bundle, 'utf8');
    expect(text).toContain('promql/rate');
    expect(text).not.toMatch(/grafana-foundation-sdk|kubernetes-models/);
    const check = `import { loadBundle } from ${JSON.stringify(join(pkg, 'bin/bundle.cjs'))};
      process.stdout.write(String(loadBundle(${JSON.stringify(bundle)}).cacheRejected));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', check], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    expect(r.stdout).toBe('false');
  });
});

describe('bin/bundle.cjs', () => {
  // A bundle built from one module, dep.js, whose hash the build recorded.
  const dir = mkdtempSync(join(tmpdir(), 'kiln-bundle-load-'));
  const bundleFile = join(dir, 'x.cjs');
  const dep = join(dir, 'dep.js');
  const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
  beforeAll(() => {
    writeFileSync(dep, 'export const a = 1;\n');
    writeFileSync(join(dir, 'x.inputs.json'), JSON.stringify({ 'dep.js': sha1('export const a = 1;\n') }));
    writeFileSync(bundleFile, 'module.exports = { answer: 42 };\n');
    utimesSync(dep, new Date(1000), new Date(1000));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const load = async () => {
    const { loadBundle } = await import(pathToFileURL(join(pkg, 'bin/bundle.cjs')).href);
    return loadBundle(bundleFile)?.exports;
  };

  it('runs a bundle whose modules are unchanged, also when they were written again after it (nx restores in any order)', async () => {
    expect(await load()).toEqual({ answer: 42 });
    utimesSync(dep, new Date(), new Date(Date.now() + 60_000));
    expect(await load()).toEqual({ answer: 42 });
  });

  it('marks the bundle newer once it has found the newer modules unchanged, so the next run does not hash them', async () => {
    utimesSync(bundleFile, new Date(2000), new Date(2000));
    utimesSync(dep, new Date(3000), new Date(3000));
    expect(await load()).toEqual({ answer: 42 });
    expect(statSync(bundleFile).mtimeMs).toBeGreaterThan(3000);
  });

  it('does not run a bundle older than a changed module, nor one without its list', async () => {
    writeFileSync(dep, 'export const a = 2;\n');
    utimesSync(dep, new Date(), new Date(Date.now() + 60_000));
    expect(await load()).toBeUndefined();
    rmSync(join(dir, 'x.inputs.json'));
    expect(await load()).toBeUndefined();
  });
});
