import { testRule } from '../../rule-tester.js';
import rule from './series.js';

const rules = (...exprs: string[]) =>
  `groups:\n  - name: g\n    rules:\n${exprs.map((e, i) => `      - alert: A${i}\n        expr: ${JSON.stringify(e)}\n`).join('')}`;

testRule(rule, {
  valid: [
    {
      name: "the site's exporters, Prometheus' own series, client-library metrics and recorded series",
      site: () => {},
      files: {
        'r.yml':
          rules(
            'node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes < 0.1',
            'nvidia_smi_temperature_gpu > 85 or absent(nvidia_smi_gpu_info)',
            'up == 0 or ALERTS{alertstate="firing"} or scrape_duration_seconds > 10',
            'rate(prometheus_rule_evaluation_failures_total[5m]) > 0 or alertmanager_notifications_failed_total > 0',
            'go_goroutines > 1000 or process_open_fds > 1000',
            'job:node_cpu:rate5m > 0.9',
          ) + '      - record: job:node_cpu:rate5m\n        expr: sum by (job) (rate(node_cpu_seconds_total[5m]))\n',
      },
    },
    { name: 'loose files without the catalog option are not judged', files: { 'r.yml': rules('no_such_metric > 1') } },
    {
      name: 'a metric of a scrape job Kiln does not model',
      site: (s) => {
        s.scrapeJobs = { app: { targets: ['app.lab:8080'] } };
      },
      files: { 'r.yml': rules('app_queue_length{job="app"} > 100') },
    },
    { name: 'the allow option', files: { 'r.yml': rules('app_queue_length > 100') }, options: { catalog: ['node'], allow: ['app_.*'] } },
    { name: 'selectors without a metric name are not judged', site: () => {}, files: { 'r.yml': rules('count({job="node"}) > 1') } },
  ],
  invalid: [
    {
      name: 'a misspelt metric, with a suggestion',
      site: () => {},
      files: { 'r.yml': rules('node_memory_MemAvailable / node_memory_MemTotal_bytes < 0.1') },
      errors: [
        {
          messageId: 'unknown',
          line: 5,
          message:
            'alert `A0`: `expr` 1:1: no exporter of site `lab` (node, nvidia-gpu) exports `node_memory_MemAvailable` (did you mean `node_memory_MemAvailable_bytes`?)',
        },
      ],
    },
    {
      name: 'a metric of an exporter the catalog option leaves out',
      files: { 'r.yml': rules('node_load1 > 4 or nvidia_smi_temperature_gpu > 85') },
      options: { catalog: ['node'] },
      errors: [
        {
          messageId: 'notRun',
          line: 5,
          message: '`expr` 1:19: `nvidia_smi_temperature_gpu` comes from the nvidia-gpu exporter, which is not in the `catalog` option',
        },
      ],
    },
    {
      name: 'a metric of an exporter no host of the site runs',
      site: (s) => {
        s.hosts['compute']!.exporters = { node: {} };
      },
      files: { 'r.yml': rules('nvidia_smi_temperature_gpu > 85') },
      errors: [{ messageId: 'notRun', line: 5, message: 'comes from the nvidia-gpu exporter, which no host of site `lab` runs' }],
    },
    {
      name: 'reported once per metric and rule, at its line in a block scalar',
      site: () => {},
      files: {
        'r.yml':
          'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: |-\n          up == 0\n          or made_up{a="1"} > 1 or made_up{a="2"} > 1\n',
      },
      errors: [{ messageId: 'unknown', line: 7, message: '`expr` 2:4:' }],
    },
  ],
});
