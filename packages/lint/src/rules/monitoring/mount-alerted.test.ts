import { testRule } from '../../rule-tester.js';
import rule from './mount-alerted.js';

testRule(rule, {
  valid: [
    { name: 'the mounting host runs a node exporter', site: () => {} },
    {
      name: 'SMB mounts are out of scope',
      site: (s) => {
        s.shares!['media']!.protocols = ['smb'];
        s.mounts![0]!.protocol = 'smb';
        delete s.hosts['compute']!.exporters!.node;
      },
    },
  ],
  invalid: [
    {
      name: 'an NFS mount on a host without node exporter',
      site: (s) => delete s.hosts['compute']!.exporters!.node,
      errors: [{ messageId: 'unalerted', modelPath: 'mounts[0]' }],
    },
  ],
});
