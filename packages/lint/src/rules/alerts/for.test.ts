import { testRule } from '../../rule-tester.js';
import rule from './for.js';

const rules = (body: string) => `groups:\n  - name: g\n    rules:\n${body}`;
const alert = (forLine: string, expr = 'up == 0') =>
  rules(`      - alert: Down\n        expr: ${expr}\n${forLine}        labels: {severity: warning}\n`);
const promYml = (global: string, jobs = '') =>
  `global:\n${global || '  evaluation_interval: 1m\n'}scrape_configs:\n  - job_name: node\n${jobs}`;

testRule(rule, {
  valid: [
    { name: 'not a duration: rule/format reports it', files: { 'r.yml': alert('        for: 5 minutes\n') } },
    { name: 'an alert that waits 5m', files: { 'r.yml': alert('        for: 5m\n') } },
    {
      name: 'an always-firing alert that reads no series',
      files: { 'r.yml': rules('      - alert: Watchdog\n        expr: vector(1)\n') },
    },
    { name: 'recording rules have no for', files: { 'r.yml': rules('      - record: job:up:sum\n        expr: sum by (job) (up)\n') } },
    {
      name: 'for equal to the scrape interval of prometheus.yml',
      files: { 'r.yml': alert('        for: 30s\n'), 'prometheus.yml': promYml('  scrape_interval: 30s\n') },
    },
    { name: 'the site scrapes every 30s (its default)', site: () => {}, files: { 'r.yml': alert('        for: 1m\n') } },
    { name: 'no scrape interval known: a short for is not judged', files: { 'r.yml': alert('        for: 1s\n') } },
    { name: 'an expression that does not parse is left to promql/syntax', files: { 'r.yml': alert('', 'vector(1') } },
    {
      name: 'an event over a range: increase() > 0 holds one window, a `for` would make it never fire',
      files: { 'r.yml': alert('', 'increase(restarts_total[1m]) > 0') },
    },
    { name: 'changes() over a range', files: { 'r.yml': alert('        for: 0s\n', 'changes(config_hash[1m]) > 0') } },
    { name: 'a windowed condition', files: { 'r.yml': alert('', 'max_over_time(temperature[10m]) > 80') } },
    { name: 'a latching condition on time()', files: { 'r.yml': alert('', 'time() - last_success_timestamp_seconds > 3600') } },
    { name: 'absent() has no comparison to smooth', files: { 'r.yml': alert('', 'absent(up{job="node"})') } },
    {
      name: 'a series of unknown type is not judged by its name (a state flag, a TTL)',
      files: {
        'r.yml':
          alert('', 'node_md_disks{state="failed"} > 0') +
          '      - alert: Cert\n        expr: kubelet_certificate_manager_client_ttl_seconds < 86400\n',
      },
    },
    {
      name: 'severity info notifies nobody',
      files: { 'r.yml': rules('      - alert: Info\n        expr: up == 0\n        labels: {severity: info}\n') },
    },
    {
      name: 'a range-based alert is not compared with the scrape interval',
      files: { 'r.yml': alert('        for: 15s\n', 'rate(x_total[5m]) > 1'), 'prometheus.yml': promYml('  scrape_interval: 30s\n') },
    },
  ],
  invalid: [
    { name: 'no for', files: { 'r.yml': alert('') }, errors: [{ messageId: 'missing', line: 4, message: 'alert `Down` has no `for`' }] },
    {
      name: 'for: 0s',
      files: { 'r.yml': alert('        for: 0s\n') },
      errors: [{ messageId: 'missing', line: 6, message: 'has `for: 0s`' }],
    },
    {
      name: 'a gauge of the catalogs compared without for',
      files: { 'r.yml': alert('', 'node_load1 > 4') },
      errors: [{ messageId: 'missing', line: 4 }],
    },
    {
      name: 'a gauge by the metricTypes option',
      files: { 'r.yml': alert('', 'queue_length > 100') },
      options: { metricTypes: { queue_length: 'gauge' } },
      errors: [{ messageId: 'missing', line: 4, message: 'Add `for: 5m` or longer' }],
    },
    {
      name: 'shorter than global.scrape_interval of prometheus.yml',
      files: { 'r.yml': alert('        for: 15s\n'), 'prometheus.yml': promYml('  scrape_interval: 30s\n') },
      errors: [{ messageId: 'tooShort', line: 6, message: 'shorter than the scrape interval 30s (prometheus.yml global.scrape_interval)' }],
    },
    {
      name: "shorter than Prometheus' default 1m when prometheus.yml does not set it",
      files: { 'r.yml': alert('        for: 30s\n'), 'prometheus.yml': promYml('') },
      errors: [{ messageId: 'tooShort', line: 6, message: "scrape interval 1m (Prometheus' default in prometheus.yml)" }],
    },
    {
      name: 'shorter than the scrape interval of the job the expression reads',
      files: {
        'r.yml': alert('        for: 2m\n', 'up{job="node"} == 0'),
        'prometheus.yml': promYml('  scrape_interval: 30s\n', '    scrape_interval: 5m\n'),
      },
      errors: [{ messageId: 'tooShort', line: 6, message: 'scrape interval 5m (prometheus.yml job `node`)' }],
    },
    {
      name: "shorter than the site's scrape interval",
      site: (s) => {
        s.prometheus = { ...s.prometheus, scrapeInterval: '2m' };
      },
      files: { 'r.yml': alert('        for: 1m\n') },
      errors: [{ messageId: 'tooShort', line: 6, message: 'scrape interval 2m (site `lab`)' }],
    },
    {
      name: 'shorter than the scrapeInterval option',
      files: { 'r.yml': alert('        for: 1m\n') },
      options: { scrapeInterval: '90s' },
      errors: [{ messageId: 'tooShort', line: 6, message: 'Use at least `for: 1m30s`' }],
    },
  ],
});
