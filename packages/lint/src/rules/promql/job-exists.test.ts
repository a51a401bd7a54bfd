import { testRule } from '../../rule-tester.js';
import rule from './job-exists.js';

const config = (...jobs: string[]) =>
  `scrape_configs:\n${jobs.map((j) => `  - job_name: ${j}\n    static_configs: [{targets: ['a:1']}]\n`).join('')}`;
const rules = (expr: string) =>
  `groups:\n  - name: g\n    rules:\n      - alert: NodeDown\n        expr: ${expr}\n        labels: {severity: critical}\n`;

testRule(rule, {
  valid: [
    { name: 'the job is scraped', files: { 'prometheus.yml': config('node-exporter'), 'r.yml': rules('up{job="node-exporter"} == 0') } },
    { name: 'no Prometheus configuration to know the jobs from', files: { 'r.yml': rules('up{job="node"} == 0') } },
    {
      name: 'a job that relabels `job` itself',
      files: {
        'prometheus.yml': 'scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - {target_label: job, replacement: node}\n',
        'r.yml': rules('up{job="node"} == 0'),
      },
    },
  ],
  invalid: [
    {
      name: "seed 003's NodeDown: job `node`, scrape job `node-exporter`",
      files: { 'prometheus.yml': config('prometheus', 'node-exporter'), 'r.yml': rules('up{job="node"} == 0') },
      errors: [
        {
          messageId: 'unknown',
          file: 'r.yml',
          line: 5,
          message:
            'no scrape configuration produces `job="node"` (jobs: `node-exporter`, `prometheus`), so the selector is always empty; did you mean `node-exporter`?',
        },
      ],
    },
  ],
});
