import { z } from 'zod';
import { createRule } from '../../create-rule.js';
import { at, promRules, ruleEntity } from '../alerting/alert-rules.js';

export default createRule({
  id: 'alerts/annotation',
  meta: {
    description: 'Alerting rules carry the required annotations (by default `summary` and `description`), and they are not empty.',
    rationale:
      'Annotations are what the person who is paged reads: the notification title comes from `summary`, the body from `description`. ' +
      'An alert without them arrives as a bare alert name and labels, and the first minutes of the incident go into finding out what it means.',
    summary: 'required annotation missing',
    severity: 'warning',
    messages: {
      missing: 'alert `{{alert}}` has no annotation `{{annotation}}`; notifications show it to whoever is paged. Add it under `annotations`',
      empty: 'alert `{{alert}}`: annotation `{{annotation}}` is empty; notifications show it to whoever is paged. Write what is wrong and where',
    },
    options: z.strictObject({
      required: z.array(z.string()).default(['summary', 'description']).describe('Annotations every alerting rule must carry.'),
    }),
    reads: ['files'],
  },
  check({ files, options, report }) {
    for (const r of promRules(files)) {
      if (r.kind !== 'alert') continue;
      for (const annotation of options.required) {
        const value = r.annotations[annotation];
        if (value !== undefined && value.trim() !== '') continue;
        report({
          messageId: value === undefined ? 'missing' : 'empty',
          data: { alert: r.name, annotation },
          entity: ruleEntity(r),
          location: value === undefined ? at(r, r.raw['annotations'] === undefined ? 'alert' : 'annotations') : at(r, 'annotations', annotation),
        });
      }
    }
  },
});
