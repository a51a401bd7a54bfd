import { describe, expect, it, vi } from 'vitest';
import { LineCounter, isMap, isNode, isScalar, parseAllDocuments } from 'yaml';
import { loadLintFile } from './files.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readValues } from './yaml-reader.js';

/** What loadLintFile computed before the fast reader: values, errors and positions from `yaml` alone. */
function reference(text: string) {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [];
  const at = (o: number) => ({ line: lineCounter.linePos(o).line, column: lineCounter.linePos(o).col });
  return {
    errors: list.flatMap((d) => d.errors),
    values: list.map((d) => d.toJS() as unknown).filter((v) => v !== null && v !== undefined),
    position(p: (string | number)[]) {
      const d = list[0]!;
      const last = p[p.length - 1];
      const parent = p.length === 1 ? d.contents : d.getIn(p.slice(0, -1), true);
      if (typeof last === 'string' && isMap(parent)) {
        const pair = parent.items.find((i) => isScalar(i.key) && i.key.value === last);
        if (pair && isNode(pair.key) && pair.key.range) return at(pair.key.range[0]);
      }
      for (let n = p.length; n >= 0; n--) {
        const node = n === 0 ? d.contents : d.getIn(p.slice(0, n), true);
        if (isNode(node) && node.range) return at(node.range[0]);
      }
      return { line: 1, column: 1 };
    },
  };
}

/** Every path of a value, and paths that do not exist below each. */
function paths(v: unknown, p: (string | number)[] = []): (string | number)[][] {
  const out = [p, [...p, 'missing'], [...p, 3], [...p, '0']];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...p, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...p, k]));
  return out;
}

/**
 * Whether the reader agrees with `yaml` on a one-document text `yaml` accepts: the same values, and
 * the same position for every path (and for paths that do not exist). False when js-yaml rejects
 * the text (loadLintFile then uses `yaml` itself).
 */
function expectSameAsYaml(text: string): boolean {
  const ref = reference(text);
  const values = readValues(text);
  if (ref.errors.length > 0 || !values) return false;
  expect(
    values.filter((v) => v !== null && v !== undefined),
    text,
  ).toEqual(ref.values);
  if (ref.values.length !== 1) return true;
  const file = loadLintFile('f.yml', text);
  for (const p of paths(ref.values[0])) expect(file.position(p), `${JSON.stringify(p)} in\n${text}`).toEqual(ref.position(p));
  return true;
}

describe('the lint YAML reader (js-yaml with positions from its parse events)', () => {
  it('reads rule files as yaml does, with the same positions', () => {
    const text = [
      '# rules',
      'groups:',
      '  - name: g',
      '    rules:',
      '      - alert: A   # comment',
      '        expr: sum by (job) (rate(x_total{job="a",code=~"5.."}[5m])) > 0.5',
      '        for: 5m',
      '        labels: { }',
      '        annotations:',
      "          summary: 'it''s {{ $labels.job }}'",
      '          description: "a \\"b\\" \\\\ c"',
      '      - record: job:x:rate5m',
      '        expr: |',
      '          sum(',
      '            x)',
      '',
      '        labels:',
      '        - 1',
      '        -',
      '        - ~',
      'empty:',
      'numbers: [0x1F, 0o17, -1, +2, 1.5, 1e3, .inf, .nan, true, False, null, "1"]',
    ].join('\n');
    expect(expectSameAsYaml(text)).toBe(true);
    const scalars = [
      '0x1F',
      '0o17',
      '-1',
      '+2',
      '1.5',
      '1.',
      '.5',
      '1e3',
      '-.Inf',
      '.nan',
      'true',
      'False',
      'NULL',
      '~',
      'yes',
      '"1"',
      "''",
      '-5m',
      'a#b',
      'x:y',
      'http://h:1/p',
    ];
    expect(expectSameAsYaml(scalars.map((s, i) => `k${i}: ${s}`).join('\n'))).toBe(true);
    expect(expectSameAsYaml('a: >-\n  one\n  two\n\n  three\nb: >\n  x\n\n\n  y\n\nc: |-\n  kept  \n\n')).toBe(true);
  });

  it('reads every shape yaml reads, with the same values and positions', () => {
    for (const text of [
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'a: foo\n  bar\n', // multi-line plain scalar
      "a: 'x\n  y'\n",
      'a: "x \\\n  y\\t"\n',
      'a: 1\r\nb: 2\r\n',
      '"a": 1\n',
      'a: |+\n  x\n',
      'a: |2\n    x\n',
      '- - a\n  - b\n- c\n',
      'a: [1, 2, {b: c}]\nd: {e: [f]}\n',
      'a:\n  # comment\n  b: 1\n',
      'a: # comment\n  b: 1\n',
      'plain\n',
    ]) {
      expect(expectSameAsYaml(text), JSON.stringify(text)).toBe(true);
    }
  });

  it("reads many aliases and nested aliases without expanding them (yaml's toJS threw on 10k aliases)", async () => {
    const { lint } = await import('./engine.js');
    const many = `base: &b {severity: warning}\nlist:\n${Array.from({ length: 10_000 }, () => '  - *b\n').join('')}`;
    const levels = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++)
      levels.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    for (const text of [many, levels.join('\n') + '\n']) {
      const file = loadLintFile('bomb.yml', text);
      expect(file.parseErrors).toEqual([]);
      const started = Date.now();
      expect(lint({ files: [file] }).filter((d) => d.messageId === 'crash')).toEqual([]);
      expect(Date.now() - started).toBeLessThan(10_000);
    }
  });

  it('leaves texts js-yaml rejects to yaml, which reports the errors', () => {
    for (const text of ['a: 1\na: 2\n', 'a: b: c\n', 'a: [1\n', "a: 'un\n"]) {
      expect(readValues(text), text).toBeUndefined();
      expect(loadLintFile('f.yml', text).parseErrors.length, text).toBeGreaterThan(0);
    }
  });

  it('prints no Node warnings for keys that are collections (yaml would, on stderr, for every such file)', () => {
    const warn = vi.spyOn(process, 'emitWarning');
    try {
      const file = loadLintFile('k.yml', 'groups:\n  - ? [a]\n    : b\n    name: [x]\n  - {alert: A\n');
      expect(file.parseErrors.length).toBeGreaterThan(0);
      loadLintFile('k2.yml', '? [a, b]\n: c\n');
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('refuses control characters, as Go yaml does, and says so at their place', () => {
    const [e] = loadLintFile('bin.yml', 'groups:\n  - name: a\x01b\n').parseErrors;
    expect(e).toEqual({ line: 2, column: 12, message: expect.stringContaining('control character U+0001 is not allowed') });
    expect(loadLintFile('tab.yml', 'a:\tb\n').parseErrors).toEqual([]);
  });

  it('says a file nested deeper than the readers go is nested too deeply (no stack overflow message)', () => {
    const errors = loadLintFile('deep.yml', `a: ${'['.repeat(2_000)}${']'.repeat(2_000)}\n`).parseErrors;
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]!.message).toMatch(/^nested too deeply to read/);
    expect(errors.map((e) => e.message).join()).not.toMatch(/call stack/i);
  });

  it('agrees with yaml on the shared corpus and on every benchmark shape', async () => {
    const root = join(import.meta.dirname, '../../../../shared/corpora/rules');
    const files = readdirSync(root, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBe(100);
    for (const f of files) expect(expectSameAsYaml(readFileSync(join(root, f), 'utf8')), f).toBe(true);
    // @ts-expect-error -- a plain .mjs module of the benchmark tools, without types
    const { makeRules, SHAPES } = (await import('../../../tools/bench/make-rules.mjs')) as {
      makeRules: (n: number, s: string) => string;
      SHAPES: string[];
    };
    for (const shape of SHAPES) {
      // yaml does not apply merge keys, and both share aliased values: compare as JSON.
      const text = makeRules(100, shape);
      expect(JSON.stringify(readValues(text)), shape).toEqual(JSON.stringify(reference(text).values));
      const file = loadLintFile('f.yml', text);
      const ref = reference(text);
      for (const p of paths(ref.values[0]).filter((_, i) => i % 7 === 0))
        expect(file.position(p), `${shape} ${JSON.stringify(p)}`).toEqual(ref.position(p));
    }
  }, 120_000);

  it('agrees with yaml on generated documents', () => {
    const atoms = [
      'a',
      'b c',
      '1',
      '0x1F',
      '-1',
      '1.5',
      '.inf',
      'true',
      'null',
      '~',
      "'q''s'",
      '"d\\"q"',
      'foo #c',
      'a: b',
      '[]',
      '{}',
      '[a]',
      '&x a',
      '|',
      '|-',
      '>',
      '- a',
      '-x',
      'x]',
      "'un",
      '@x',
      '? x',
    ];
    const keys = ['a', 'b', 'a', 'true', '1', 'k-1', 'x.y'];
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const gen = (depth: number, ind: number): string[] => {
      const lines: string[] = [];
      const seq = rnd(3) === 0;
      for (let k = 0, n = 1 + rnd(3); k < n; k++) {
        const sp = ' '.repeat(ind);
        const head = seq ? '-' : `${keys[rnd(keys.length)]}:`;
        const r = rnd(10);
        if (r < 5 || depth > 3) lines.push(`${sp}${head} ${atoms[rnd(atoms.length)]}`);
        else if (r < 7) lines.push(sp + head, ...gen(depth + 1, ind + [0, 1, 2, 4][rnd(4)]!));
        else if (r < 8) {
          lines.push(`${sp}${head} ${['|', '|-', '>', '>-'][rnd(4)]}`);
          for (let j = 0, bi = ind + 1 + rnd(3); j < 1 + rnd(4); j++)
            lines.push(rnd(4) === 0 ? '' : ' '.repeat(bi + (rnd(5) === 0 ? 1 : 0)) + atoms[rnd(atoms.length)]);
        } else if (r < 9) lines.push(`${sp}# comment`, '');
        else if (seq) {
          const inner = gen(depth + 1, ind + 2);
          lines.push(`${sp}- ${inner[0]!.trimStart()}`, ...inner.slice(1));
        } else lines.push(' '.repeat(rnd(ind + 3)) + atoms[rnd(atoms.length)]);
      }
      return lines;
    };
    let read = 0;
    for (let t = 0; t < 3000; t++) if (expectSameAsYaml(gen(0, 0).join('\n') + '\n')) read++;
    expect(read).toBeGreaterThan(1000);
  }, 60_000);
});
