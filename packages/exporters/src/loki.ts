import type { ResolvedHost } from '@kiln/model';
import { exporterLabels, selector } from './series.js';
import type { DerivedAlert, ExporterModule, MetricSpec } from './types.js';

/** Loki's own metrics on its HTTP port (`/metrics`), as used by the upstream loki-mixin. */
export const LOKI_METRICS: MetricSpec[] = [
  { name: 'loki_build_info', type: 'info', help: 'Loki version and build.', labels: ['version', 'revision', 'branch', 'goversion'] },
  {
    name: 'loki_request_duration_seconds',
    type: 'histogram',
    help: 'Time to serve HTTP and gRPC requests.',
    labels: ['method', 'route', 'status_code', 'ws'],
  },
  { name: 'loki_panic_total', type: 'counter', help: 'Panics recovered while serving requests.', labels: [] },
  { name: 'loki_distributor_lines_received_total', type: 'counter', help: 'Log lines received by the distributor.', labels: ['tenant'] },
  {
    name: 'loki_distributor_bytes_received_total',
    type: 'counter',
    help: 'Uncompressed bytes received by the distributor.',
    labels: ['tenant'],
  },
  {
    name: 'loki_discarded_samples_total',
    type: 'counter',
    help: 'Log lines rejected (rate limits, too old, too long, …).',
    labels: ['reason', 'tenant'],
  },
  { name: 'loki_ingester_memory_streams', type: 'gauge', help: 'Streams held in memory by the ingester.', labels: ['tenant'] },
];

export const LOKI_JOB = 'loki';
const PUSH_ROUTE = 'loki_api_v1_push';

/** `LokiRequestErrors`: more than 10 % of the requests of a route fail with 5xx (loki-mixin's rule, per target). */
function requestErrors(hosts: ResolvedHost[], job: string): DerivedAlert {
  const series = hosts.map((h) => exporterLabels(h, 'loki', job, { route: PUSH_ROUTE }));
  const labels = series[0]!;
  const count = (l: typeof labels, failedPerMinute: number) => [
    { series: selector('loki_request_duration_seconds_count', { ...l, method: 'POST', status_code: '204' }), values: '0+600x30' },
    {
      series: selector('loki_request_duration_seconds_count', { ...l, method: 'POST', status_code: '500' }),
      values: `0+${failedPerMinute}x30`,
    },
  ];
  const by = 'sum by (host, instance, job, route)';
  const failed = selector('loki_request_duration_seconds_count', { job }).replace(/}$/, ',status_code=~"5.."}');
  const healthy = series.flatMap((l) => count(l, 0));
  return {
    group: 'loki',
    alert: 'LokiRequestErrors',
    expr: `100 * ${by} (rate(${failed}[2m]))\n/\n${by} (rate(${selector('loki_request_duration_seconds_count', { job })}[2m]))\n> 10`,
    for: '15m',
    severity: 'warning',
    labels: {},
    summary: 'Loki on {{ $labels.host }} fails more than 10% of {{ $labels.route }} requests',
    description:
      'For 15 minutes more than 10% of the {{ $labels.route }} requests to Loki on {{ $labels.host }} ended in a server error (5xx): ' +
      'logs are being lost or queries fail. Check the Loki logs and its storage.',
    scenario: { healthy, firing: [...healthy.slice(2), ...count(labels, 300)], firingLabels: labels },
  };
}

/** `LokiRequestPanics`: Loki recovered from a panic while serving a request, a bug or corrupt data. */
function requestPanics(hosts: ResolvedHost[], job: string): DerivedAlert {
  const series = hosts.map((h) => exporterLabels(h, 'loki', job));
  const labels = series[0]!;
  const healthy = series.map((l) => ({ series: selector('loki_panic_total', l), values: '0x30' }));
  return {
    group: 'loki',
    alert: 'LokiRequestPanics',
    expr: `sum by (host, instance, job) (increase(${selector('loki_panic_total', { job })}[10m])) > 0`,
    for: '5m',
    severity: 'warning',
    labels: {},
    summary: 'Loki on {{ $labels.host }} is panicking',
    description:
      'Loki on {{ $labels.host }} recovered from panics while serving requests in the last 10 minutes. Check its logs for the stack trace.',
    scenario: {
      healthy,
      firing: [...healthy.slice(1), { series: selector('loki_panic_total', labels), values: '0+1x30' }],
      firingLabels: labels,
    },
  };
}

export const lokiExporter: ExporterModule = {
  kind: 'loki',
  title: 'Loki (own metrics)',
  project: 'https://grafana.com/docs/loki/latest/operations/meta-monitoring/',
  defaultPort: 3100,
  metrics: LOKI_METRICS,
  alertPack: (hosts, job) => (hosts.length > 0 ? [requestErrors(hosts, job), requestPanics(hosts, job)] : []),
};
