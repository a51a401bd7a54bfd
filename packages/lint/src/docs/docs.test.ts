import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { renderDocs } from './render.js';

const docsDir = join(import.meta.dirname, '../../docs');
const rulesDir = join(import.meta.dirname, '../rules');

describe('rule docs and registry', () => {
  it('every rule has a docs page that matches its metadata (run `npm run docs -w @kiln/lint` when this fails)', () => {
    for (const [path, content] of renderDocs()) {
      const file = join(docsDir, path);
      expect(existsSync(file), `${path} is missing`).toBe(true);
      expect(readFileSync(file, 'utf8'), `${path} is stale`).toBe(content);
    }
  });

  it('has no docs page for a rule that does not exist', () => {
    const pages = readdirSync(join(docsDir, 'rules'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => relative(join(docsDir, 'rules'), join(e.parentPath, e.name)).replace(/\.md$/, ''));
    expect(pages.sort()).toEqual(RULES.map((r) => r.id).sort());
  });

  it('every rule id equals its file path, has a colocated test, and a described default for every option', () => {
    for (const rule of RULES) {
      expect(existsSync(join(rulesDir, `${rule.id}.ts`)), rule.id).toBe(true);
      expect(existsSync(join(rulesDir, `${rule.id}.test.ts`)), `${rule.id} has no test`).toBe(true);
      expect(() => rule.meta.options.parse({}), `${rule.id}: options must all have defaults`).not.toThrow();
      expect(rule.meta.rationale.length, rule.id).toBeGreaterThan(40);
    }
    const files = readdirSync(rulesDir, { recursive: true })
      .map(String)
      .filter((f) => /^[a-z]+\/[a-z-]+\.ts$/.test(f) && !f.endsWith('.test.ts'));
    expect(
      files
        .map((f) => f.replace(/\.ts$/, ''))
        .filter((f) => !f.endsWith('fixtures'))
        .sort(),
    ).toEqual(RULES.map((r) => r.id).sort());
  });
});
