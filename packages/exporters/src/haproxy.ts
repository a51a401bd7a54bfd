import type { ResolvedHost } from '@kiln/model';
import { exporterLabels, selector } from './series.js';
import type { DerivedAlert, ExporterModule, MetricSpec } from './types.js';

/**
 * Metrics of HAProxy's built-in Prometheus exporter (`http-request use-service prometheus-exporter`,
 * HAProxy ≥ 2.0). `proxy` is the frontend/backend name, `server` the backend server.
 */
export const HAPROXY_METRICS: MetricSpec[] = [
  {
    name: 'haproxy_process_start_time_seconds',
    type: 'gauge',
    help: 'Start time of the HAProxy process, seconds since epoch.',
    labels: [],
  },
  { name: 'haproxy_frontend_current_sessions', type: 'gauge', help: 'Current sessions of a frontend.', labels: ['proxy'] },
  { name: 'haproxy_frontend_limit_sessions', type: 'gauge', help: 'Configured session limit of a frontend.', labels: ['proxy'] },
  { name: 'haproxy_frontend_http_requests_total', type: 'counter', help: 'HTTP requests received by a frontend.', labels: ['proxy'] },
  { name: 'haproxy_backend_active_servers', type: 'gauge', help: 'Active servers of a backend that are up.', labels: ['proxy'] },
  { name: 'haproxy_backend_backup_servers', type: 'gauge', help: 'Backup servers of a backend that are up.', labels: ['proxy'] },
  { name: 'haproxy_backend_current_queue', type: 'gauge', help: 'Requests queued on a backend, waiting for a server.', labels: ['proxy'] },
  {
    name: 'haproxy_backend_http_responses_total',
    type: 'counter',
    help: 'HTTP responses of a backend by status class (1xx … 5xx, other).',
    labels: ['proxy', 'code'],
  },
  {
    name: 'haproxy_backend_connection_errors_total',
    type: 'counter',
    help: 'Failed connection attempts to the servers of a backend.',
    labels: ['proxy'],
  },
  {
    name: 'haproxy_backend_response_time_average_seconds',
    type: 'gauge',
    help: 'Average response time of a backend over the last 1024 requests.',
    labels: ['proxy'],
  },
  { name: 'haproxy_server_check_failures_total', type: 'counter', help: 'Failed health checks of a server.', labels: ['proxy', 'server'] },
];

export const HAPROXY_JOB = 'haproxy';
/** Backend name used in test series; real names come from haproxy.cfg, which Kiln does not model. */
const TEST_BACKEND = 'backend';

/** `HaproxyBackendDown`: a backend has neither an active nor a backup server left, so every request to it fails. */
function backendDown(hosts: ResolvedHost[], job: string): DerivedAlert {
  const series = hosts.map((h) => exporterLabels(h, 'haproxy', job, { proxy: TEST_BACKEND }));
  const labels = series[0]!;
  const up = (l: typeof labels, active: number) => [
    { series: selector('haproxy_backend_active_servers', l), values: `${active}x30` },
    { series: selector('haproxy_backend_backup_servers', l), values: '0x30' },
  ];
  const healthy = series.flatMap((l) => up(l, 2));
  return {
    group: 'haproxy',
    alert: 'HaproxyBackendDown',
    expr: `${selector('haproxy_backend_active_servers', { job })}\n+\n${selector('haproxy_backend_backup_servers', { job })}\n== 0`,
    for: '1m',
    severity: 'critical',
    labels: {},
    summary: 'HAProxy backend {{ $labels.proxy }} on {{ $labels.host }} has no server up',
    description:
      'Every active and backup server of backend {{ $labels.proxy }} on {{ $labels.host }} fails its health checks, so HAProxy rejects all requests to it. ' +
      'Check the servers behind it and their health-check endpoint.',
    scenario: { healthy, firing: [...healthy.slice(2), ...up(labels, 0)], firingLabels: labels },
  };
}

/** `HaproxyHighHttp5xxRate`: more than 5 % of a backend's HTTP responses are server errors. */
function http5xx(hosts: ResolvedHost[], job: string): DerivedAlert {
  const series = hosts.map((h) => exporterLabels(h, 'haproxy', job, { proxy: TEST_BACKEND }));
  const labels = series[0]!;
  const responses = (l: typeof labels, errorsPerMinute: number) => [
    { series: selector('haproxy_backend_http_responses_total', { ...l, code: '2xx' }), values: '0+600x30' },
    { series: selector('haproxy_backend_http_responses_total', { ...l, code: '5xx' }), values: `0+${errorsPerMinute}x30` },
  ];
  const by = 'sum by (host, instance, job, proxy)';
  const healthy = series.flatMap((l) => responses(l, 0));
  return {
    group: 'haproxy',
    alert: 'HaproxyHighHttp5xxRate',
    expr:
      `${by} (rate(${selector('haproxy_backend_http_responses_total', { code: '5xx', job })}[5m]))\n/\n` +
      `${by} (rate(${selector('haproxy_backend_http_responses_total', { job })}[5m]))\n> 0.05`,
    for: '10m',
    severity: 'warning',
    labels: {},
    summary: 'HAProxy backend {{ $labels.proxy }} on {{ $labels.host }} answers more than 5% of requests with 5xx',
    description:
      'For 10 minutes more than 5% of the HTTP responses of backend {{ $labels.proxy }} on {{ $labels.host }} were server errors (5xx). ' +
      "Check the backend's servers and their logs.",
    scenario: { healthy, firing: [...healthy.slice(2), ...responses(labels, 120)], firingLabels: labels },
  };
}

export const haproxyExporter: ExporterModule = {
  kind: 'haproxy',
  title: 'HAProxy (built-in Prometheus exporter)',
  project: 'https://www.haproxy.com/documentation/haproxy-configuration-tutorials/alerts-and-monitoring/prometheus/',
  defaultPort: 8405,
  metrics: HAPROXY_METRICS,
  alertPack: (hosts, job) => (hosts.length > 0 ? [backendDown(hosts, job), http5xx(hosts, job)] : []),
};
