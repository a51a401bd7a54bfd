import { testRule } from '../../rule-tester.js';
import rule from './no-untrusted-interface.js';

testRule(rule, {
  valid: [
    { name: 'hosts only on trusted zones', site: () => {} },
    {
      name: 'a device only on the guest VLAN',
      site: (s) => {
        s.vlans['guest'] = { id: 20, cidr: '10.20.0.0/24', zone: 'guests' };
        s.hosts['printer'] = { role: 'printer', disposition: 'disposable', interfaces: { nic1: { vlan: 'guest', address: '10.20.0.30' } } };
      },
    },
  ],
  invalid: [
    {
      name: 'a server with a leg on the guest VLAN',
      site: (s) => {
        s.vlans['guest'] = { id: 20, cidr: '10.20.0.0/24', zone: 'guests' };
        s.hosts['storage']!.interfaces['nic2'] = { vlan: 'guest', address: '10.20.0.10' };
      },
      errors: [{ messageId: 'bridges', modelPath: 'hosts.storage.interfaces.nic2', message: 'besides interfaces on servers' }],
    },
  ],
});
