import { ruleExprProblems } from '@kiln/promql';
import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { exprAnalysis, featuresOf, promqlFeatureOptions } from '../../readers/expr.js';
import { describeRule, exprLocation, promRules, ruleEntity } from '../../readers/rules.js';

export default createRule({
  id: 'rule/result-type',
  meta: {
    description: 'Alerting and recording rule expressions evaluate to an instant vector or a scalar, never a range vector or a string.',
    rationale:
      '`promtool check rules` accepts `expr: rate(x[5m])[10m:]` or `expr: "text"`, but Prometheus fails the rule at every evaluation ' +
      '("rule result is not a vector or scalar"): the alert never fires and the recorded series never appear, and the only trace is a log line. ' +
      'Expressions with syntax errors are left to `promql/syntax`.',
    summary: 'rule result is not a vector or scalar',
    severity: 'error',
    messages: {
      resultType: '{{rule}}: `expr` {{position}}: {{problem}}; Prometheus fails the rule at every evaluation. {{fix}}',
    },
    options: z.strictObject(promqlFeatureOptions),
    reads: ['files'],
  },
  check({ files, options, report }) {
    for (const r of promRules(files)) {
      if (r.expr === undefined) continue;
      for (const p of ruleExprProblems(exprAnalysis(r.file, r.expr, featuresOf(options)))) {
        if (p.code !== 'rule/result-type') continue;
        report({
          messageId: 'resultType',
          data: {
            rule: describeRule(r),
            position: `${p.line}:${p.column}`,
            problem: p.message,
            fix: p.message.endsWith('string')
              ? 'Return a vector or a number; a string belongs in an annotation'
              : 'Reduce the range to one value per series, e.g. with `max_over_time(…)` or `rate(…)`',
          },
          entity: ruleEntity(r),
          location: exprLocation(r, p.from),
        });
      }
    }
  },
});
