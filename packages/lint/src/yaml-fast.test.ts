import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLintFile } from './files.js';
import { readFast } from './yaml-fast.js';
import { readValues } from './yaml-reader.js';

const REPO = join(import.meta.dirname, '../../..');
const CORPUS = join(REPO, '../shared/corpora/rules');
const SEEDS = join(REPO, '../shared/seeds');

function filesUnder(dir: string, ext: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => ext.test(f) && !f.includes('node_modules'))
    .map((f) => join(dir, f));
}

/** Every path of a value, and paths that do not exist below each (as yaml-reader.test.ts's). */
function paths(v: unknown, p: (string | number)[] = []): (string | number)[][] {
  const out = [p, [...p, 'missing'], [...p, 3], [...p, '0'], [...p, ''], [...p, -1]];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...p, i]), [...p, String(i)]));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...p, k]));
  return out;
}

/**
 * Whether the fast reader read `text`; when it did, its values are js-yaml's (same types, same key
 * order) and every position and scalar source is the one loadLintFile gives without it.
 */
function agrees(text: string, label: string, everyPath = true): boolean {
  const quick = readFast(text);
  if (!quick) return false;
  const values = readValues(text)?.filter((v) => v !== null && v !== undefined);
  expect(values, `js-yaml rejects what the fast reader read: ${label}\n${text}`).toBeDefined();
  expect([quick.value], label).toEqual(values);
  expect(JSON.stringify([quick.value]), label).toBe(JSON.stringify(values));
  const fast = loadLintFile('f.yml', text);
  const before = loadLintFile('f.yml', text, { fastYaml: false });
  expect(fast.values, label).toEqual(before.values);
  expect(fast.kind, label).toBe(before.kind);
  const all = paths(values![0]);
  for (const [i, p] of all.entries()) {
    if (!everyPath && i % 5 !== 0) continue;
    const where = `${label} ${JSON.stringify(p)}`;
    expect(fast.position(p), where).toEqual(before.position(p));
    expect(fast.scalar(p), where).toEqual(before.scalar(p));
  }
  return true;
}

const corpus = filesUnder(CORPUS, /\.yaml$/);
const generated = filesUnder(join(REPO, 'generated'), /\.ya?ml$/);
const fixtures = filesUnder(join(REPO, 'packages'), /\.ya?ml$/).filter((f) => !f.includes('/dist/'));
const seedTexts = filesUnder(SEEDS, /\.(txt|md)$/).flatMap((f) => {
  const text = readFileSync(f, 'utf8');
  // The seeds are prose with YAML in fenced blocks: the blocks, and the whole file.
  const blocks = [...text.matchAll(/```ya?ml\n([\s\S]*?)```/g)].map((m, i) => ({ label: `${f} block ${i}`, text: m[1]! }));
  return [{ label: f, text }, ...blocks];
});

describe('the fast YAML reader', () => {
  it('reads the corpus as js-yaml does, with the same positions', () => {
    expect(corpus.length).toBe(100);
    // Every corpus file takes the fast path (measured: all 100, kube-prometheus and mixins alike).
    for (const f of corpus) expect(agrees(readFileSync(f, 'utf8'), f), `declined ${f}`).toBe(true);
  }, 120_000);

  it("reads Kiln's generated output, fixtures and the seeds' YAML as js-yaml does", () => {
    expect(generated.length).toBeGreaterThan(50);
    // Every generated file takes the fast path (measured); fixtures and seeds where they can.
    for (const f of generated) expect(agrees(readFileSync(f, 'utf8'), f), `declined ${f}`).toBe(true);
    let read = 0;
    for (const f of fixtures) if (agrees(readFileSync(f, 'utf8'), f)) read++;
    for (const { label, text } of seedTexts) if (agrees(text, label)) read++;
    expect(read).toBeGreaterThan(0);
  }, 120_000);
});
