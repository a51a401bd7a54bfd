import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { describeBind, endpoints } from '../site-helpers.js';

export default createRule({
  id: 'net/admin-on-management-only',
  meta: {
    description: 'Admin endpoints (SSH, hypervisor UI, IPMI, Docker API, web admin) bind only to management-zone VLANs.',
    rationale:
      'Administrative access is the most valuable thing an attacker can reach. Keeping it on the management VLAN means a compromised service or user device cannot even connect to it (Pantheon: "manageable only from MGMT VLAN").',
    summary: 'admin endpoint outside the management zone',
    severity: 'error',
    messages: {
      outside:
        'host `{{host}}`: admin endpoint `{{service}}.{{endpoint}}` (port {{port}}) binds {{where}}; admin access must bind only to a management-zone interface (set `bind` to one)',
    },
    options: z.strictObject({
      zones: z.array(z.string()).default(['management']).describe('Zones where admin endpoints may listen.'),
    }),
    reads: ['site'],
  },
  check({ site, options, report }) {
    for (const { service, endpoint, path } of endpoints(site!)) {
      if (endpoint.kind !== 'admin') continue;
      const b = endpoint.bind;
      if (b.kind === 'loopback') continue;
      if (b.kind === 'interface' && options.zones.includes(b.interface.vlan.zone)) continue;
      report({
        messageId: 'outside',
        data: { host: service.host.name, service: service.name, endpoint: endpoint.name, port: endpoint.port, where: describeBind(b) },
        entity: { kind: 'service', name: service.name },
        location: { modelPath: `${path}.bind` },
      });
    }
  },
});
