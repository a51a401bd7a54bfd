import { testRule } from '../../rule-tester.js';
import { GOOD, SEED_NODE_EXPORTER, withAnnotation } from './fixtures.js';
import rule from './host-access.js';

testRule(rule, {
  valid: [
    { name: 'a pod without host access', files: { 'd.yaml': GOOD } },
    {
      name: 'host access with the reason',
      files: { 'ds.yaml': withAnnotation(SEED_NODE_EXPORTER, 'kiln.dev/host-access-reason', "it reports the node's own metrics") },
    },
  ],
  invalid: [
    {
      name: "seed 003's node-exporter DaemonSet",
      files: { 'ds.yaml': SEED_NODE_EXPORTER },
      errors: [
        { messageId: 'namespace', file: 'ds.yaml', line: 12, message: 'DaemonSet node-exporter: `hostNetwork: true`' },
        { messageId: 'namespace', file: 'ds.yaml', line: 13 },
        { messageId: 'hostPath', file: 'ds.yaml', line: 26, message: 'mounts `/proc` from the node' },
      ],
    },
    {
      name: 'a reason too short to be one',
      files: { 'ds.yaml': withAnnotation(SEED_NODE_EXPORTER, 'kiln.dev/host-access-reason', 'needed') },
      errors: [{ messageId: 'namespace' }, { messageId: 'namespace' }, { messageId: 'hostPath' }],
    },
    {
      name: 'a privileged container',
      files: { 'd.yaml': GOOD.replace('allowPrivilegeEscalation: false', 'privileged: true') },
      errors: [{ messageId: 'privileged', line: 24 }],
    },
  ],
});
