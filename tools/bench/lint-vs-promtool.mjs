#!/usr/bin/env node
// Benchmark (on demand, not a test): `kiln lint` against `promtool check rules` on one 10,000-rule file.
// Usage: node tools/bench/lint-vs-promtool.mjs [rules=10000] [runs=3]   (after `npm run build`)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeRules } from './make-rules.mjs';

const n = Number(process.argv[2] ?? 10000);
const runs = Number(process.argv[3] ?? 3);
const dir = mkdtempSync(join(tmpdir(), 'kiln-bench-'));
const file = join(dir, 'rules.yml');
writeFileSync(file, makeRules(n));
const kiln = join(import.meta.dirname, '../../packages/cli/bin/kiln.js');

function time(cmd, args) {
  const best = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    try {
      execFileSync(cmd, args, { stdio: 'ignore', maxBuffer: 1 << 30 });
    } catch (err) {
      if (err.status === undefined || err.status > 1) throw err; // 1 = findings, which is fine here
    }
    best.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return Math.min(...best);
}

console.log(`${n} rules, ${(statSync(file).size / 1e6).toFixed(1)} MB, best of ${runs} runs`);
const promtool = time('promtool', ['check', 'rules', file]);
const lint = time(process.execPath, [kiln, 'lint', '--format', 'json', file]);
console.log(`promtool check rules: ${promtool.toFixed(0)} ms`);
console.log(`kiln lint:            ${lint.toFixed(0)} ms`);
console.log(`ratio kiln/promtool:  ${(lint / promtool).toFixed(2)} (goal: ≤ 0.80)`);
rmSync(dir, { recursive: true, force: true });
