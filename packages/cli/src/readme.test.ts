/** The repository's README starts with what a newcomer runs: the build command and the test command CI runs. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');

it('the README starts with its title and the two commands, and CI runs that test command', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const [title, ...rest] = readme.split('\n');
  expect(title).toBe('# Kiln');
  const firstBlock = rest.join('\n').match(/```sh\n([\s\S]*?)```/)?.[1] ?? '';
  expect(rest.join('\n').indexOf('```sh')).toBeLessThan(200);
  const commands = firstBlock.split('\n').map((l) => l.replace(/#.*/, '').trim());
  expect(commands).toContain('npm install && npm run build');
  expect(commands).toContain('npm test');
  expect(readFileSync(join(root, '.ci/run'), 'utf8')).toMatch(/^npm test$/m);
});
