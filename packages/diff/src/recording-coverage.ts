/**
 * Which recording rules some promtool `promql_expr_test` queries: a case of a test file that loads
 * the rule's file and whose expression names the recorded series. Pure: reads the generated files.
 */
import { posix } from 'node:path';
import { withoutInputSeries } from './coverage.js';
import { asArray, isRecord, object, pathsUnder } from './parse.js';
import { RULES_DIR, TESTS_DIR, rulesOf, type RuleEntry } from './rules.js';
import type { SiteFiles } from './types.js';

export interface RecordingCoverage {
  rule: RuleEntry;
  /** Names of the unit test cases whose `promql_expr_test` queries the recorded series. */
  testedBy: string[];
}

const names = (expr: string, name: string) => new RegExp(`(?<![\\w:])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w:])`).test(expr);

export function recordingCoverage(files: SiteFiles): RecordingCoverage[] {
  const coverage = rulesOf(files, RULES_DIR)
    .filter((r) => r.kind === 'record')
    .map((rule) => ({ rule, testedBy: [] as string[] }));
  if (coverage.length === 0) return coverage;
  for (const path of pathsUnder(files, TESTS_DIR, '.yml')) {
    const doc = object(path, withoutInputSeries(files.get(path) ?? ''));
    const loaded = new Set(asArray(doc?.rule_files).map((f) => posix.normalize(posix.join(posix.dirname(path), String(f)))));
    for (const [i, t] of asArray(doc?.tests).entries()) {
      if (!isRecord(t)) continue;
      const name = typeof t.name === 'string' ? t.name : `${path} #${i + 1}`;
      for (const q of asArray(t.promql_expr_test)) {
        if (!isRecord(q) || typeof q.expr !== 'string') continue;
        for (const c of coverage) {
          if (loaded.has(c.rule.file) && names(q.expr, c.rule.name) && !c.testedBy.includes(name)) c.testedBy.push(name);
        }
      }
    }
  }
  return coverage;
}
