/**
 * The operator flavour's PrometheusRules judged by promtool: each one's `spec` is extracted to a rule
 * file as the operator would load it, `promtool check rules` accepts it, and the promtool unit tests
 * Kiln generates for the plain rule files pass against the extracted rules instead — so the rules the
 * operator runs are the tested ones. A rule changed inside the extracted spec makes them fail.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildResolved } from '@kiln/cli';
import { resolve } from '@kiln/model';
import { operatorSite } from '@kiln/model/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { run } from './tools.js';

let dir: string;
let files: Map<string, string>;
/** PrometheusRule name → its spec. */
let specs: Map<string, Record<string, any>>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiln-operator-rules-'));
  files = buildResolved(resolve(operatorSite())).files;
  specs = new Map(
    [...files]
      .filter(([p]) => p.endsWith('-prometheusrule.yaml'))
      .map(([, text]) => parse(text) as Record<string, any>)
      .map((o) => [o['metadata'].name as string, o['spec'] as Record<string, any>]),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The extracted rule files where the unit tests look for them (`../rules/<group>.yml`), and the tests beside. */
function layOut(into: string, edit: (name: string, spec: Record<string, any>) => void = () => {}): string[] {
  mkdirSync(join(into, 'rules'), { recursive: true });
  mkdirSync(join(into, 'tests'), { recursive: true });
  for (const [name, spec] of specs) {
    const copy = structuredClone(spec);
    edit(name, copy);
    writeFileSync(join(into, 'rules', `${name.replace(/^oplab-/, '')}.yml`), stringify(copy));
  }
  const tests = [...files].filter(([p]) => /^prometheus\/tests\/.+\.test\.yml$/.test(p));
  for (const [p, text] of tests) writeFileSync(join(into, 'tests', p.slice('prometheus/tests/'.length)), text);
  return tests.map(([p]) => join(into, 'tests', p.slice('prometheus/tests/'.length)));
}

describe('PrometheusRule specs (operator flavour) under promtool', () => {
  it('every spec is a rule file promtool accepts, with the groups of the plain rule files', () => {
    const out = join(dir, 'check');
    layOut(out);
    expect(specs.size).toBeGreaterThanOrEqual(4);
    for (const name of specs.keys()) {
      const file = join(out, 'rules', `${name.replace(/^oplab-/, '')}.yml`);
      const r = run('promtool', ['check', 'rules', file]);
      expect(r.status, r.output).toBe(0);
      expect(parse(files.get(`prometheus/rules/${name.replace(/^oplab-/, '')}.yml`)!)).toEqual(specs.get(name));
    }
  });

  it('the generated unit tests pass against the extracted rules', () => {
    const tests = layOut(join(dir, 'test'));
    expect(tests.length).toBeGreaterThanOrEqual(3);
    for (const t of tests) {
      const r = run('promtool', ['test', 'rules', t]);
      expect(r.status, `${t}\n${r.output}`).toBe(0);
    }
  });

  it('a rule changed inside a spec fails its unit tests (the check can fail)', () => {
    const tests = layOut(join(dir, 'broken'), (name, spec) => {
      if (name === 'oplab-kubernetes-nodes') spec['groups'][0].rules[0].expr = 'vector(0) > 1';
    });
    const r = run('promtool', ['test', 'rules', ...tests.filter((t) => t.endsWith('kubernetes-nodes.test.yml'))]);
    expect(r.status).toBe(1);
    expect(r.output).toMatch(/FAILED/);
  });
});
