import { testRule } from '../../rule-tester.js';
import rule from './rate.js';

const rules = (...exprs: string[]) =>
  `groups:\n  - name: g\n    rules:\n${exprs.map((e, i) => `      - record: job:x${i}:rate\n        expr: ${JSON.stringify(e)}\n`).join('')}`;
const prom = (interval: string) =>
  `global:\n  scrape_interval: ${interval}\nscrape_configs:\n  - job_name: slow\n    scrape_interval: 5m\n`;

testRule(rule, {
  valid: [
    {
      name: 'counters by catalog and by name, over long enough ranges',
      files: {
        'r.yml': rules(
          'rate(node_cpu_seconds_total[5m])',
          'increase(http_requests_total[1h])',
          'irate(x_count[2m]) / irate(x_sum[2m])',
          'rate(x_bucket[5m])',
        ),
        'prometheus.yml': prom('30s'),
      },
    },
    { name: 'recording rule outputs are not judged by name', files: { 'r.yml': rules('rate(job:requests:sum[5m])') } },
    { name: 'no scrape interval known: ranges are not judged', files: { 'r.yml': rules('rate(x_total[10s])') } },
    { name: 'gauges with deriv and delta', files: { 'r.yml': rules('deriv(node_load1[10m])', 'delta(nvidia_smi_temperature_gpu[10m])') } },
    {
      name: 'a finding inside a block scalar is suppressed by a PromQL comment on the line before it',
      files: {
        'r.yml':
          'groups:\n  - name: g\n    rules:\n      - alert: Load\n        expr: |-\n          # kiln-disable-next-line promql/rate -- the exporter exposes this gauge as a counter by mistake\n          rate(node_load1[5m]) > 1\n',
      },
    },
    {
      name: 'names alone say nothing: counters exporters declare without `_total`',
      files: {
        'r.yml': rules(
          'rate(ifInErrors[5m])',
          'rate(pg_stat_database_xact_commit[5m])',
          'increase(node_vmstat_pgmajfault[5m])',
          'rate(envoy_cluster_upstream_rq_xx[5m])',
        ),
      },
    },
    {
      name: 'a # TYPE counter wins over nothing',
      files: { 'r.yml': rules('rate(queue_length[5m])'), 'app.prom': '# TYPE queue_length counter\n' },
    },
    { name: 'a subquery argument is not judged', files: { 'r.yml': rules('rate(sum(x_total)[5m:1m])') } },
  ],
  invalid: [
    {
      name: 'a gauge from the catalog',
      files: { 'r.yml': rules('rate(node_load1[5m]) > 1') },
      errors: [
        {
          messageId: 'gauge',
          line: 5,
          message: "`expr` 1:1: `rate(node_load1[…])`, but `node_load1` is a gauge (the node exporter's catalog)",
        },
      ],
    },
    {
      name: 'an info metric from the catalog, inside an aggregation',
      files: { 'r.yml': rules('sum(increase(nvidia_smi_gpu_info[1h]))') },
      errors: [
        {
          messageId: 'gauge',
          line: 5,
          message: '`expr` 1:5: `increase(nvidia_smi_gpu_info[…])`, but `nvidia_smi_gpu_info` is an info metric',
        },
      ],
    },
    {
      name: 'a gauge by the metricTypes option',
      files: { 'r.yml': rules('irate(queue_length[5m])') },
      options: { metricTypes: { queue_length: 'gauge' } },
      errors: [{ messageId: 'gauge', line: 5, message: '`queue_length` is a gauge (option `metricTypes`)' }],
    },
    {
      name: 'a gauge by the # TYPE line of a text exposition among the files',
      files: {
        'r.yml': rules('rate(queue_length[5m])', 'rate(jobs_done[5m])'),
        'app.prom':
          '# HELP queue_length Jobs waiting.\n# TYPE queue_length gauge\nqueue_length 3\n# TYPE jobs_done counter\njobs_done_total 7\n',
      },
      errors: [{ messageId: 'gauge', line: 5, message: '`queue_length` is a gauge (its `# TYPE` line)' }],
    },
    {
      name: 'a range shorter than two scrapes of the global interval',
      files: { 'r.yml': rules('rate(x_total[1m])'), 'prometheus.yml': prom('1m') },
      errors: [
        {
          messageId: 'shortRange',
          line: 5,
          message:
            '`rate(x_total[1m])` covers less than two scrapes of 1m (prometheus.yml global.scrape_interval), so it is often empty. Use a range of at least `[2m]`',
        },
      ],
    },
    {
      name: 'a range shorter than two scrapes of the job it reads',
      files: { 'r.yml': rules('rate(x_total{job="slow"}[5m])'), 'prometheus.yml': prom('15s') },
      errors: [{ messageId: 'shortRange', line: 5, message: 'two scrapes of 5m (prometheus.yml job `slow`)' }],
    },
    {
      name: "a range shorter than two scrapes of the site's interval, in a block scalar",
      site: () => {},
      files: {
        'r.yml':
          'groups:\n  - name: g\n    rules:\n      - alert: Busy\n        expr: |-\n          sum(rate(x_total[30s]))\n          > 1\n',
      },
      errors: [{ messageId: 'shortRange', line: 6, message: '(site `lab`)' }],
    },
    {
      name: 'the scrapeInterval option',
      files: { 'r.yml': rules('rate(x_total[1m])') },
      options: { scrapeInterval: '1m' },
      errors: [{ messageId: 'shortRange', line: 5, message: '(option `scrapeInterval`)' }],
    },
  ],
});
