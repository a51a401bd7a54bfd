import type { SiteInput } from '@kiln/model';
import { testRule } from '../../rule-tester.js';
import rule from './monitoring-on-trusted-zones.js';

const withGuestVlan = (s: SiteInput) => {
  s.vlans['guest'] = { id: 20, cidr: '10.20.0.0/24', zone: 'guests' };
  s.hosts['compute']!.interfaces['nic3'] = { vlan: 'guest', address: '10.20.0.20' };
};

testRule(rule, {
  valid: [
    { name: 'a host with a guest interface whose listeners bind the servers VLAN', site: withGuestVlan },
    { name: 'the small site as it is', site: () => {} },
  ],
  invalid: [
    {
      name: 'a node exporter bound to the guest interface',
      site: (s) => {
        withGuestVlan(s);
        s.hosts['compute']!.exporters!['node'] = { interface: 'nic3' };
      },
      errors: [{ messageId: 'exporter', modelPath: 'hosts.compute.exporters.node', message: 'reachable from the guests zone' }],
    },
    {
      name: 'Prometheus on every interface of a host with a guest leg',
      site: (s) => {
        withGuestVlan(s);
        s.prometheus.bind = '0.0.0.0';
      },
      errors: [{ messageId: 'server', modelPath: 'prometheus.bind', message: 'Prometheus on host `compute`' }],
    },
  ],
});
