/**
 * promtool (Prometheus 2.42 on these machines) as the oracle: every expression of the shared subset
 * of 2.42 and 3.x must get promtool's verdict. Needs promtool; with CI set a missing promtool fails.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkExpr, checkRuleExpr } from './check.js';
import { PROMQL_CASES } from './test-fixtures/promql-cases.js';
import { PROMTOOL, promtoolVerdicts, promtoolVersion, type PromtoolVerdict } from './test-fixtures/promtool.js';

const version = promtoolVersion();

if (!version && !process.env.CI) {
  console.warn(`promtool oracle skipped: no promtool at ${PROMTOOL} (install the Debian package "prometheus" or set PROMTOOL)`);
}

if (!version && process.env.CI) {
  it('promtool is installed (required when CI is set)', () => {
    expect.fail(`promtool not found at ${PROMTOOL}: install the Debian package "prometheus" or set PROMTOOL`);
  });
}

describe.skipIf(!version)(
  `agreement with promtool check rules${version ? ` ${version}` : ` (skipped: no promtool at ${PROMTOOL})`}`,
  () => {
    let verdicts: PromtoolVerdict[] = [];
    beforeAll(() => {
      verdicts = promtoolVerdicts(PROMQL_CASES.map((c) => c.expr));
    });

    const verdictOf = (i: number): PromtoolVerdict => verdicts[i] ?? { accepted: true };

    it('has a large table covering valid and invalid expressions', () => {
      const shared = PROMQL_CASES.filter((c) => c.shared);
      expect(shared.length).toBeGreaterThanOrEqual(300);
      expect(shared.filter((c) => c.valid).length).toBeGreaterThanOrEqual(100);
      expect(shared.filter((c) => !c.valid).length).toBeGreaterThanOrEqual(100);
    });

    it('accepts and rejects every shared expression as promtool does', () => {
      const disagreements: string[] = [];
      PROMQL_CASES.forEach((c, i) => {
        if (!c.shared) return;
        const promtool = verdictOf(i);
        const ours = checkExpr(c.expr);
        if (promtool.accepted !== (ours.length === 0)) {
          disagreements.push(
            `${JSON.stringify(c.expr)}: promtool ${promtool.accepted ? 'accepts' : `rejects (${promtool.message})`}, checkExpr ${ours.length === 0 ? 'accepts' : `rejects (${ours[0]?.message})`}`,
          );
        }
      });
      expect(disagreements).toEqual([]);
    });

    it('agrees with the table on the shared expressions (the table is right)', () => {
      const wrong = PROMQL_CASES.filter((c, i) => c.shared && verdictOf(i).accepted !== c.valid).map((c) => c.expr);
      expect(wrong).toEqual([]);
    });

    it('reports the position promtool reports whenever the first message is the same', () => {
      let same = 0;
      const moved: string[] = [];
      PROMQL_CASES.forEach((c, i) => {
        const promtool = verdictOf(i);
        const first = checkExpr(c.expr)[0];
        if (!c.shared || promtool.accepted || !first || first.message !== promtool.message) return;
        same++;
        if (first.line !== promtool.line || first.column !== promtool.column) {
          moved.push(`${JSON.stringify(c.expr)}: promtool ${promtool.line}:${promtool.column}, ours ${first.line}:${first.column}`);
        }
      });
      expect(moved).toEqual([]);
      // Most type and grammar-action errors are worded exactly like Prometheus.
      expect(same).toBeGreaterThanOrEqual(150);
    });

    it.runIf(version?.startsWith('2.'))('gets the opposite verdict from promtool 2.x for every 3.x-only difference', () => {
      const same = PROMQL_CASES.filter((c, i) => !c.shared && verdictOf(i).accepted === c.valid).map((c) => c.expr);
      expect(same).toEqual([]);
    });

    it('promtool accepts rules that evaluate to range vectors or strings, which checkRuleExpr flags', () => {
      const exprs = ['up[5m]', '"text"', 'rate(up[5m])[10m:1m]'];
      const ruleVerdicts = promtoolVerdicts(exprs);
      expect(ruleVerdicts.map((v) => v.accepted)).toEqual([true, true, true]);
      for (const e of exprs) expect(checkRuleExpr(e).map((p) => p.code)).toEqual(['rule/result-type']);
    });
  },
);
