#!/usr/bin/env node
// Installs Kiln's pre-commit hook (run by `npm install` through the `prepare` script; npm 11 runs the
// root package's own lifecycle scripts). A dependency-free installer instead of husky/lefthook: the
// hook is four commands, and lefthook's binary download is one more install step to allow under npm 11.
// Skip the hook for one commit with `git commit --no-verify`.
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

if (process.env.CI) process.exit(0);
let hooksDir;
try {
  hooksDir = execFileSync('git', ['rev-parse', '--git-path', 'hooks'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
} catch {
  process.exit(0); // not a git checkout (e.g. installed from a tarball): nothing to hook into
}
if (!existsSync(hooksDir)) mkdirSync(hooksDir, { recursive: true });
const hook = join(hooksDir, 'pre-commit');
writeFileSync(
  hook,
  `#!/bin/sh
# Installed by tools/install-hooks.mjs — Kiln's pre-commit checks. Skip once with --no-verify.
set -e
staged=$(git diff --cached --name-only --diff-filter=ACMR)
kiln="node packages/cli/bin/kiln.cjs"
# Recompile only when TypeScript changed; nx's cache makes untouched packages free.
if echo "$staged" | grep -q '^packages/.*\\.ts$'; then npx nx run-many -t build --output-style=static > /dev/null; fi
# One in-memory build per site serves both checks: generated/ is current, and the sites lint clean.
$kiln lint --check-generated
# Configuration files staged by hand (not Kiln's own output) get the file rules too.
yaml=$(echo "$staged" | grep -E '\\.ya?ml$' | grep -vE '^(generated|\\.github)/|/fixtures/' || true)
if [ -n "$yaml" ]; then $kiln lint $yaml; fi
`,
);
chmodSync(hook, 0o755);
console.log(`kiln: installed the pre-commit hook at ${hook}`);
