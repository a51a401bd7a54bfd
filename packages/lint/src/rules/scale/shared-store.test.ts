import { testRule } from '../../rule-tester.js';
import rule from './shared-store.js';

const VM = { engine: 'victoriametrics' as const, url: 'http://127.0.0.1:8428/api/v1/write' };
const sharded = (keep: string, remoteWrite = '') => `scrape_configs:
  - job_name: node
    static_configs: [{ targets: ['a:9100', 'b:9100'] }]
    relabel_configs:
      - { source_labels: [__address__], modulus: 2, target_label: __tmp_hash, action: hashmod }
      - { source_labels: [__tmp_hash], regex: '${keep}', action: keep }
${remoteWrite}`;

testRule(rule, {
  valid: [
    { name: 'one Prometheus', site: () => {} },
    { name: 'shards writing to VictoriaMetrics', site: (s) => Object.assign(s.prometheus, { shards: 2, remoteWrite: { vm: VM } }) },
    { name: 'replicas alone need no store', site: (s) => (s.prometheus.replicas = { label: 'replica', peers: [{ host: 'storage' }] }) },
    {
      name: 'a sharded prometheus.yml with remote write',
      files: { 'prometheus.yml': sharded('0', 'remote_write: [{ url: "https://vm.example.org/api/v1/write" }]') },
    },
    {
      name: 'an unsharded prometheus.yml',
      files: { 'prometheus.yml': 'scrape_configs: [{ job_name: node, static_configs: [{ targets: [a:9100] }] }]\n' },
    },
  ],
  invalid: [
    {
      name: 'two shards and no remote write',
      site: (s) => (s.prometheus.shards = 2),
      errors: [{ messageId: 'site', modelPath: 'prometheus.shards', message: '2 shards and no `remoteWrite` target' }],
    },
    {
      name: 'a sharded prometheus.yml without remote write',
      files: { 'prometheus.yml': sharded('1') },
      errors: [{ messageId: 'file', file: 'prometheus.yml', line: 1 }],
    },
  ],
});
