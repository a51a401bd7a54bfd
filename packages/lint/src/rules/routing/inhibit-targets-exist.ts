import { parseMatcher } from '@kiln/alertmanager';
import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { alertmanagerConfigs } from '../../readers/alertmanager.js';
import { alertRules } from '../../readers/rules.js';

export default createRule({
  id: 'routing/inhibit-targets-exist',
  meta: {
    description: 'Inhibit rules name alerts that exist: every `alertname` in source or target matchers matches at least one alert rule.',
    rationale:
      'An inhibit rule whose source alert was renamed never inhibits anything, and one whose target was renamed silences nothing: the noise returns during the next outage, when it hurts most.',
    summary: 'inhibit rule names a missing alert',
    severity: 'warning',
    messages: {
      missing:
        'inhibit_rules[{{index}}]: {{side}} matcher `{{matcher}}` matches no alert rule; known alerts include {{known}}. Fix the name or remove the inhibit rule',
    },
    options: z.strictObject({}),
    reads: ['files'],
  },
  check({ files, report }) {
    const alerts = [...new Set(alertRules(files).map((r) => r.alert))].sort();
    if (alerts.length === 0) return;
    for (const am of alertmanagerConfigs(files)) {
      (am.config.inhibit_rules ?? []).forEach((rule, index) => {
        for (const side of ['source', 'target'] as const) {
          const list = (rule[`${side}_matchers`] as string[] | undefined) ?? [];
          const legacy = Object.entries((rule[`${side}_match`] as Record<string, string> | undefined) ?? {}).map(([k, v]) => `${k}="${v}"`);
          [...list, ...legacy].forEach((text, mi) => {
            let m;
            try {
              m = parseMatcher(text);
            } catch {
              return;
            }
            if (m.name !== 'alertname') return;
            const any = alerts.some((a) => (m.op === '=' ? a === m.value : m.op === '=~' ? new RegExp(`^(?:${m.value})$`).test(a) : true));
            if (any) return;
            report({
              messageId: 'missing',
              data: {
                index,
                side,
                matcher: text,
                known: alerts
                  .slice(0, 8)
                  .map((a) => `\`${a}\``)
                  .join(', '),
              },
              entity: { kind: 'inhibit rule', name: String(index) },
              location: { file: am.file.path, ...am.file.position(['inhibit_rules', index, `${side}_matchers`, mi], am.doc) },
            });
          });
        }
      });
    }
  },
});
