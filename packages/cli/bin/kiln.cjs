#!/usr/bin/env node
// The `kiln` command. A committed launcher, so npm links it at install time even before the
// TypeScript is compiled; it loads the compiled CLI and says what to do when that is missing.
// `kiln lint` runs from a one-file bundle with a code cache (start-up in about half the time, see
// packages/cli/scripts/bundle-lint.mjs); the bundle declines what needs the full CLI (sites).
// CommonJS, not an ES module: Node reaches the first line of a CommonJS entry ~20 ms sooner (no ESM
// loader), which is a tenth of `kiln lint` on a pre-commit hook's few files.
'use strict';
const { existsSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { loadBundle } = require('./bundle.cjs');

const compiled = join(__dirname, '../dist/bin.js');
if (!existsSync(compiled)) {
  process.stderr.write('kiln: the CLI is not compiled yet; run `npm run build` at the repository root first.\n');
  process.exit(2);
}
const lint = process.argv[2] === 'lint' ? loadBundle(join(__dirname, '../dist/kiln-lint.cjs')) : undefined;
// A short run spends much of its time in V8's optimizing compiler, on background threads that compete
// with the linting for the CPU (a 100-file run: 780 ms of CPU for 500 ms of wall time, and twice the
// time on a busy machine); without it, CPU ≈ wall and the run is faster up to ~1 MB of input, past
// which optimized code pays off (tools/bench/RESULTS.md). Set after the bundle is compiled, so the
// code cache still matches; undone when the bundle declines (a site build is long work).
const noOpt = lint !== undefined && smallInput(process.argv.slice(3));
if (noOpt) require('node:v8').setFlagsFromString('--no-opt');

/** Whether the files named among `args` exist and add up to at most 1 MiB (a folder counts as large). */
function smallInput(args) {
  let bytes = 0;
  let files = 0;
  for (const a of args) {
    if (a.startsWith('-')) continue;
    const stat = statSync(a, { throwIfNoEntry: false });
    if (stat?.isDirectory()) return false;
    if (stat) files++;
    bytes += stat?.size ?? 0;
  }
  return files > 0 && bytes <= 1 << 20;
}

(lint ? lint.exports.runLint() : Promise.resolve(false)).then((done) => {
  // Exit as soon as the lint is done and its output written out (a pipe is asynchronous on some
  // systems): at the end of the event loop Node first waits for V8's background tasks, typically a
  // concurrent GC marking begun near the end of the run, 7–50 ms of nothing (tools/bench/RESULTS.md).
  if (done && process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit();
  if (done) return;
  if (noOpt) require('node:v8').setFlagsFromString('--opt');
  return import(pathToFileURL(compiled).href);
});
