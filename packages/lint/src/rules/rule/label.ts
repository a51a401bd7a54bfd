import { suggest } from '@kiln/model';
import { z } from 'zod';
import { createRule } from '../../create-rule.js';
import { at, promRules, ruleEntity } from '../../readers/rules.js';

export default createRule({
  id: 'rule/label',
  meta: {
    description: 'Alerting rules carry the required labels (by default `severity`), each with one of its allowed values.',
    rationale:
      'Alertmanager routes, groups and inhibits by labels: an alert without `severity`, or with `severity: critcal`, matches no route and lands on the default receiver, ' +
      'so a page turns into an e-mail nobody reads. Templated values (`{{ … }}`) are only known when the alert fires and are not judged.',
    summary: 'required label missing or not allowed',
    severity: 'warning',
    messages: {
      missing: 'alert `{{alert}}` has no label `{{label}}`{{allowed}}; routes and inhibitions rely on it. Add it under `labels`',
      notAllowed: 'alert `{{alert}}`: label `{{label}}` is `{{value}}`, which is not one of {{allowed}} ({{suggestion}}). Use one of the allowed values',
    },
    options: z.strictObject({
      required: z
        .record(z.string(), z.array(z.string()))
        .default({ severity: ['critical', 'warning', 'info', 'none'] })
        .describe('Labels every alerting rule must carry, each with its allowed values; an empty list allows any value.'),
    }),
    reads: ['files'],
  },
  check({ files, options, report }) {
    for (const r of promRules(files)) {
      if (r.kind !== 'alert') continue;
      for (const [label, allowed] of Object.entries(options.required)) {
        const value = r.labels[label];
        const list = allowed.map((v) => `\`${v}\``).join(', ');
        if (value === undefined) {
          report({
            messageId: 'missing',
            data: { alert: r.name, label, allowed: allowed.length > 0 ? ` (one of ${list})` : '' },
            entity: ruleEntity(r),
            location: at(r, r.raw['labels'] === undefined ? 'alert' : 'labels'),
          });
        } else if (allowed.length > 0 && !allowed.includes(value) && !value.includes('{{')) {
          const hint = suggest(value, allowed);
          report({
            messageId: 'notAllowed',
            data: { alert: r.name, label, value, allowed: list, suggestion: hint.startsWith('did you mean') ? hint : 'no close match' },
            entity: ruleEntity(r),
            location: at(r, 'labels', label),
          });
        }
      }
    }
  },
});
