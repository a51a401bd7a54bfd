import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { exprAst, readsNoSeries } from '../../readers/expr.js';
import { at, promRules, ruleEntity } from '../../readers/rules.js';

const list = (names: string[]) => names.map((n) => `\`${n}\``).join(', ');

export default createRule({
  id: 'alerts/annotation',
  meta: {
    description:
      'Alerting rules carry the required annotations (by default `summary` and `description`), and they are not empty. Off by default.',
    rationale:
      'Annotations are what the person who is paged reads: the notification title comes from `summary`, the body from `description`. ' +
      'An alert without them arrives as a bare alert name and labels, and the first minutes of the incident go into finding out what it means. ' +
      'Which annotations a notification template reads is a convention of the site, not of Prometheus (the monitoring mixins write one `message`), ' +
      'so the rule is opt-in: enable it where the templates need the annotations. Always-firing alerts that read no series (a Watchdog, `vector(1)`) are exempt.',
    summary: 'required annotation missing',
    severity: 'warning',
    enabledByDefault: false,
    messages: {
      missing: 'alert `{{alert}}` has no annotation {{annotations}}; notifications show it to whoever is paged. Add it under `annotations`',
      empty:
        'alert `{{alert}}`: annotation {{annotations}} is empty; notifications show it to whoever is paged. Write what is wrong and where',
    },
    options: z.strictObject({
      required: z.array(z.string()).default(['summary', 'description']).describe('Annotations every alerting rule must carry.'),
    }),
    reads: ['files'],
  },
  check({ files, options, report }) {
    for (const r of promRules(files)) {
      if (r.kind !== 'alert') continue;
      const ast = exprAst(r);
      if (ast && readsNoSeries(ast)) continue;
      const missing = options.required.filter((a) => r.annotations[a] === undefined);
      const empty = options.required.filter((a) => r.annotations[a] !== undefined && r.annotations[a].trim() === '');
      if (missing.length > 0) {
        report({
          messageId: 'missing',
          data: { alert: r.name, annotations: list(missing) },
          entity: ruleEntity(r),
          location: at(r, r.raw['annotations'] === undefined ? 'alert' : 'annotations'),
        });
      } else if (empty.length > 0) {
        report({
          messageId: 'empty',
          data: { alert: r.name, annotations: list(empty) },
          entity: ruleEntity(r),
          location: at(r, 'annotations', empty[0]!),
        });
      }
    }
  },
});
