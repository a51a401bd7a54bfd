import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';

export default createRule({
  id: 'net/no-untrusted-interface',
  meta: {
    description: 'A host does not straddle users/guests zones and trusted ones — only the firewall does.',
    rationale:
      'A host with one leg on the users/guests VLAN and another on servers or management bypasses the firewall between them: anything that compromises it from the guest side reaches the trusted side directly. Only the router/firewall should have such interfaces — suppress this finding for it with that reason.',
    summary: 'host bridges untrusted and trusted zones',
    severity: 'warning',
    messages: {
      bridges:
        'host `{{host}}` has interface `{{nic}}` on VLAN `{{vlan}}` (zone {{zone}}) besides interfaces on {{trusted}}: it bridges them past the firewall; remove the interface, or suppress this for the firewall/router with its reason',
    },
    options: z.strictObject({
      zones: z.array(z.string()).default(['users', 'guests']).describe('Zones considered untrusted.'),
    }),
    reads: ['site'],
  },
  check({ site, options, report }) {
    for (const host of site!.hosts) {
      const trusted = [...new Set(host.interfaces.map((i) => i.vlan.zone).filter((z) => !options.zones.includes(z)))].sort();
      if (trusted.length === 0) continue;
      for (const i of host.interfaces) {
        if (!options.zones.includes(i.vlan.zone)) continue;
        report({
          messageId: 'bridges',
          data: { host: host.name, nic: i.name, vlan: i.vlan.name, zone: i.vlan.zone, trusted: trusted.join(', ') },
          entity: { kind: 'host', name: host.name },
          location: { modelPath: `hosts.${host.name}.interfaces.${i.name}` },
        });
      }
    }
  },
});
