import { z } from 'zod';
import { createRule } from '../../create-rule.js';
import { exprAnalysis, featuresOf, promqlFeatureOptions } from '../../readers/expr.js';
import { at, describeRule, exprLocation, promRules, ruleEntity } from '../../readers/rules.js';

export default createRule({
  id: 'promql/syntax',
  meta: {
    description: 'Every rule expression parses and type-checks as Prometheus 3.x does (`promtool check rules`), offline.',
    rationale:
      'Prometheus refuses to load a rule file with one bad expression, so every rule in it stops evaluating until the file is fixed. ' +
      'Type errors (`rate(x)` without a range, a comparison between scalars without `bool`) are as fatal as syntax errors. ' +
      'Checking before the file reaches Prometheus turns a silent outage of the whole file into a message at the offending token.',
    summary: 'invalid PromQL',
    severity: 'error',
    messages: {
      invalid: '{{rule}}: `expr` {{position}}: {{problem}}. Prometheus refuses to load the rule file; fix the expression',
      missing: '{{rule}} has no `expr`. Prometheus refuses to load a rule without one; add the expression',
      notString: '{{rule}}: `expr` is a {{shape}}, not a string. Prometheus refuses to load the rule file; write the expression as a string (a `|-` block for several lines)',
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
          messageId: 'invalid',
          data: { rule: describeRule(r), position: `${p.line}:${p.column}`, problem: p.message },
          entity: ruleEntity(r),
          location: exprLocation(r, p.from),
        });
      }
    }
  },
});
