#!/usr/bin/env node
// The `kiln` command. A committed launcher, so npm links it at install time even before the
// TypeScript is compiled; it loads the compiled CLI and says what to do when that is missing.
// `kiln lint` runs from a one-file bundle with a code cache (start-up in about half the time, see
// packages/cli/scripts/bundle-lint.mjs); the bundle declines what needs the full CLI (sites).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadBundle } from './bundle.js';

const compiled = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
if (!existsSync(compiled)) {
  process.stderr.write('kiln: the CLI is not compiled yet; run `npm run build` at the repository root first.\n');
  process.exit(2);
}
const lint = process.argv[2] === 'lint' ? loadBundle(fileURLToPath(new URL('../dist/kiln-lint.cjs', import.meta.url))) : undefined;
if (!(lint && (await lint.exports.runLint()))) await import(compiled);
