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

/** Shapes the reader takes: each must be read, and read as js-yaml reads it. */
const READ = [
  // Plain scalars and their types (CORE_SCHEMA + merge).
  ...['1', '-1', '+2', '0x1F', '0o17', '0b101', '1_000', '1.5', '1.', '.5', '1e3', '.inf', '-.Inf', '.nan', '.NaN', 'true', 'False', 'TRUE']
    .concat(['null', 'Null', '~', 'yes', 'no', 'on', '5m', '-5m', 'a#b', 'x:y', ':job:rate5m', 'http://h:1/p', '<<', 'a b  c', 'x {a} [b]'])
    .map((v) => `a: ${v}\n`),
  'a: x # comment\n',
  'a: x   # comment\nb: y\n',
  'a: x   \nb: y\n',
  'a: x',
  'a: x   ',
  'a: x\n   ',
  'a: >\n  x\n  y',
  'a: "x"',
  'a: |\n  x',
  // Empty values and comments.
  'a:\n',
  'a:\nb: 1\n',
  'a: # comment\nb: 1\n',
  'a:\n  # comment\n  b: 1\n',
  'a:\n# at column 0\n  b: 1\n',
  '# c\na: 1\n# c2\n',
  '---\na: 1\n',
  '--- # c\na: 1\n',
  '# c\n---\na: 1\n',
  'a: []\nb: {}\nc: [ ]\nd: { }  # c\n',
  // Quoted scalars, one line and several.
  "a: 'it''s'\n",
  'a: \'\'\nb: ""\n',
  "a: 'x' # c\n",
  'a: "q \\"x\\" \\\\ \\n \\t \\/ \\0 \\e \\N \\_ \\u00e9 \\x41 \\U0001F600 \\L"\n',
  "a: 'one\n  two\n\n  three  '\n",
  "a: 'one  \n   two ''\n  three'\nb: 1\n",
  'a: "one\n  two\n\n\n  three \\t\n  four"\n',
  "- 'a\n  b'\n- c\n",
  // Block scalars: literal, folded, chomping, more-indented lines, comments, ends.
  'a: |\n  x\n  y\n',
  'a: |-\n  x\n\n',
  'a: |+\n  x\n\n\nb: 1\n',
  'a: |+\n  x\n\n',
  'a: >\n  x\n  y\n\n  z\n',
  'a: >-\n  x\n    more\n    indented\n  y\n\n  z\n',
  'a: >\n  x\n    more\n\n  y\n    more\n  z\n',
  'a: >+\n  x\n',
  'a: |\n\n  x\n',
  'a: | # c\n  x\nb: 1\n',
  'a: |\nb: 1\n',
  'a: |\n  x\n# comment\nb: 1\n',
  'a: |\n  x\n  # not a comment\n',
  'a: |\n    deep\n     deeper\nb: |-\n  x  \n',
  '- |\n  x\n- >-\n  y\n  z\n',
  // Multi-line plain scalars (as PyYAML writes them).
  'a: one\n  two\n\n  three\nb: 1\n',
  'a: one\n   two\n       three\n',
  '- one\n  two\n- three\n',
  'a:\n  b: x\n    y\n  c: z\n',
  'a: 1\n  2\n',
  'a: x\n  - y\n',
  // Collections.
  'a:\n- x\n- y\nb: 1\n',
  'a:\n  - x\n  - y\n',
  '- - a\n  - b\n- c\n',
  '- - - a\n',
  '- a: 1\n  b: 2\n- c: 3\n',
  '-   a: 1\n    b: 2\n',
  '- a:\n  - x\n  b: 1\n',
  '- a:\n    b: 1\n',
  '- a:\n- b\n',
  '-\n  a: 1\n',
  '-   \n  - x\n',
  '- a\n- b\n',
  '  a: 1\n  b:\n    c: 2\n',
  // Keys.
  "'quoted key': 1\n\"dq key\": 2\n'': 3\n",
  "'1': x\n'0': y\nb: z\n",
  'a.b/c-d_e: 1\nn: 1\ny: 1\n5m: 1\nNo: 1\nnull_x: 1\n',
  'constructor: 1\ntoString: x\nnested:\n  hasOwnProperty: 1\n',
  Array.from({ length: 20 }, (_, i) => `k${i}: ${i}\n`).join(''),
  // More nodes than lines (the node arrays grow).
  Array.from({ length: 100 }, (_, i) => `- - - ${i}\n  - k: v\n`).join(''),
];

/** Shapes the reader leaves to js-yaml. */
const DECLINED = [
  '',
  '# only a comment\n',
  'plain\n',
  'a: &x 1\nb: *x\n',
  'a: !!str 1\n',
  'a: [1, 2]\n',
  'a: {b: c}\n',
  'a: 1\r\nb: 2\r\n',
  'a:\tb\n',
  '\ta: 1\n',
  '---\na: 1\n---\nb: 2\n',
  '%YAML 1.2\n---\na: 1\n',
  'a: 1\n...\n',
  '--- a\n',
  '? a\n: b\n',
  '<<: {}\n',
  '__proto__: 1\n',
  'a: 1\na: 2\n',
  'true: 1\n',
  '1: x\n',
  'null: x\n',
  'a: |2\n   x\n',
  'a: "x \\\n  y"\n',
  'a: "\\q"\n',
  'a: b: c\n',
  'a: x:\n',
  '-\n- a\n',
  'a:\n  x\n',
  'a: x\n  # c\n',
  'a: |\n  x\n   \n  y\n',
  "a: 'x\ny'\n",
  "a: 'x\n",
  'a: "x\n',
  'a: - b\n',
  'a: |\n    deep\n  less\n',
  'a b: 1\n',
  'a : 1\n',
  'a: 😀\n',
  'a: x\u2028y\n',
  // Nested deeper than the reader goes (js-yaml refuses 100 levels; the reader stops at 32).
  Array.from({ length: 40 }, (_, i) => ' '.repeat(2 * i) + `k${i}:\n`).join('') + ' '.repeat(80) + 'x: 1\n',
  '- '.repeat(5000) + 'x\n',
  '\ufeffa: 1\n',
];

describe('the fast YAML reader', () => {
  it('reads the shapes it takes exactly as js-yaml does', () => {
    for (const text of READ) expect(agrees(text, JSON.stringify(text)), `declined ${JSON.stringify(text)}`).toBe(true);
  });

  it('types plain scalars as js-yaml does (every short spelling of numbers, null, booleans, merge)', () => {
    const alphabet = ['0', '1', '9', '.', 'e', 'E', '+', '-', 'x', 'o', 'b', 'f', 'i', 'n', 'N', 'a', '~', '<', '_', 'T', 'l'];
    const words = ['null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'false', 'False', 'FALSE', 'fALSE', 'yes', 'No', 'on']
      .concat(['.inf', '.Inf', '.INF', '.iNF', '+.inf', '-.Inf', '.nan', '.NaN', '.NAN', '-.nan', '0x1F', '0X1F', '0o17', '0O17', '0b101'])
      .concat(['1_000', '1e309', '-1e309', '1E+3', '1e-3', '.5e3', '08', '0.', '-0', '+0', '-0.0', 'Infinity', 'NaN', '<<<']);
    let spellings = [''];
    const all: string[] = [...words];
    for (let length = 1; length <= 3; length++) {
      spellings = spellings.flatMap((p) => alphabet.map((c) => p + c));
      all.push(...spellings);
    }
    let read = 0;
    for (const v of all) {
      const text = `a: ${v}\nb:\n- ${v}\n`;
      const quick = readFast(text);
      if (!quick) continue;
      read++;
      expect(quick.value, v).toEqual(readValues(text)![0]);
      expect(Object.is((quick.value as { a: unknown }).a, (readValues(text)![0] as { a: unknown }).a), v).toBe(true);
    }
    expect(read).toBeGreaterThan(all.length / 2);
  });

  it('leaves the rest to js-yaml, unchanged', () => {
    for (const text of DECLINED) {
      expect(readFast(text), JSON.stringify(text)).toBeUndefined();
      const fast = loadLintFile('f.yml', text);
      const before = loadLintFile('f.yml', text, { fastYaml: false });
      expect(fast.values).toEqual(before.values);
      expect(fast.parseErrors).toEqual(before.parseErrors);
    }
  });

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

  it('reads mutated corpus files as js-yaml does, or declines; it never throws', () => {
    // FASTYAML_FUZZ=<inputs>,<seed> fuzzes longer, or elsewhere.
    const [runs = 5000, first = 20_251_202] = (process.env.FASTYAML_FUZZ ?? '').split(',').filter(Boolean).map(Number);
    let seed = first;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const junk = [' ', '  ', '\n', ':', ': ', '- ', '-', '#', ' #', "'", "''", '"', '\\', '\\n', '|', '>', '|-', '>+', '|2']
      .concat(['[', ']', '{', '}', '[]', '{}', '&a ', '*a', '!', '? ', '%', '---\n', '...\n', '\t', '\r', 'true', '1', '~', '<<'])
      .concat(['\\x4', '\\u00e9', 'é', '😀', '\n\n', 'k: ', '\n- ', '\n  ', '"a": ', "'a': "]);
    const corpusLines = corpus.map((f) => readFileSync(f, 'utf8').split('\n'));
    let read = 0;
    const started = Date.now();
    for (let t = 0; t < runs; t++) {
      let text: string;
      if (rnd(4) === 0) text = READ[rnd(READ.length)]!;
      else {
        const lines = corpusLines[rnd(corpusLines.length)]!;
        const from = rnd(lines.length);
        text = lines.slice(from, from + 5 + rnd(40)).join('\n') + (rnd(4) === 0 ? '' : '\n');
      }
      for (let m = 1 + rnd(3); m > 0; m--) {
        const lines = text.split('\n');
        const at = rnd(text.length + 1);
        const line = rnd(lines.length);
        switch (rnd(7)) {
          case 0:
            text = text.slice(0, at) + text.slice(at + 1);
            break;
          case 1:
            text = text.slice(0, at) + text.slice(at, at + 1) + text.slice(at);
            break;
          case 2:
            text = text.slice(0, at) + junk[rnd(junk.length)]! + text.slice(at);
            break;
          case 3:
            lines.splice(line, 1);
            text = lines.join('\n');
            break;
          case 4:
            lines.splice(line, 0, lines[rnd(lines.length)]!);
            text = lines.join('\n');
            break;
          case 5:
            lines[line] = rnd(2) === 0 ? ' '.repeat(1 + rnd(2)) + lines[line]! : lines[line]!.replace(/^ {1,2}/, '');
            text = lines.join('\n');
            break;
          default:
            lines[line] = lines[line]!.trimEnd() + junk[rnd(junk.length)]!;
            text = lines.join('\n');
        }
      }
      if (agrees(text, `mutation ${t}: ${JSON.stringify(text)}`)) read++;
    }
    // Most mutations keep a file the reader takes (the fuzz exercises the fast path, not only declines).
    expect(read).toBeGreaterThan(runs / 4);
    expect(Date.now() - started).toBeLessThan(runs * 20);
  }, 600_000);
});
