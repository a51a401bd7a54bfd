import { describe, expect, it } from 'vitest';
import { diffLint } from './lint.js';
import type { LintFinding } from './types.js';

const f = (ruleId: string, message: string, severity: LintFinding['severity'] = 'warning'): LintFinding => ({
  ruleId,
  severity,
  message,
  location: { file: 'generated/lab/x.yml', line: 3 },
});

describe('diffLint', () => {
  it('reports only what the change introduces and fixes, compared by rule id and message', () => {
    const base = [f('net/a', 'one'), f('net/a', 'two'), f('tls/b', 'same')];
    const head = [f('net/a', 'two'), f('tls/b', 'same'), f('alerting/c', 'new', 'error')];
    expect(diffLint(base, head).map((c) => [c.kind, c.risk, c.summary])).toEqual([
      ['added', 'high', 'introduces error `alerting/c`: new (generated/lab/x.yml:3)'],
      ['removed', 'low', 'fixes warning `net/a`: one'],
    ]);
  });

  it('counts duplicates: a second identical finding is new', () => {
    expect(diffLint([f('a/b', 'm')], [f('a/b', 'm'), f('a/b', 'm')]).map((c) => c.kind)).toEqual(['added']);
  });
});
