import { buildRouteTree, matchRoutes } from '@kiln/alertmanager';
import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { alertmanagerConfigs, blackHoles, staticLabels } from '../../readers/alertmanager.js';
import { alertRules } from '../../readers/rules.js';

export default createRule({
  id: 'routing/every-alert-routed',
  meta: {
    description: 'Every alert rule reaches a receiver that delivers somewhere (not a receiver without integrations).',
    rationale:
      "An alert that routes to a receiver with no integrations is evaluated, fires, and is dropped. Nothing tells you. Kiln simulates Alertmanager's routing (continue, regex matchers, inherited receivers) for each rule's label set and flags the black holes.",
    summary: 'alert routed to nowhere',
    severity: 'error',
    messages: {
      blackHole:
        'alert `{{alert}}` ({{labels}}) is routed to `{{receivers}}` via {{routes}}, which has no integrations; it would never be delivered. Route it to a receiver with a webhook/email/… or give `{{receivers}}` one',
      noConfig: 'alert rules were given but no Alertmanager configuration; pass alertmanager.yml too to check routing',
    },
    options: z.strictObject({
      allow: z.array(z.string()).default([]).describe('Alert names that may route to a black hole on purpose (e.g. an InfoInhibitor).'),
    }),
    reads: ['files'],
  },
  check({ files, options, report }) {
    const rules = alertRules(files);
    const configs = alertmanagerConfigs(files);
    for (const am of configs) {
      if (!am.config.route) continue;
      const tree = buildRouteTree(am.config.route);
      const holes = blackHoles(am.config);
      for (const r of rules) {
        if (options.allow.includes(r.alert)) continue;
        const labels = staticLabels(r);
        const ends = matchRoutes(tree, labels).filter((route) => holes.has(route.receiver));
        if (ends.length === 0) continue;
        report({
          messageId: 'blackHole',
          data: {
            alert: r.alert,
            labels: Object.entries(labels)
              .map(([k, v]) => `${k}=${v}`)
              .join(', '),
            receivers: [...new Set(ends.map((e) => e.receiver))].join(', '),
            routes: ends.map((e) => e.path).join(', '),
          },
          entity: { kind: 'alert', name: r.alert },
          location: { file: r.file.path, ...r.file.position([...r.path, 'alert'], r.doc) },
        });
      }
    }
  },
});
