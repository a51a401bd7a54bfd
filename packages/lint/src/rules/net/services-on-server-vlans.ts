import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { describeBind, endpoints } from '../site-helpers.js';

export default createRule({
  id: 'net/services-on-server-vlans',
  meta: {
    description: 'Service endpoints bind only to servers-zone VLANs (or zones the site explicitly allows).',
    rationale:
      'Services belong on the server VLAN, where the firewall decides who may reach them. A service bound to a management or user interface bypasses that decision (Pantheon: "Services bind only to SERVERS VLAN IPs").',
    summary: 'service endpoint outside the servers zone',
    severity: 'error',
    messages: {
      outside:
        "host `{{host}}`: service endpoint `{{service}}.{{endpoint}}` (port {{port}}) binds {{where}}; services must bind to a {{zones}} interface (set `bind`, or allow the zone in this rule's `zones` option)",
    },
    options: z.strictObject({
      zones: z.array(z.string()).default(['servers']).describe('Zones where service endpoints may listen.'),
    }),
    reads: ['site'],
  },
  check({ site, options, report }) {
    for (const { service, endpoint, path } of endpoints(site!)) {
      if (endpoint.kind !== 'service') continue;
      const b = endpoint.bind;
      if (b.kind === 'loopback' || b.kind === 'wildcard') continue; // loopback is private; wildcards have their own rule
      if (options.zones.includes(b.interface.vlan.zone)) continue;
      report({
        messageId: 'outside',
        data: {
          host: service.host.name,
          service: service.name,
          endpoint: endpoint.name,
          port: endpoint.port,
          where: describeBind(b),
          zones: options.zones.join('/'),
        },
        entity: { kind: 'service', name: service.name },
        location: { modelPath: `${path}.bind` },
      });
    }
  },
});
