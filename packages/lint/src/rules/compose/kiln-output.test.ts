/**
 * Kiln's own Compose output must be clean when linted as a loose file — by the compose/ rules and by
 * the file checks of net/no-wildcard-bind and security/no-inline-secret — read from `generated/`.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../engine.js';
import { loadLintFile } from '../../files.js';
import { RULES } from '../index.js';

const generated = join(import.meta.dirname, '../../../../../generated');
const composeFiles = readdirSync(generated).flatMap((site) => {
  const dir = join(generated, site, 'compose');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('compose.yaml'))
    .map((f) => `generated/${site}/compose/${f}`);
});
const registry = RULES.filter(
  (r) => r.id.startsWith('compose/') || r.id === 'net/no-wildcard-bind' || r.id === 'security/no-inline-secret',
);

const findings = (path: string, text: string) =>
  lint({ files: [loadLintFile(path, text)], registry, rules: {} }).map((d) => `${d.ruleId}: ${d.message}`);

describe("Kiln's Compose output", () => {
  it('exists for Pantheon', () => {
    expect(composeFiles).toContain('generated/pantheon/compose/compose.yaml');
  });

  it.each(composeFiles)('%s is clean, and a bare publish in it would be caught', (path) => {
    const text = readFileSync(join(generated, '..', path), 'utf8');
    expect(findings(path, text)).toEqual([]);
    const bare = text.replace(/- \d{1,3}(?:\.\d{1,3}){3}:(\d+):(\d+)\n/, '- $1:$2\n');
    expect(bare).not.toBe(text);
    expect(findings(path, bare)).toEqual([expect.stringMatching(/^compose\/no-wildcard-publish: /)]);
  });
});
