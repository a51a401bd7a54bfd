/**
 * Recording rules of the site → `prometheus/rules/recording.yml` and its promtool unit tests
 * (`promql_expr_test`: the recorded series and their values at an evaluation time).
 */
import type { Labels, ResolvedRecordingRule, ResolvedSite } from '@kiln/model';
import { selector } from '@kiln/exporters';
import { layout } from '@kiln/plan';
import { groupName } from './rules.js';

export const RECORDING_GROUP = 'recording';
const TEST_INTERVAL = '1m';

export interface RecordingRule {
  record: string;
  expr: string;
  labels?: Labels;
}

export interface PromqlExprTestCase {
  name: string;
  interval: string;
  input_series: { series: string; values: string }[];
  promql_expr_test: { expr: string; eval_time: string; exp_samples: { labels: string; value: number }[] }[];
}

export function recordingRule(r: ResolvedRecordingRule): RecordingRule {
  return { record: r.name, expr: r.expr, ...(Object.keys(r.labels).length > 0 && { labels: r.labels }) };
}

/** The rule file's value, or undefined when the site records nothing. */
export function recordingRuleFile(site: ResolvedSite): { groups: { name: string; rules: RecordingRule[] }[] } | undefined {
  if (site.recordingRules.length === 0) return undefined;
  return { groups: [{ name: groupName(site, RECORDING_GROUP), rules: site.recordingRules.map(recordingRule) }] };
}

/**
 * One case per declared test: the rule name queried at `evalTime` must give exactly the expected
 * series (the rule's own labels are added to each, as Prometheus adds them when recording).
 */
export function recordingTests(site: ResolvedSite): PromqlExprTestCase[] {
  return site.recordingRules.flatMap((r) =>
    r.tests.map((t, i) => ({
      name: t.name ?? `${r.name} case ${i + 1}`,
      interval: t.interval ?? TEST_INTERVAL,
      input_series: t.series,
      promql_expr_test: [
        {
          expr: r.name,
          eval_time: t.evalTime,
          exp_samples: t.expect.map((e) => ({ labels: selector(r.name, { ...e.labels, ...r.labels }), value: e.value })),
        },
      ],
    })),
  );
}

export const recordingRuleFileRef = () => layout.prometheus.ruleFileRef(RECORDING_GROUP);
