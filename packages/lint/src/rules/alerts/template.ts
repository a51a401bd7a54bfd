import { suggest } from '@kiln/model/basics';
import { outputLabels, type OutputLabels } from '@kiln/promql';
import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { FUNCTIONS, isPlainText, scanTemplate } from '../../readers/go-template.js';
import { exprAst } from '../../readers/expr.js';
import { at, describeRule, promRules, ruleEntity, type RuleRef } from '../../readers/rules.js';

/** Why a label cannot be in the expression's result, or undefined when it may be. */
function lostBecause(label: string, ol: OutputLabels): string | undefined {
  if (ol.mayAddOthers) return undefined;
  if (ol.kind === 'only') {
    if (ol.labels.includes(label)) return undefined;
    const kept = ol.labels.filter((l) => l !== '__name__');
    return kept.length === 0
      ? "the expression's result has no labels"
      : `the expression's result carries only ${kept.map((l) => `\`${l}\``).join(', ')}`;
  }
  if (!ol.dropped.includes(label) || ol.added.includes(label)) return undefined;
  return `the expression drops \`${label}\``;
}

function fixFor(r: RuleRef, label: string): string {
  const value = r.labels[label];
  if (value !== undefined) {
    return `\`${label}\` is a static label of this alert, but \`$labels\` holds only the expression's labels: write \`${value}\` directly, or keep \`${label}\` in the expression's result`;
  }
  return `Keep \`${label}\` in the expression's result (add it to \`by (…)\` of the aggregation), or drop the reference`;
}

const SECTIONS = ['labels', 'annotations'] as const;

export default createRule({
  id: 'alerts/template',
  meta: {
    description:
      "Alert labels and annotations are valid Go templates that use only Prometheus' template functions and variables, and `$labels.x` only names labels the expression keeps.",
    rationale:
      'Prometheus parses every label and annotation template when it loads a rule file and refuses the whole file on an unclosed `{{`, an unknown function or an undefined variable. ' +
      'A `$labels.host` after `sum by (job)` parses fine but renders empty, so the page says "disk full on " at 3 am; ' +
      "the expression's output labels are known statically, so this is caught here. A `}}` without `{{` is printed as text.",
    summary: 'broken alert template',
    severity: 'error',
    messages: {
      syntax: '{{rule}}: {{field}}: template {{problem}}. Prometheus refuses to load the rule file; fix the template',
      unknownFunction:
        '{{rule}}: {{field}}: template function `{{name}}` is not defined ({{suggestion}}). Prometheus refuses to load the rule file',
      undefinedVariable:
        '{{rule}}: {{field}}: template variable `{{name}}` is undefined; alert templates define `$labels`, `$externalLabels`, `$externalURL` and `$value`. Prometheus refuses to load the rule file',
      strayClose:
        '{{rule}}: {{field}}: `}}` at column {{column}} closes no action, so it is printed as text; open the action with a double brace',
      lostLabel: '{{rule}}: {{field}} uses `{{ref}}`, but {{why}}, so it renders empty. {{fix}}',
    },
    options: z.strictObject({}),
    reads: ['files'],
  },
  check({ files, report }) {
    for (const r of promRules(files)) {
      if (r.kind !== 'alert') continue;
      let ol: OutputLabels | undefined | null = null;
      const labelsOut = () => {
        if (ol === null) {
          const ast = exprAst(r);
          ol = ast ? outputLabels(ast) : undefined;
        }
        return ol;
      };
      for (const section of SECTIONS)
        for (const [key, text] of Object.entries(r[section])) {
          if (isPlainText(text)) continue; // before any part of a message is built
          const field = `${section === 'labels' ? 'label' : 'annotation'} \`${key}\``;
          const base = { rule: describeRule(r), field };
          const location = () => at(r, section, key); // resolved only for a finding
          const { findings, refs } = scanTemplate(text);
          for (const f of findings) {
            const data: Record<string, string> = { ...base, ...f.data };
            if (f.messageId === 'unknownFunction') {
              const hint = suggest(f.data['name']!, FUNCTIONS);
              data['suggestion'] = hint.startsWith('did you mean')
                ? hint
                : 'see https://prometheus.io/docs/prometheus/latest/configuration/template_reference/';
            }
            report({ messageId: f.messageId, data, entity: ruleEntity(r), location: location() });
          }
          // Prometheus adds `alertname` to an alert after expanding its templates: `$labels.alertname` is always empty.
          for (const ref of refs.filter((x) => x.label === 'alertname')) {
            report({
              messageId: 'lostLabel',
              data: {
                ...base,
                ref: ref.spelled,
                why: 'Prometheus adds `alertname` only after it has expanded the templates',
                fix: `Write the name literally (\`${r.name}\`).`,
              },
              entity: ruleEntity(r),
              location: location(),
            });
          }
          const out = refs.some((x) => x.label !== 'alertname') ? labelsOut() : undefined;
          if (!out) continue;
          for (const ref of refs) {
            if (ref.label === 'alertname') continue;
            const why = lostBecause(ref.label, out);
            if (why)
              report({
                messageId: 'lostLabel',
                data: { ...base, ref: ref.spelled, why, fix: fixFor(r, ref.label) },
                entity: ruleEntity(r),
                location: location(),
              });
          }
        }
    }
  },
});
