import { describe, expect, it } from 'vitest';
import { LineCounter, isMap, isNode, isScalar, parseAllDocuments } from 'yaml';
import { loadLintFile } from './files.js';
import { parsePlainYaml } from './plain-yaml.js';

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

function expectSameAsYaml(text: string): boolean {
  const plain = parsePlainYaml(text);
  if (!plain) return false;
  const ref = reference(text);
  expect(ref.errors).toEqual([]);
  expect(ref.values).toEqual([plain.root.value]);
  const file = loadLintFile('f.yml', text);
  for (const p of paths(plain.root.value)) expect(file.position(p), JSON.stringify(p)).toEqual(ref.position(p));
  return true;
}

describe('parsePlainYaml', () => {
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
    expect(expectSameAsYaml(text)).toBe(false); // flow collections are left to yaml
    expect(expectSameAsYaml(text.replace(/\nnumbers.*/, '').replace('{ }', '{}'))).toBe(true);
    const scalars = ['0x1F', '0o17', '-1', '+2', '1.5', '1.', '.5', '1e3', '-.Inf', '.nan', 'true', 'False', 'NULL', '~', 'yes', '"1"', "''", '-5m', 'a#b', 'x:y', 'http://h:1/p'];
    expect(expectSameAsYaml(scalars.map((s, i) => `k${i}: ${s}`).join('\n'))).toBe(true);
    expect(expectSameAsYaml('a: >-\n  one\n  two\n\n  three\nb: >\n  x\n\n\n  y\n\nc: |-\n  kept  \n\n')).toBe(true);
  });

  it('leaves everything outside its subset to yaml', () => {
    for (const text of [
      'a: 1\na: 2\n', // duplicate key: yaml reports it
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'a: b: c\n',
      'a: foo\n  bar\n', // multi-line plain scalar
      "a: 'x\n  y'\n",
      '---\na: 1\n---\nb: 2\n',
      'a:\tb\n',
      'a: 1\r\n',
      '1: a\n',
      '"a": 1\n',
      'a: |+\n  x\n',
      'a: |2\n    x\n',
      '- - a\n',
      'a: [1, 2]\n',
      '__proto__: 1\n',
      'plain\n',
      '',
    ]) {
      expect(parsePlainYaml(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('agrees with yaml on generated documents', () => {
    const atoms = ['a', 'b c', '1', '0x1F', '-1', '1.5', '.inf', 'true', 'null', '~', "'q''s'", '"d\\"q"', 'foo #c', 'a: b', '[]', '{}', '[a]', '&x a', '|', '|-', '>', '- a', '-x', 'x]', "'un", '@x', '? x'];
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
          for (let j = 0, bi = ind + 1 + rnd(3); j < 1 + rnd(4); j++) lines.push(rnd(4) === 0 ? '' : ' '.repeat(bi + (rnd(5) === 0 ? 1 : 0)) + atoms[rnd(atoms.length)]);
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
    expect(read).toBeGreaterThan(300);
  });
});
