import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { endpoints, zonesOf } from '../site-helpers.js';

export default createRule({
  id: 'net/no-user-guest-exposure',
  meta: {
    description: 'No endpoint is reachable from users/guests zones unless declared public with a reason.',
    rationale:
      'User and guest VLANs hold the least trusted devices. Anything listening there is reachable by every phone and visitor; that must be a decision written down, not an accident (Pantheon: "No USER or GUEST access permitted").',
    summary: 'endpoint exposed to users/guests',
    severity: 'error',
    messages: {
      exposed:
        'host `{{host}}`: endpoint `{{service}}.{{endpoint}}` (port {{port}}, {{kind}}) is reachable from the {{zones}} zone; bind it elsewhere, or declare `public: { reason: "…" }` on the endpoint',
    },
    options: z.strictObject({
      zones: z.array(z.string()).default(['users', 'guests']).describe('Zones considered untrusted.'),
    }),
    reads: ['site'],
  },
  check({ site, options, report }) {
    for (const { service, endpoint, path } of endpoints(site!)) {
      if (endpoint.publicReason) continue;
      const exposed = zonesOf(endpoint.bind, service.host.interfaces).filter((z) => options.zones.includes(z));
      if (exposed.length === 0) continue;
      report({
        messageId: 'exposed',
        data: {
          host: service.host.name,
          service: service.name,
          endpoint: endpoint.name,
          port: endpoint.port,
          kind: endpoint.kind,
          zones: exposed.join('/'),
        },
        entity: { kind: 'service', name: service.name },
        location: { modelPath: `${path}.bind` },
      });
    }
  },
});
