#!/usr/bin/env node
// Robustness check (on demand, not a test): random line edits of the 100 corpus rule files (lines
// deleted, duplicated, YAML and PromQL and template fragments spliced in) through every lint rule.
// A `crash` diagnostic (a rule that threw) or an exception is printed with the input's file.
//   node tools/fuzz/lint.mjs [seconds=60]      (after `npx nx run-many -t build`)
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lint, loadLintFile } from '@kiln/lint';
const root = join(import.meta.dirname, '../../../shared/corpora/rules');
const files = readFileSync(root + '/INDEX.tsv', 'utf8')
  .split('\n')
  .slice(1)
  .filter(Boolean)
  .map((l) => root + '/' + l.split('\t')[0]);
let seed = Number(process.argv[3] ?? 42);
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const pick = (a) => a[Math.floor(rnd() * a.length)];
const junk = [
  '{',
  '}',
  '[',
  ']',
  ':',
  '- ',
  '&a ',
  '*a',
  '!!binary ',
  '"',
  "'",
  '|',
  '>',
  '#',
  '\t',
  '{{',
  '}}',
  '$labels.',
  'rate(',
  ')',
  '[5m]',
  ' offset ',
  '@',
  'by (',
  '~',
  '=~"',
  '\\',
  '\u0000',
  '\u2028',
  '%',
  '---\n',
  '...\n',
  'null',
  '1e309',
  '-',
  'group_left(',
  'on(',
  'bool',
  '"\\u12"',
];
function mutate(text) {
  const lines = text.split('\n');
  const n = 1 + Math.floor(rnd() * 4);
  for (let k = 0; k < n; k++) {
    const i = Math.floor(rnd() * lines.length);
    const r = rnd();
    if (r < 0.25) lines.splice(i, 1);
    else if (r < 0.45) lines.splice(i, 0, lines[Math.floor(rnd() * lines.length)] ?? '');
    else {
      const l = lines[i] ?? '';
      const p = Math.floor(rnd() * (l.length + 1));
      lines[i] = l.slice(0, p) + pick(junk) + l.slice(p + (rnd() < 0.5 ? 1 : 0));
    }
  }
  return lines.join('\n');
}
const texts = files.map((f) => readFileSync(f, 'utf8'));
let crashes = 0,
  thrown = 0,
  runs = 0;
const started = Date.now();
while (Date.now() - started < Number(process.argv[2] ?? 60) * 1000) {
  const t = mutate(pick(texts));
  runs++;
  try {
    const f = loadLintFile('m.yml', t);
    const d = lint({ files: [f] });
    const c = d.filter((x) => x.messageId === 'crash');
    if (c.length) {
      crashes++;
      if (crashes <= 5) {
        console.log('CRASH', c[0].message);
        require_write(t, crashes);
      }
    }
  } catch (e) {
    thrown++;
    if (thrown <= 5) {
      console.log('THROWN', e.stack.split('\n').slice(0, 4).join(' | '));
      require_write(t, 100 + thrown);
    }
  }
}
function require_write(t, i) {
  const file = join(tmpdir(), `kiln-fuzz-${i}.yml`);
  writeFileSync(file, t);
  console.log(`  (the input: ${file})`);
}
console.log({ runs, crashes, thrown });
