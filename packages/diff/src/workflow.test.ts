/**
 * .github/workflows/kiln.yml, checked by action-validator (the workflow JSON Schema from
 * SchemaStore, compiled to WebAssembly) and by running its comment script against a recorded
 * GitHub API, so "find the comment by its marker, update it, else create one" is proven.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MARKER } from './markdown.js';

const require = createRequire(import.meta.url);
const { validateWorkflow } = require('@action-validator/core') as typeof import('@action-validator/core');

const file = join(import.meta.dirname, '../../../.github/workflows/kiln.yml');
const text = readFileSync(file, 'utf8');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string>;
}
const steps = (parse(text) as { jobs: { kiln: { steps: Step[] } } }).jobs.kiln.steps;
const step = (pred: (s: Step) => boolean) => {
  const s = steps.find(pred);
  if (!s) throw new Error('step not found');
  return s;
};

describe('.github/workflows/kiln.yml', () => {
  it('is a valid workflow for action-validator', () => {
    expect(validateWorkflow(text).errors).toEqual([]);
  });

  it('the validator catches a broken workflow (the check can fail)', () => {
    const broken = text.replace('runs-on: ubuntu-24.04', 'runs_on: ubuntu-24.04');
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
  });

  it('installs, gates on drift, uploads SARIF, tests, and reviews pull requests', () => {
    const runs = steps.map((s) => s.run ?? '').join('\n');
    expect(runs).toContain('npm ci');
    expect(runs).toMatch(/apt-get install -y .*prometheus prometheus-alertmanager/);
    expect(runs).toContain('npx kiln build --check');
    expect(runs).toContain('npx kiln lint --format sarif > kiln.sarif');
    expect(step((s) => s.uses?.startsWith('github/codeql-action/upload-sarif') ?? false).with?.sarif_file).toBe('kiln.sarif');
    expect(runs).toContain('npx kiln test');
    const diff = step((s) => s.run?.includes('npx kiln diff') ?? false);
    expect(diff.run).toContain('--base "origin/${BASE_REF}"');
    expect(diff.if).toBe("github.event_name == 'pull_request'");
    // Untrusted expressions go through env, never into a script.
    expect(runs).not.toContain('${{');
  });

  describe('the comment script', () => {
    const script = step((s) => s.uses?.startsWith('actions/github-script') ?? false).with!.script!;

    it('looks for the marker kiln diff writes', () => {
      expect(script).toContain(`'${MARKER}'`);
    });

    async function runScript(existing: { id: number; body: string; user: { type: string } }[]) {
      const calls: [string, Record<string, unknown>][] = [];
      const record = (name: string) => async (args: Record<string, unknown>) => {
        calls.push([name, args]);
        return { data: { html_url: 'https://github.example/c/1' } };
      };
      const github = {
        paginate: async (fn: unknown, args: Record<string, unknown>) => {
          calls.push(['paginate', args]);
          expect(fn).toBe(github.rest.issues.listComments);
          return existing.map((c) => ({ ...c, html_url: `https://github.example/c/${c.id}` }));
        },
        rest: {
          issues: { listComments: record('listComments'), updateComment: record('updateComment'), createComment: record('createComment') },
        },
      };
      const context = { repo: { owner: 'o', repo: 'r' }, issue: { number: 7 } };
      const fakeRequire = (m: string) => {
        expect(m).toBe('node:fs');
        return { readFileSync: () => `${MARKER}\nreport` };
      };
      const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
        ...args: string[]
      ) => (...a: unknown[]) => Promise<unknown>;
      await new AsyncFunction('require', 'github', 'context', 'core', script)(fakeRequire, github, context, { info: () => {} });
      return calls;
    }

    it('creates the comment on the first push', async () => {
      const calls = await runScript([{ id: 1, body: 'LGTM', user: { type: 'User' } }]);
      expect(calls.map((c) => c[0])).toEqual(['paginate', 'createComment']);
      expect(calls[1]![1]).toEqual({ owner: 'o', repo: 'r', issue_number: 7, body: `${MARKER}\nreport` });
    });

    it('updates its own comment on later pushes, not a human quoting the marker', async () => {
      const calls = await runScript([
        { id: 1, body: `> ${MARKER} quoted`, user: { type: 'User' } },
        { id: 2, body: `${MARKER}\nold report`, user: { type: 'Bot' } },
      ]);
      expect(calls.map((c) => c[0])).toEqual(['paginate', 'updateComment']);
      expect(calls[1]![1]).toEqual({ owner: 'o', repo: 'r', comment_id: 2, body: `${MARKER}\nreport` });
    });
  });
});
