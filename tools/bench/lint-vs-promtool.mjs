#!/usr/bin/env node
// Benchmark (on demand, not a test): `kiln lint` against `promtool check rules`.
// Usage (after `npx nx run-many -t build`):
//   node tools/bench/lint-vs-promtool.mjs [rules=10000] [runs=3] [shape…]   one generated file per shape
//   node tools/bench/lint-vs-promtool.mjs corpus [runs=5]                    the 100 files of ../shared/corpora/rules in one invocation
//   node tools/bench/lint-vs-promtool.mjs startup [runs=11]                  an empty rule file: start-up alone, beside `node -e 0`
//   node tools/bench/lint-vs-promtool.mjs dir PATH [runs=5]                  every .yml/.yaml file under PATH in one invocation (your own files)
// Shapes: plain folded block quoted flow anchors mixed (default: all). Runs alternate promtool and
// kiln, so both see the same machine load; each line gives the median wall time (and the best), the
// median CPU time (user + system, from GNU time), and the ratio of the medians.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeRules, SHAPES } from './make-rules.mjs';

const repo = join(import.meta.dirname, '../..');
const kiln = join(repo, 'packages/cli/bin/kiln.cjs');

const TIME = existsSync('/usr/bin/time'); // Debian package `time`; without it CPU is not reported

/** Wall and CPU milliseconds of one run. */
function run(cmd, args) {
  const start = process.hrtime.bigint();
  const [c, a] = TIME ? ['/usr/bin/time', ['-f', '%U %S', cmd, ...args]] : [cmd, args];
  const r = spawnSync(c, a, { stdio: ['ignore', 'ignore', 'pipe'], cwd: repo, maxBuffer: 1 << 30 });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.error) throw r.error;
  const status = r.status === null ? -1 : r.status;
  // 1 = findings (kiln) or rules promtool rejects (duplicates in the corpus), which is fine here.
  if (status > 1) throw new Error(`${cmd} ${args.slice(0, 3).join(' ')}… exited ${status}: ${r.stderr}`);
  const [user, sys] = !TIME ? [NaN, NaN] : r.stderr.toString().trim().split('\n').pop().split(' ').map(Number);
  return { wall, cpu: (user + sys) * 1000 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(0).padStart(6)} ms`;

function compare(label, commands, runs, goal) {
  const results = commands.map(() => ({ wall: [], cpu: [] }));
  for (let i = 0; i < runs; i++) {
    commands.forEach(([, cmd, args], k) => {
      const r = run(cmd, args);
      results[k].wall.push(r.wall);
      results[k].cpu.push(r.cpu);
    });
  }
  const [promtool, lint] = results.map((r) => median(r.wall));
  const ratio = lint / promtool;
  const parts = commands.map(
    ([name], k) => `${name} ${ms(median(results[k].wall))} (best ${ms(Math.min(...results[k].wall))}, cpu ${ms(median(results[k].cpu))})`,
  );
  const verdict = goal === undefined ? '' : ` ${ratio <= goal ? '✓' : '✗'} (goal ≤ ${goal.toFixed(2)})`;
  console.log(`${label.padEnd(12)} ${parts.join('   ')}   ratio ${ratio.toFixed(2)}${verdict}`);
}

const lintArgs = (files) => [kiln, 'lint', '--format', 'json', ...files];

/** promtool check rules and kiln lint on the same files, each in one invocation (goal ≤ 1.0). */
const compareOnFiles = (label, files, runs) =>
  compare(
    label,
    [
      ['promtool', 'promtool', ['check', 'rules', ...files]],
      ['kiln', process.execPath, lintArgs(files)],
    ],
    runs,
    1.0,
  );

const mode = process.argv[2];
if (mode === 'corpus') {
  const runs = Number(process.argv[3] ?? 5);
  const root = join(repo, '../shared/corpora/rules');
  const files = readFileSync(join(root, 'INDEX.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((l) => join(root, l.split('\t')[0]));
  console.log(`${files.length} corpus files in one invocation, median of ${runs} runs`);
  compareOnFiles('corpus', files, runs);
} else if (mode === 'dir') {
  const root = process.argv[3];
  const runs = Number(process.argv[4] ?? 5);
  if (!root || !existsSync(root)) throw new Error('usage: lint-vs-promtool.mjs dir PATH [runs]');
  const files = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
  console.log(`${files.length} files under ${root} in one invocation, median of ${runs} runs`);
  compareOnFiles('files', files, runs);
} else if (mode === 'startup') {
  const runs = Number(process.argv[3] ?? 11);
  const dir = mkdtempSync(join(tmpdir(), 'kiln-bench-'));
  const empty = join(dir, 'empty.yml');
  writeFileSync(empty, 'groups: []\n');
  console.log(`an empty rule file, median of ${runs} runs`);
  compare(
    'start-up',
    [
      ['promtool', 'promtool', ['check', 'rules', empty]],
      ['kiln', process.execPath, lintArgs([empty])],
      ['node -e 0', process.execPath, ['-e', '0']],
    ],
    runs,
  );
  rmSync(dir, { recursive: true, force: true });
} else {
  const n = Number(mode ?? 10000);
  const runs = Number(process.argv[3] ?? 3);
  const shapes = process.argv.length > 4 ? process.argv.slice(4) : SHAPES;
  const dir = mkdtempSync(join(tmpdir(), 'kiln-bench-'));
  console.log(`${n} rules per file, median of ${runs} runs`);
  for (const shape of shapes) {
    const file = join(dir, `${shape}.yml`);
    writeFileSync(file, makeRules(n, shape));
    compare(
      `${shape} ${(statSync(file).size / 1e6).toFixed(1)}MB`,
      [
        ['promtool', 'promtool', ['check', 'rules', file]],
        ['kiln', process.execPath, lintArgs([file])],
      ],
      runs,
      0.8,
    );
  }
  rmSync(dir, { recursive: true, force: true });
}
