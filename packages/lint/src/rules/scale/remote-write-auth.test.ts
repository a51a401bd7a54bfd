import type { SiteInput } from '@kiln/model';
import { testRule } from '../../rule-tester.js';
import rule from './remote-write-auth.js';

const target = (s: SiteInput, url: string, auth: object = {}) =>
  (s.prometheus.remoteWrite = { vm: { engine: 'victoriametrics', url, ...auth } });

testRule(rule, {
  valid: [
    { name: 'over https', site: (s) => target(s, 'https://vm.example.org/api/v1/write') },
    { name: 'to loopback', site: (s) => target(s, 'http://127.0.0.1:8428/api/v1/write') },
    {
      name: 'with basic auth',
      site: (s) => target(s, 'http://10.60.0.30:8428/api/v1/write', { basicAuth: { username: 'p', passwordFile: '/etc/p' } }),
    },
    { name: 'with a bearer token', site: (s) => target(s, 'http://10.60.0.30:8428/api/v1/write', { bearerTokenFile: '/etc/t' }) },
    {
      name: 'a file with authorization',
      files: { 'prometheus.yml': 'remote_write:\n  - url: http://vm:8428/api/v1/write\n    authorization: { credentials_file: /etc/t }\n' },
    },
  ],
  invalid: [
    {
      name: 'plain HTTP to another machine without credentials',
      site: (s) => target(s, 'http://10.60.0.30:8428/api/v1/write'),
      errors: [{ messageId: 'site', modelPath: 'prometheus.remoteWrite.vm.url', message: 'sends to 10.60.0.30 over plain HTTP' }],
    },
    {
      name: 'a loose prometheus.yml',
      files: { 'prometheus.yml': 'global: {}\nremote_write:\n  - url: http://vm.example.org:8428/api/v1/write\n' },
      errors: [{ messageId: 'file', file: 'prometheus.yml', line: 3 }],
    },
  ],
});
