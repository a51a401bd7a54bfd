import { testRule } from '../../rule-tester.js';
import rule from './no-docker-api.js';

testRule(rule, {
  valid: [
    { name: 'no Docker API endpoint', site: () => {} },
    {
      name: '2376 with a stated client-certificate setup',
      site: (s) => {
        s.services!['dockerd'] = {
          host: 'compute',
          endpoints: {
            api: { port: 2376, kind: 'admin', bind: 'nic2', public: { reason: 'tlsverify with client certificates from the lab CA' } },
          },
        };
      },
    },
  ],
  invalid: [
    {
      name: 'the plain Docker API on 2375',
      site: (s) => {
        s.services!['dockerd'] = { host: 'compute', endpoints: { api: { port: 2375, kind: 'admin', bind: 'nic2' } } };
      },
      errors: [{ messageId: 'plain', modelPath: 'services.dockerd.endpoints.api.port', message: 'without authentication' }],
    },
    {
      name: 'the TLS Docker API on 2376 without a word on client verification',
      site: (s) => {
        s.services!['dockerd'] = { host: 'compute', endpoints: { api: { port: 2376, kind: 'admin', bind: 'nic2' } } };
      },
      errors: [{ messageId: 'tls', modelPath: 'services.dockerd.endpoints.api.port' }],
    },
  ],
});
