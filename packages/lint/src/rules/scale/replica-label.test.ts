import { testRule } from '../../rule-tester.js';
import rule from './replica-label.js';

testRule(rule, {
  valid: [
    { name: 'one Prometheus', site: () => {} },
    { name: 'replicas with a label', site: (s) => (s.prometheus.replicas = { label: 'replica', peers: [{ host: 'storage' }] }) },
    { name: 'shards without replicas need no replica label', site: (s) => (s.prometheus.shards = 2) },
  ],
  invalid: [
    {
      name: 'two replicas without a label',
      site: (s) => (s.prometheus.replicas = { peers: [{ host: 'storage' }] }),
      errors: [{ messageId: 'unlabelled', modelPath: 'prometheus.replicas', message: '2 replicas and no `replicas.label`' }],
    },
  ],
});
