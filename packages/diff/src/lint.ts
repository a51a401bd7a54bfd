/** Lint findings a change introduces and fixes: the two lists compared by rule id and message. */
import { code } from './show.js';
import type { Change, LintFinding, Risk } from './types.js';

const key = (f: LintFinding) => `${f.ruleId}\u0000${f.message}`;

/** Findings of `a` not matched one-to-one by a finding of `b`. */
function minus(a: LintFinding[], b: LintFinding[]): LintFinding[] {
  const left = new Map<string, number>();
  for (const f of b) left.set(key(f), (left.get(key(f)) ?? 0) + 1);
  return a.filter((f) => {
    const n = left.get(key(f)) ?? 0;
    if (n > 0) left.set(key(f), n - 1);
    return n === 0;
  });
}

const RISK: Record<LintFinding['severity'], Risk> = { error: 'high', warning: 'medium', info: 'low' };

function where(f: LintFinding): string {
  const l = f.location;
  return l?.file ? ` (${l.file}${l.line ? `:${l.line}` : ''})` : '';
}

export function diffLint(base: LintFinding[], head: LintFinding[]): Change[] {
  return [
    ...minus(head, base).map((f): Change => ({
      subject: 'lint finding',
      kind: 'added',
      risk: RISK[f.severity],
      summary: `introduces ${f.severity} ${code(f.ruleId)}: ${f.message}${where(f)}`,
      details: [],
    })),
    ...minus(base, head).map((f): Change => ({
      subject: 'lint finding',
      kind: 'removed',
      risk: 'low',
      summary: `fixes ${f.severity} ${code(f.ruleId)}: ${f.message}`,
      details: [],
    })),
  ];
}
