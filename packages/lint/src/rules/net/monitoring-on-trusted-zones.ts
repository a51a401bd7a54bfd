import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { describeBind, zonesOf } from '../site-helpers.js';

export default createRule({
  id: 'net/monitoring-on-trusted-zones',
  meta: {
    description: 'Exporters, Prometheus and Alertmanager do not listen on users/guests zones.',
    rationale:
      'An exporter answers anyone who asks: process lists, mount points, versions, hardware — a map for an attacker. Prometheus and Alertmanager expose every metric and silence form without authentication. `net/no-user-guest-exposure` covers declared service endpoints; this rule covers the listeners Kiln itself configures, which a bind to the wrong interface (or to every interface of a host with a leg in the guest VLAN) would put in front of every phone and visitor.',
    summary: 'monitoring listener exposed to users/guests',
    severity: 'error',
    messages: {
      exporter:
        'host `{{host}}`: the `{{kind}}` exporter (port {{port}}) listens on {{bind}}, reachable from the {{zones}} zone; bind it to a servers or management interface (`exporters.{{kind}}.interface`)',
      server:
        '{{what}} on host `{{host}}` (port {{port}}) listens on {{bind}}, reachable from the {{zones}} zone; bind it to a servers or management interface (`{{field}}.bind`)',
    },
    options: z.strictObject({
      zones: z.array(z.string()).default(['users', 'guests']).describe('Zones considered untrusted.'),
    }),
    reads: ['site'],
  },
  check({ site, options, report }) {
    const untrusted = (zones: string[]) => zones.filter((zone) => options.zones.includes(zone));
    for (const host of site!.hosts) {
      for (const e of host.exporters) {
        const zones = untrusted(zonesOf(e.bind, host.interfaces));
        if (zones.length === 0) continue;
        report({
          messageId: 'exporter',
          data: { host: host.name, kind: e.kind, port: e.port, bind: describeBind(e.bind), zones: zones.join('/') },
          entity: { kind: 'host', name: host.name },
          location: { modelPath: `hosts.${host.name}.exporters.${e.kind}` },
        });
      }
    }
    for (const [field, what, server] of [
      ['prometheus', 'Prometheus', site!.prometheus],
      ['alertmanager', 'Alertmanager', site!.alertmanager],
    ] as const) {
      const zones = untrusted(zonesOf(server.bind, server.host.interfaces));
      if (zones.length === 0) continue;
      report({
        messageId: 'server',
        data: { what, field, host: server.host.name, port: server.port, bind: describeBind(server.bind), zones: zones.join('/') },
        entity: { kind: field, name: site!.name },
        location: { modelPath: `${field}.bind` },
      });
    }
  },
});
