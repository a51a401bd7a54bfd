import { testRule } from '../../rule-tester.js';
import rule from './admin-on-management-only.js';

testRule(rule, {
  valid: [
    { name: 'SSH on the management interface', site: () => {} },
    { name: 'admin on loopback', site: (s) => (s.services!['sshd']!.endpoints['ssh']!.bind = 'loopback') },
    {
      name: 'a zone allowed by option',
      site: (s) => (s.services!['sshd']!.endpoints['ssh']!.bind = 'nic1'),
      options: { zones: ['management', 'servers'] },
    },
  ],
  invalid: [
    {
      name: 'SSH on the servers VLAN',
      site: (s) => (s.services!['sshd']!.endpoints['ssh']!.bind = 'nic1'),
      errors: [
        {
          messageId: 'outside',
          modelPath: 'services.sshd.endpoints.ssh.bind',
          message: 'host `compute`: admin endpoint `sshd.ssh` (port 22) binds interface `nic1` on VLAN `servers` (zone servers)',
        },
      ],
    },
    {
      name: 'Docker API on every interface',
      site: (s) => (s.services!['docker'] = { host: 'compute', endpoints: { api: { port: 2375, kind: 'admin', bind: '0.0.0.0' } } }),
      errors: [{ messageId: 'outside', modelPath: 'services.docker.endpoints.api.bind', message: 'the wildcard address 0.0.0.0' }],
    },
  ],
});
