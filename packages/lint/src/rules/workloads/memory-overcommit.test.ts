import { testRule } from '../../rule-tester.js';
import { asCluster } from './fixtures.js';
import rule from './memory-overcommit.js';

const reason = 'The Zigbee dongle is plugged into this node.';

testRule(rule, {
  valid: [
    { name: 'nothing pinned', site: (s) => void asCluster(s) },
    {
      name: 'pinned pods within the allocatable memory (64Mi + 512Mi + 2Gi of 7Gi)',
      site: (s) => {
        const k = asCluster(s);
        k.workloads!['vault']!.placement = { nodes: ['storage'], reason };
        k.workloads!['media']!.resources!.gpu = undefined;
        k.workloads!['media']!.placement = { nodes: ['storage'], reason };
      },
    },
    {
      name: 'a big app allowed on two nodes is not counted',
      site: (s) => {
        const w = asCluster(s).workloads!['vault']!;
        w.resources = { limits: { memory: '12Gi' } };
        w.placement = { nodes: ['compute', 'storage'], reason };
      },
    },
  ],
  invalid: [
    {
      name: 'pinned replicas over the allocatable memory',
      site: (s) => {
        const w = asCluster(s).workloads!['vault']!;
        w.replicas = 2;
        w.resources = { limits: { memory: '4Gi' } };
        w.placement = { nodes: ['storage'], reason };
      },
      errors: [
        {
          messageId: 'over',
          modelPath: 'kubernetes.nodes.storage',
          message:
            'node `storage`: the memory limits of the pods that can run only there sum to 8256Mi (node-exporter 64Mi, vault 2 × 4Gi), over its allocatable 7Gi',
        },
      ],
    },
    {
      name: 'a DaemonSet counts on every node',
      site: (s) => {
        const k = asCluster(s);
        k.workloads!['agent'] = {
          namespace: 'agents',
          kind: 'DaemonSet',
          criticality: 'best-effort',
          resources: { limits: { memory: '7Gi' } },
        };
      },
      errors: [{ messageId: 'over', modelPath: 'kubernetes.nodes.storage', message: 'agent 7Gi' }],
    },
  ],
});
