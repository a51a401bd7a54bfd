import { testRule } from '../../rule-tester.js';
import rule from './disposable-exports-no-share.js';

testRule(rule, {
  valid: [{ name: 'shares served by the authoritative storage host', site: () => {} }],
  invalid: [
    {
      name: 'a share on the disposable compute host, mounted elsewhere',
      site: (s) => {
        s.shares!['scratch'] = { host: 'compute', path: '/mnt/scratch/export', content: 'datasets' };
        s.mounts!.push({ host: 'storage', share: 'scratch', mountPoint: '/mnt/compute-scratch', mode: 'ro', protocol: 'nfs' });
      },
      errors: [{ messageId: 'exports', modelPath: 'shares.scratch', message: 'mounted by `storage`' }],
    },
  ],
});
