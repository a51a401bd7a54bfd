/**
 * Static valid/invalid tables for one rule, in the style of typescript-eslint's RuleTester: each
 * case builds a site (from the shared small test site) and/or files, and invalid cases list the
 * findings expected, by message id and place.
 */
import { resolve, type SiteInput } from '@kiln/model';
import { smallSite } from '@kiln/model/testing';
import { describe, expect, it } from 'vitest';
import { lint } from './engine.js';
import { loadLintFile } from './files.js';
import type { Rule } from './types.js';

export interface TestCase {
  name: string;
  /** Changes to the small test site; omit `site` and give only `files` to lint loose files. */
  site?: (site: SiteInput) => void;
  files?: Record<string, string>;
  options?: Record<string, unknown>;
}

export interface Expected {
  messageId: string;
  modelPath?: string;
  file?: string;
  line?: number;
  /** A fragment the message must contain. */
  message?: string;
}

function run(rule: Rule, c: TestCase) {
  let site: ReturnType<typeof resolve> | undefined;
  if (c.site) {
    const input = smallSite();
    c.site(input);
    site = resolve(input);
  }
  const lintWith = (fastYaml: boolean) => {
    const files = Object.entries(c.files ?? {}).map(([path, text]) => loadLintFile(path, text, { fastYaml }));
    return lint({ ...(site && { site }), files, registry: [rule], rules: { [rule.id]: { options: c.options ?? {} } } });
  };
  const found = lintWith(true);
  // The fast YAML reader (yaml-fast.ts) changes no finding: the same values and positions as js-yaml's.
  if (c.files) expect(lintWith(false), 'findings without the fast YAML reader').toEqual(found);
  return found;
}

export function testRule(rule: Rule, tables: { valid: TestCase[]; invalid: (TestCase & { errors: Expected[] })[] }): void {
  describe(rule.id, () => {
    it.each(tables.valid.map((c) => [c.name, c] as const))('valid: %s', (_, c) => {
      expect(run(rule, c).map((d) => d.message)).toEqual([]);
    });
    it.each(tables.invalid.map((c) => [c.name, c] as const))('invalid: %s', (_, c) => {
      const found = run(rule, c);
      expect(found.every((d) => d.ruleId === rule.id)).toBe(true);
      expect(
        found.map((d) => ({
          messageId: d.messageId,
          ...(c.errors.some((e) => e.modelPath) && { modelPath: d.location.modelPath }),
          ...(c.errors.some((e) => e.file) && { file: d.location.file }),
          ...(c.errors.some((e) => e.line) && { line: d.location.line }),
        })),
      ).toEqual(c.errors.map(({ message: _m, ...e }) => e));
      c.errors.forEach((e, i) => {
        if (e.message) expect(found[i]!.message).toContain(e.message);
      });
    });
  });
}
