import { allRoutes, buildRouteTree, matchRoutes } from '@kiln/alertmanager';
import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { alertmanagerConfigs, staticLabels } from '../../readers/alertmanager.js';
import { alertRules } from '../../readers/rules.js';

export default createRule({
  id: 'routing/severity-routed',
  meta: {
    description: 'Every severity used by an alert rule is matched by a route; alerts do not just fall through to the default receiver.',
    rationale:
      'Routing by severity is how criticals page and warnings wait for morning. A severity no route mentions (a typo such as `critcal`, or a new level) silently lands on the default receiver.',
    summary: 'severity without a route',
    severity: 'warning',
    messages: {
      unrouted:
        'alert `{{alert}}` has severity `{{severity}}`, which no route matches; it falls through to the default receiver `{{receiver}}`. Add a route for `severity="{{severity}}"` or fix the severity',
    },
    options: z.strictObject({
      label: z.string().default('severity').describe('The label that carries the severity.'),
    }),
    reads: ['files'],
  },
  check({ files, options, report }) {
    const rules = alertRules(files);
    for (const am of alertmanagerConfigs(files)) {
      if (!am.config.route) continue;
      const tree = buildRouteTree(am.config.route);
      const mentions = allRoutes(tree).some((r) => r.matchers.some((m) => m.name === options.label));
      for (const r of rules) {
        const severity = r.labels[options.label];
        if (severity === undefined || !mentions) continue;
        const ends = matchRoutes(tree, staticLabels(r));
        if (!(ends.length === 1 && ends[0] === tree)) continue;
        report({
          messageId: 'unrouted',
          data: { alert: r.alert, severity, receiver: tree.receiver },
          entity: { kind: 'alert', name: r.alert },
          location: { file: r.file.path, ...r.file.position([...r.path, 'labels', options.label], r.doc) },
        });
      }
    }
  },
});
