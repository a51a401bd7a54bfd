/**
 * Differential tests: emitYaml(value) must equal yaml.stringify(value, YAML_OPTIONS) byte for byte —
 * every YAML file committed under
 * generated/ and the e2e fixtures, and thousands of seeded random values built from tricky strings.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { serialize } from './serialize.js';
import { emitPlainYaml, emitYaml, YAML_OPTIONS } from './yaml-emit.js';

const repo = resolvePath(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const reference = (value: unknown) => stringify(value, YAML_OPTIONS);

function same(value: unknown, label = '') {
  const want = reference(value);
  // Plain object/array roots must go through the emitter itself, not the yaml.stringify fallback.
  const got = value !== null && typeof value === 'object' ? emitPlainYaml(value) : emitYaml(value);
  if (got !== want) expect({ label, got }).toEqual({ label, got: want });
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

/** Every sub-value of a value (objects and arrays included), so each is also tried as a document root. */
function* subtrees(v: unknown): Generator<unknown> {
  yield v;
  if (Array.isArray(v)) for (const x of v) yield* subtrees(x);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) yield* subtrees(x);
}

/** mulberry32 */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TRICKY = [
  '',
  ' ',
  '  ',
  '\t',
  '\n',
  '\n\n',
  ' \n',
  '\n ',
  'a',
  '-',
  '--',
  '---',
  '--- a',
  '...',
  '....',
  '%',
  '%YAML',
  '?',
  '? a',
  '?a',
  ':',
  ':a',
  'a:',
  'a: b',
  'a:b',
  'a #b',
  'a#b',
  '#a',
  ' a',
  'a ',
  'a\t',
  '\ta',
  ',',
  '[',
  ']',
  '{',
  '}',
  '{}',
  '[]',
  '&a',
  '*a',
  '!a',
  '!!str',
  '|',
  '>',
  "'",
  '"',
  '@',
  '`',
  '- a',
  '-a',
  'a -',
  'true',
  'True',
  'TRUE',
  'tRue',
  'false',
  'False',
  'FALSE',
  'null',
  'Null',
  'NULL',
  'nUll',
  '~',
  'yes',
  'no',
  'on',
  'off',
  'Yes',
  'NO',
  'y',
  'n',
  '0',
  '1',
  '-1',
  '+1',
  '007',
  '0o17',
  '0o8',
  '0x1F',
  '0xg',
  '0b101',
  '1.5',
  '.5',
  '5.',
  '-.5',
  '1e5',
  '1E5',
  '1e+5',
  '1.5e-3',
  '.5e3',
  'e5',
  '1e',
  '1_000',
  '1,000',
  '.inf',
  '-.inf',
  '+.Inf',
  '.INF',
  '.nan',
  '.NaN',
  '.NAN',
  'nan',
  'inf',
  'Infinity',
  'NaN',
  '12:30',
  '12:30:00',
  '2024-01-01',
  '2024-01-01T00:00:00Z',
  '10.0.0.1',
  '10.0.0.1:9100',
  'a\nb',
  'a\nb\n',
  'a\nb\n\n',
  'a\n\nb',
  '\na',
  '\n\na',
  ' a\nb',
  '  a\n b',
  'a\n b',
  'a \nb',
  'a\n\tb',
  'a\n ',
  'a\n\t',
  'a\n\n ',
  '\n\n\n',
  ' \n ',
  'a\n#b',
  'a\n- b',
  '---\na',
  'a\n---\nb',
  'a\n...',
  'a\n%b',
  'a\r\nb',
  '\r',
  'a\rb',
  '\x00',
  '\x07',
  '\x0b',
  '\x1b',
  '\x7f',
  '\x85',
  '\xa0',
  '\u2028',
  '\u2029',
  '\ud800',
  'a\udc00b',
  '😀',
  'ünïcödé',
  '日本語',
  'a\u00a0b',
  '\ufeff',
  'a\\b',
  'a"b',
  "a'b",
  `a'"b`,
  '"a"',
  "'a'",
  'a\\nb',
  'C:\\path\\to',
  '{{ $labels.instance }} is down',
  'Disk {{ $labels.device }} on {{ $labels.instance }} is {{ printf "%.0f" $value }}% full',
  '{{ $value | humanizePercentage }}',
  'up{job="node"} == 0',
  'sum by (instance) (rate(node_cpu_seconds_total{mode!="idle"}[5m])) > 0.9',
  '(node_filesystem_avail_bytes{fstype!~"tmpfs|overlay"} / node_filesystem_size_bytes) * 100 < 10',
  'absent(up{job="prometheus"})',
  'label_replace(up, "x", "$1", "instance", "(.*):.*")',
  'rate(x[5m]) > 0\nand\non(instance) y',
  'https://wiki.example/runbooks/{alertname}',
  'https://a.example/?q=1&r=2#frag',
  '/mnt/media',
  '/export/media',
  'node-1.lab.example:9100',
  '0 0 * * *',
  '*/5 * * * *',
  '5m',
  '1h30m',
  '${VAR}',
  '$VAR',
  'a,b',
  'a[0]',
  'a{b}',
  'a]',
  'key=value',
  '<html>',
  'a|b',
  'a>b',
  'a%b',
  'a@b',
  'a`b',
  'a!b',
  'a&b',
  'a*b',
];

function randomString(r: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const roll = r();
  if (roll < 0.35) return pick(TRICKY);
  if (roll < 0.4) return pick(TRICKY).repeat(1 + Math.floor(r() * 200)); // long strings
  const alphabet = [
    'a',
    'b',
    'Z',
    '0',
    '9',
    ' ',
    ' ',
    '\n',
    '\n',
    '\t',
    '\r',
    ':',
    '#',
    '-',
    '?',
    '.',
    ',',
    '"',
    "'",
    '\\',
    '{',
    '}',
    '[',
    ']',
    '|',
    '>',
    '%',
    '@',
    '`',
    '!',
    '&',
    '*',
    '~',
    '=',
    '$',
    'é',
    '😀',
    '\u2028',
    '\x00',
    '\x85',
    '\xa0',
    '_',
    '/',
    '+',
    'e',
    'x',
    'o',
  ];
  let s = '';
  const n = Math.floor(r() * (r() < 0.1 ? 120 : 12));
  for (let i = 0; i < n; i++) s += r() < 0.2 ? pick(TRICKY) : pick(alphabet);
  return s;
}

function randomValue(r: () => number, depth: number): unknown {
  const roll = r();
  if (depth > 4 || roll < 0.45) {
    const k = r();
    if (k < 0.6) return randomString(r);
    if (k < 0.7) return Math.floor((r() - 0.5) * 2 ** (1 + r() * 60));
    if (k < 0.8)
      return [0, -0, 0.1, -1.5, 1e21, 1e-7, 5e-324, 1.7976931348623157e308, 123456789.123, 2 ** 53, (r() - 0.5) * 10 ** (r() * 40 - 20)][
        Math.floor(r() * 11)
      ];
    if (k < 0.9) return r() < 0.5;
    return null;
  }
  if (roll < 0.7) {
    const n = Math.floor(r() * (r() < 0.2 ? 0 : 5));
    return Array.from({ length: n }, () => randomValue(r, depth + 1));
  }
  const o: Record<string, unknown> = {};
  const n = Math.floor(r() * (r() < 0.2 ? 0 : 5));
  for (let i = 0; i < n; i++) {
    const key = r() < 0.02 ? 'k'.repeat(1020 + Math.floor(r() * 10)) : randomString(r);
    if (key === '__proto__') continue;
    o[key] = randomValue(r, depth + 1);
  }
  return o;
}

describe('emitYaml is yaml.stringify, byte for byte', () => {
  it('for every YAML file under generated/ and the fixtures', () => {
    const files = [...yamlFiles(join(repo, 'generated')), ...yamlFiles(join(repo, 'packages'))];
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
        if (!('toJS' in doc)) continue;
        const value = doc.toJS();
        same(value, file);
        for (const sub of subtrees(value)) same(sub, file);
      }
    }
  });

  it('the committed generated/ YAML is what serialize writes for its parsed value', () => {
    for (const file of yamlFiles(join(repo, 'generated'))) {
      const text = readFileSync(file, 'utf8');
      const value = parseAllDocuments(text)[0]!.toJS();
      expect(serialize({ path: file, format: 'yaml', value } as any)).toBe(text);
    }
  });

  it('for every tricky string as a value, key, sequence item and nested deeper', () => {
    for (const s of TRICKY) {
      for (const t of [s, `${s}\n`, `${s}\n\n`, `x${s}`, `${s}x`, `x\n${s}`, `${s}\nx`, ` ${s}`, `${s} `]) {
        same({ k: t }, JSON.stringify(t));
        same({ [t]: 1 }, JSON.stringify(t));
        same({ [t]: { [t]: [t, { [t]: t }] } }, JSON.stringify(t));
        same([t, [t], { a: t }], JSON.stringify(t));
        same({ a: { b: { c: [[t]] } } }, JSON.stringify(t));
      }
    }
  });

  it('for shapes: empty collections, nested sequences, explicit (long) keys, numbers', () => {
    same({});
    same(Object.assign(Object.create(null), { a: 1, b: Object.create(null) }));
    same([]);
    same({ a: {}, b: [], c: [{}, [], [[]], [{}]], d: null, e: true, f: false });
    same([[[1, 2], [3]], [{ a: [] }], { a: { b: [] } }]);
    same({
      ['k'.repeat(1024)]: 1,
      ['k'.repeat(1025)]: 1,
      ['k'.repeat(1030)]: { a: 1 },
      ['k'.repeat(1030) + ' ']: [1, [2]],
      ['k'.repeat(1030) + '!']: null,
      ['k'.repeat(1030) + '?']: {},
    });
    same({ n: [0, -0, 1, -1, 0.5, 1e21, 1e-7, 1.5e300, 5e-324, 2 ** 53 + 2, 1.2345678901234568e29, Number.MAX_VALUE, -Number.MIN_VALUE] });
    same({
      long: 'x'.repeat(5000),
      longq: 'x: '.repeat(2000),
      lines: 'line\n'.repeat(500),
      json: JSON.stringify({ a: [1, 2, { b: 'c' }] }),
    });
  });

  it('for values outside its domain (falls back to yaml.stringify)', () => {
    for (const v of [
      null,
      1,
      'a',
      'a\nb',
      '---',
      true,
      undefined,
      { a: undefined },
      [undefined],
      { a: Infinity },
      { a: NaN },
      { a: 10n },
      { d: new Date(0) },
      { m: new Map([['a', 1]]) },
      { s: new Set([1]) },
    ]) {
      expect(emitYaml(v)).toBe(reference(v));
      if (v !== null && typeof v === 'object') expect(emitPlainYaml(v)).toBeUndefined();
    }
  });

  it('for thousands of seeded random plain values', () => {
    for (const seed of [1, 2, 3, 42, 1234]) {
      const r = prng(seed);
      for (let i = 0; i < 1500; i++) {
        const value = { root: randomValue(r, 0), [randomString(r) || 'x']: randomValue(r, 1) };
        same(value, `seed ${seed} #${i}`);
        const list = [randomValue(r, 1), randomValue(r, 2)];
        same(list, `seed ${seed} #${i} list`);
      }
    }
  });
});
