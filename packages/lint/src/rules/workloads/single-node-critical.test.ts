import { testRule } from '../../rule-tester.js';
import { asCluster } from './fixtures.js';
import rule from './single-node-critical.js';

const reason = 'The Zigbee dongle is plugged into this node.';

testRule(rule, {
  valid: [
    { name: 'critical app free to move', site: (s) => void asCluster(s) },
    {
      name: 'critical app allowed on two nodes',
      site: (s) => void (asCluster(s).workloads!['vault']!.placement = { nodes: ['compute', 'storage'], reason }),
    },
    { name: 'best-effort app pinned', site: (s) => void (asCluster(s).workloads!['media']!.placement = { nodes: ['compute'], reason }) },
    { name: 'not a cluster', site: () => {} },
  ],
  invalid: [
    {
      name: 'critical app pinned to one node',
      site: (s) => void (asCluster(s).workloads!['vault']!.placement = { nodes: ['storage'], reason }),
      errors: [
        {
          messageId: 'pinned',
          modelPath: 'kubernetes.workloads.vault.placement.nodes',
          message: 'workload `vault` is critical but can run only on node `storage` (The Zigbee dongle is plugged into this node.)',
        },
      ],
    },
  ],
});
