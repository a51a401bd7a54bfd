/** Writes packages/lint/docs from the rules' metadata: `npm run docs -w @kiln/lint`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { renderDocs } from './render.js';

const root = join(import.meta.dirname, '../../docs');
for (const [path, content] of renderDocs()) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}
console.log(`wrote ${renderDocs().size} files to ${root}`);
