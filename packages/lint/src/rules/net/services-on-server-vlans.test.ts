import { testRule } from '../../rule-tester.js';
import rule from './services-on-server-vlans.js';

const web = (bind: string) => ({ host: 'compute', endpoints: { http: { port: 8080, kind: 'service' as const, bind } } });

testRule(rule, {
  valid: [
    { name: 'service on the servers VLAN', site: (s) => (s.services!['web'] = web('nic1')) },
    { name: 'service on loopback behind a proxy', site: (s) => (s.services!['web'] = web('loopback')) },
    { name: 'admin endpoints are not services', site: () => {} },
  ],
  invalid: [
    {
      name: 'service on the management VLAN',
      site: (s) => (s.services!['web'] = web('nic2')),
      errors: [{ messageId: 'outside', modelPath: 'services.web.endpoints.http.bind', message: 'must bind to a servers interface' }],
    },
  ],
});
