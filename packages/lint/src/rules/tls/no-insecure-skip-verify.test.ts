import { testRule } from '../../rule-tester.js';
import { asCluster } from '../workloads/fixtures.js';
import rule from './no-insecure-skip-verify.js';

const loki = { targets: ['inchfield:3100'], scheme: 'https' as const };

testRule(rule, {
  valid: [
    { name: 'https with a CA file', site: (s) => (s.scrapeJobs = { loki: { ...loki, tls: { caFile: '/etc/ssl/ca.pem' } } }) },
    {
      name: "VolSync's metrics verified with the CA given to its proxy",
      site: (s) => void (asCluster(s).discovery.volsync = { tls: { caFile: '/etc/prometheus/secrets/volsync-ca/ca.crt' } }),
    },
    {
      name: 'verification on in a file',
      files: { 'p.yml': 'scrape_configs:\n  - job_name: a\n    tls_config:\n      insecure_skip_verify: false\n' },
    },
  ],
  invalid: [
    {
      name: 'a scrape job skipping verification',
      site: (s) => (s.scrapeJobs = { loki: { ...loki, tls: { insecureSkipVerify: true } } }),
      errors: [{ messageId: 'job', modelPath: 'scrapeJobs.loki.tls.insecureSkipVerify' }],
    },
    {
      name: "a host's exporter skipping verification (emitted into every scrape of that job)",
      site: (s) => (s.hosts['storage']!.exporters = { node: {}, loki: { scheme: 'https', tls: { insecureSkipVerify: true } } }),
      errors: [{ messageId: 'exporter', modelPath: 'hosts.storage.exporters.loki.tls.insecureSkipVerify' }],
    },
    {
      name: "a cluster scraping VolSync's self-signed endpoint without verification",
      site: (s) => void asCluster(s),
      errors: [{ messageId: 'discovery', modelPath: 'kubernetes.discovery.volsync.tls.insecureSkipVerify', message: 'job `volsync`' }],
    },
    {
      name: "seed 003's kubernetes scrape config",
      files: {
        'prometheus.yml':
          'scrape_configs:\n  - job_name: kubernetes-nodes\n    scheme: https\n    tls_config:\n      insecure_skip_verify: true\n    kubernetes_sd_configs:\n      - role: node\n',
      },
      errors: [{ messageId: 'file', file: 'prometheus.yml', line: 5 }],
    },
  ],
});
