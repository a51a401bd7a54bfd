import type { SiteInput } from '@kiln/model';
import { testRule } from '../../rule-tester.js';
import rule from './no-user-guest-exposure.js';

const withUserVlan = (s: SiteInput) => {
  s.vlans['user'] = { id: 10, cidr: '10.10.0.0/24', zone: 'users' };
  s.hosts['compute']!.interfaces['nic3'] = { vlan: 'user', address: '10.10.0.20' };
};

testRule(rule, {
  valid: [
    { name: 'nothing on user VLANs', site: withUserVlan },
    {
      name: 'declared public with a reason',
      site: (s) => {
        withUserVlan(s);
        s.services!['media'] = {
          host: 'compute',
          endpoints: { http: { port: 8096, kind: 'service', bind: 'nic3', public: { reason: 'the family TVs stream from it' } } },
        };
      },
    },
  ],
  invalid: [
    {
      name: 'a service on the user VLAN',
      site: (s) => {
        withUserVlan(s);
        s.services!['media'] = { host: 'compute', endpoints: { http: { port: 8096, kind: 'service', bind: 'nic3' } } };
      },
      errors: [{ messageId: 'exposed', modelPath: 'services.media.endpoints.http.bind', message: 'reachable from the users zone' }],
    },
    {
      name: 'a wildcard on a host with a user interface',
      site: (s) => {
        withUserVlan(s);
        s.services!['sshd']!.endpoints['ssh']!.bind = '0.0.0.0';
      },
      errors: [{ messageId: 'exposed', modelPath: 'services.sshd.endpoints.ssh.bind' }],
    },
  ],
});
