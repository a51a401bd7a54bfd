/**
 * Recording rules of a site: `name → { expr, labels?, tests? }`. Kept apart from schema.ts so the
 * recording-rule part of the language reads as one unit; schema.ts only refers to `RecordingRules`.
 */
import { z } from 'zod';

/** `level:metric:operations` (Prometheus' naming convention for recording rules), colons allowed. */
export const RECORDING_RULE_NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]*(:[a-zA-Z0-9_]+)+$/;
const LabelName = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'must be a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)');
const Labels = z.record(LabelName, z.string());
const Duration = z
  .string()
  .regex(/^(0|(?=\d)(\d+y)?(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?(\d+ms)?)$/, 'must be a Prometheus duration such as `1m`');

export const RecordingRuleTest = z
  .strictObject({
    name: z.string().optional().describe('What the case checks, shown by promtool on failure.'),
    interval: Duration.optional().describe('Spacing of the input samples (default `1m`).'),
    series: z
      .array(
        z.strictObject({
          series: z.string().describe('Series in promtool notation, e.g. `node_cpu_seconds_total{mode="idle",host="pve1"}`.'),
          values: z.string().describe('Expanding notation, e.g. `0+60x10`.'),
        }),
      )
      .min(1),
    evalTime: Duration.describe('When the recorded series is checked, e.g. `10m`.'),
    expect: z
      .array(z.strictObject({ labels: Labels.describe('Labels of the recorded series (without `__name__`).'), value: z.number() }))
      .describe('Every series the rule records at evalTime (promtool `promql_expr_test`; empty: nothing recorded).'),
  })
  .describe('A promtool `promql_expr_test` case for a recording rule.');

export const RecordingRule = z
  .strictObject({
    expr: z.string().min(1).describe('PromQL expression whose result is recorded under the rule name.'),
    labels: Labels.optional().describe('Labels added to every recorded series.'),
    description: z.string().optional().describe('What the recorded series means (documentation only).'),
    tests: z.array(RecordingRuleTest).optional().describe('promtool unit tests of the rule (at least one recommended).'),
  })
  .describe('A recording rule: pre-computes an expression for dashboards and alerts.');

export const RecordingRules = z
  // The name pattern is checked in resolve (resolve-extensions.ts): zod reports a bad record key only as "Invalid key in record".
  .record(z.string(), RecordingRule)
  .describe('Recording rules by the name of the series they record, written to `prometheus/rules/recording.yml` with promtool tests.');
