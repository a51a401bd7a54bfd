#!/usr/bin/env node
// The `kiln` command. A committed launcher, so npm links it at install time even before the
// TypeScript is compiled; it loads the compiled CLI and says what to do when that is missing.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
if (!existsSync(compiled)) {
  process.stderr.write('kiln: the CLI is not compiled yet; run `npm run build` at the repository root first.\n');
  process.exit(2);
}
await import(compiled);
