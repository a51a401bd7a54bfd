#!/usr/bin/env node
// Benchmark (on demand, not a test): `kiln lint` against `promtool check rules`.
// Usage (after `npx nx run-many -t build`):
//   node tools/bench/lint-vs-promtool.mjs [rules=10000] [runs=3] [shape…]   one generated file per shape
//   node tools/bench/lint-vs-promtool.mjs corpus [runs=3]                    the 100 files of ../shared/corpora/rules in one invocation
// Shapes: plain folded block quoted flow anchors mixed (default: all). Runs alternate promtool and
// kiln, and the best of each is kept, so both see the same machine load.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeRules, SHAPES } from './make-rules.mjs';

const repo = join(import.meta.dirname, '../..');
const kiln = join(repo, 'packages/cli/bin/kiln.js');

function run(cmd, args) {
  const start = process.hrtime.bigint();
  try {
    execFileSync(cmd, args, { stdio: 'ignore', maxBuffer: 1 << 30, cwd: repo });
  } catch (err) {
    if (err.status === undefined || err.status > 1) throw err; // 1 = findings, which is fine here
  }
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function compare(label, files, runs, goal) {
  let promtool = Infinity;
  let lint = Infinity;
  for (let i = 0; i < runs; i++) {
    promtool = Math.min(promtool, run('promtool', ['check', 'rules', ...files]));
    lint = Math.min(lint, run(process.execPath, [kiln, 'lint', '--format', 'json', ...files]));
  }
  const ratio = lint / promtool;
  console.log(
    `${label.padEnd(10)} promtool ${promtool.toFixed(0).padStart(6)} ms   kiln ${lint.toFixed(0).padStart(6)} ms   ratio ${ratio.toFixed(2)} ${ratio <= goal ? '✓' : '✗'} (goal ≤ ${goal.toFixed(2)})`,
  );
  return ratio;
}

if (process.argv[2] === 'corpus') {
  const runs = Number(process.argv[3] ?? 3);
  const root = join(repo, '../shared/corpora/rules');
  const files = readFileSync(join(root, 'INDEX.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((l) => join(root, l.split('\t')[0]));
  console.log(`${files.length} corpus files in one invocation, best of ${runs} runs`);
  compare('corpus', files, runs, 1.0);
} else {
  const n = Number(process.argv[2] ?? 10000);
  const runs = Number(process.argv[3] ?? 3);
  const shapes = process.argv.length > 4 ? process.argv.slice(4) : SHAPES;
  const dir = mkdtempSync(join(tmpdir(), 'kiln-bench-'));
  console.log(`${n} rules per file, best of ${runs} runs`);
  for (const shape of shapes) {
    const file = join(dir, `${shape}.yml`);
    writeFileSync(file, makeRules(n, shape));
    compare(`${shape} ${(statSync(file).size / 1e6).toFixed(1)}MB`, [file], runs, 0.8);
  }
  rmSync(dir, { recursive: true, force: true });
}
