import { testRule } from '../../rule-tester.js';
import rule from './disposable-holds-no-authoritative-data.js';

const app = (dataPaths: string[]) => ({
  host: 'compute',
  endpoints: { http: { port: 8080, kind: 'service' as const, bind: 'nic1' } },
  dataPaths,
});

testRule(rule, {
  valid: [
    { name: 'state on a mount of an authoritative share', site: (s) => (s.services!['app'] = app(['/mnt/media/app'])) },
    {
      name: 'an authoritative host may keep local state',
      site: (s) => (s.services!['app'] = { ...app(['/var/lib/app']), host: 'storage' }),
    },
  ],
  invalid: [
    {
      name: 'state on the local disk of a disposable host',
      site: (s) => (s.services!['app'] = app(['/var/lib/app', '/mnt/media/ok'])),
      errors: [{ messageId: 'local', modelPath: 'services.app.dataPaths[0]', message: 'keeps data at /var/lib/app' }],
    },
    {
      name: 'state on a share of another disposable host',
      site: (s) => {
        s.hosts['storage']!.disposition = 'disposable';
        s.services!['app'] = app(['/mnt/media/app']);
      },
      errors: [{ messageId: 'nonAuthoritative', modelPath: 'services.app.dataPaths[0]' }],
    },
  ],
});
