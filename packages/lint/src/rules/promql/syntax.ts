import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { exprAnalysis, featuresOf, promqlFeatureOptions } from '../../readers/expr.js';
import { at, describeRule, exprLocation, promRules, ruleEntity } from '../../readers/rules.js';

/** Prometheus' messages for syntax behind a feature flag, with the flag and this rule's option that accept it. */
const FEATURE_HINTS: [RegExp, string, string][] = [
  [
    /^function ".*" is not enabled$|must be enabled with --enable-feature=promql-experimental-functions$/,
    'promql-experimental-functions',
    'experimentalFunctions',
  ],
  [/^experimental duration expression is not enabled$/, 'promql-duration-expr', 'durationExpressions'],
  [/^(anchored|smoothed) modifier is experimental and not enabled$/, 'promql-extended-range-selectors', 'extendedRangeSelectors'],
  [/^binop fill modifiers are experimental and not enabled$/, 'promql-binop-fill-modifiers', 'binopFillModifiers'],
];

function withHint(problem: string): string {
  const hint = FEATURE_HINTS.find(([re]) => re.test(problem));
  return hint
    ? `${problem} (Prometheus 3.x accepts it with \`--enable-feature=${hint[1]}\`; if yours runs with it, set this rule's option \`${hint[2]}: true\`)`
    : problem;
}

export default createRule({
  id: 'promql/syntax',
  meta: {
    description: 'Every rule expression parses and type-checks as Prometheus 3.x does (`promtool check rules`), offline.',
    rationale:
      'Prometheus refuses to load a rule file with one bad expression, so every rule in it stops evaluating until the file is fixed. ' +
      'Type errors (`rate(x)` without a range, a comparison between scalars without `bool`) are as fatal as syntax errors. ' +
      'Checking before the file reaches Prometheus turns a silent outage of the whole file into a message at the offending token. ' +
      'Prometheus 3.x experimental syntax (duration arithmetic and `step()`, `info()` and the other experimental functions, `anchored`/`smoothed`, `fill()`) ' +
      'is rejected as Prometheus rejects it without its feature flag; each option below accepts it and names the flag.',
    summary: 'invalid PromQL',
    severity: 'error',
    messages: {
      invalid: '{{rule}}: `expr` {{position}}: {{problem}}. Prometheus refuses to load the rule file; fix the expression',
      tooDeep:
        '{{rule}}: `expr` is {{problem}}, deeper than Kiln checks (Prometheus may accept it, but nothing here could check it); split it with recording rules',
      missing: '{{rule}} has no `expr`. Prometheus refuses to load a rule without one; add the expression',
      notString:
        '{{rule}}: `expr` is a {{shape}}, not a string. Prometheus refuses to load the rule file; write the expression as a string (a `|-` block for several lines)',
    },
    options: z.strictObject(promqlFeatureOptions),
    reads: ['files'],
  },
  check({ files, options, report }) {
    for (const r of promRules(files)) {
      if (r.expr === undefined) {
        const value = r.raw['expr'];
        const missing = value === undefined || value === null;
        report({
          messageId: missing ? 'missing' : 'notString',
          data: { rule: describeRule(r), ...(!missing && { shape: Array.isArray(value) ? 'list' : 'map' }) },
          entity: ruleEntity(r),
          location: at(r, 'expr'),
        });
        continue;
      }
      for (const p of exprAnalysis(r.file, r.expr, featuresOf(options)).problems) {
        report({
          messageId: p.code === 'promql/depth' ? 'tooDeep' : 'invalid',
          data: { rule: describeRule(r), position: `${p.line}:${p.column}`, problem: withHint(p.message) },
          entity: ruleEntity(r),
          location: exprLocation(r, p.from),
        });
      }
    }
  },
});
