import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';

export default createRule({
  id: 'monitoring/host-scraped',
  meta: {
    description: 'Every host has node-level metrics scraped (a node exporter).',
    rationale:
      'A host without node metrics is invisible: no InstanceDown, no disk, memory or mount alerts. Every inventory-derived alert for the host depends on it.',
    summary: 'host without node metrics',
    severity: 'warning',
    messages: {
      unscraped:
        'host `{{host}}` has no node exporter, so nothing alerts when it goes down or fills up; add `exporters: { node: {} }` to the host',
    },
    options: z.strictObject({
      exporters: z.array(z.string()).default(['node']).describe('Exporter kinds that count as node-level metrics.'),
    }),
    reads: ['site'],
  },
  check({ site, options, report }) {
    for (const h of site!.hosts) {
      if (h.exporters.some((e) => options.exporters.includes(e.kind))) continue;
      report({
        messageId: 'unscraped',
        data: { host: h.name },
        entity: { kind: 'host', name: h.name },
        location: { modelPath: `hosts.${h.name}.exporters` },
        fix: 'exporters: { node: {} }',
      });
    }
  },
});
