#!/usr/bin/env node
// Installs Kiln's pre-commit hook: compile, refuse a stale generated/, and lint every site.
// Run once per clone: `npm run hooks:install`. Skip for one commit with `git commit --no-verify`.
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const gitDir = execFileSync('git', ['rev-parse', '--git-path', 'hooks'], { encoding: 'utf8' }).trim();
if (!existsSync(gitDir)) mkdirSync(gitDir, { recursive: true });
const hook = join(gitDir, 'pre-commit');
writeFileSync(
  hook,
  `#!/bin/sh
# Installed by tools/install-hooks.mjs — Kiln's pre-commit checks.
set -e
npx nx run-many -t build --output-style=static > /dev/null
npx kiln build --check --quiet || { echo "generated/ is stale: run \\\`npm run build\\\` and stage the result"; exit 1; }
npx kiln lint
`,
);
chmodSync(hook, 0o755);
console.log(`installed ${hook}`);
