import type { SiteInput } from '@kiln/model';
import { testRule } from '../../rule-tester.js';
import rule from './alertmanager-peers.js';

/** Alertmanagers `compute` (alertmanager.host), `am2` and `am3` on storage's two ports. */
function cluster(s: SiteInput, peers: { compute?: string[]; am2?: string[]; am3?: string[] }): void {
  s.alertmanager.cluster = {
    ...(peers.compute && { peers: peers.compute }),
    members: {
      am2: { host: 'storage', ...(peers.am2 && { peers: peers.am2 }) },
      am3: { host: 'storage', port: 9193, clusterPort: 9194, ...(peers.am3 && { peers: peers.am3 }) },
    },
  };
}

testRule(rule, {
  valid: [
    { name: 'no cluster', site: () => {} },
    { name: 'every member joins every other (the default)', site: (s) => cluster(s, {}) },
    {
      name: 'a ring written by hand, each link both ways',
      site: (s) => cluster(s, { compute: ['am2', 'am3'], am2: ['compute', 'am3'], am3: ['am2', 'compute'] }),
    },
  ],
  invalid: [
    {
      name: 'a cluster of one',
      site: (s) => (s.alertmanager.cluster = { members: {} }),
      errors: [{ messageId: 'alone', modelPath: 'alertmanager.cluster.members', message: 'only member `compute`' }],
    },
    {
      name: 'am3 joins compute but compute does not list am3',
      site: (s) => cluster(s, { compute: ['am2'], am2: ['compute', 'am3'], am3: ['am2', 'compute'] }),
      errors: [
        {
          messageId: 'oneWay',
          modelPath: 'alertmanager.cluster.peers',
          message: 'member `am3` joins `compute`, but `compute` does not list `am3`',
        },
      ],
    },
    {
      name: 'a member with an empty peer list',
      site: (s) => cluster(s, { am2: [] }),
      errors: [{ messageId: 'noPeers', modelPath: 'alertmanager.cluster.members.am2.peers' }],
    },
  ],
});
