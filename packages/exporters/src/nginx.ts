import type { ResolvedHost } from '@kiln/model';
import { exporterLabels, selector } from './series.js';
import type { DerivedAlert, ExporterModule, MetricSpec } from './types.js';

/** Metrics of nginx/nginx-prometheus-exporter reading nginx's `stub_status` page. */
export const NGINX_METRICS: MetricSpec[] = [
  { name: 'nginx_up', type: 'gauge', help: 'Whether the exporter could read the stub_status page (1) or not (0).', labels: [] },
  { name: 'nginx_connections_active', type: 'gauge', help: 'Active client connections.', labels: [] },
  { name: 'nginx_connections_reading', type: 'gauge', help: 'Connections where nginx is reading the request header.', labels: [] },
  { name: 'nginx_connections_writing', type: 'gauge', help: 'Connections where nginx is writing the response.', labels: [] },
  { name: 'nginx_connections_waiting', type: 'gauge', help: 'Idle keep-alive client connections.', labels: [] },
  { name: 'nginx_http_requests_total', type: 'counter', help: 'HTTP requests served.', labels: [] },
];

export const NGINX_JOB = 'nginx';

/** `NginxDown`: the exporter answers but cannot reach nginx, so whatever nginx fronts is unreachable. */
function nginxDown(hosts: ResolvedHost[], job: string): DerivedAlert {
  const series = hosts.map((h) => exporterLabels(h, 'nginx', job));
  const labels = series[0]!;
  const healthy = series.map((l) => ({ series: selector('nginx_up', l), values: '1x30' }));
  return {
    group: 'nginx',
    alert: 'NginxDown',
    expr: `${selector('nginx_up', { job })} == 0`,
    for: '2m',
    severity: 'warning',
    labels: {},
    summary: 'nginx on {{ $labels.host }} is down',
    description:
      "nginx-prometheus-exporter on {{ $labels.host }} cannot read nginx's stub_status page: nginx is stopped or its status endpoint is gone, " +
      'so the sites and reverse proxies it serves are unreachable. Check `systemctl status nginx` and the stub_status location.',
    scenario: { healthy, firing: [...healthy.slice(1), { series: selector('nginx_up', labels), values: '0x30' }], firingLabels: labels },
  };
}

export const nginxExporter: ExporterModule = {
  kind: 'nginx',
  title: 'NGINX Prometheus exporter (stub_status)',
  project: 'https://github.com/nginx/nginx-prometheus-exporter',
  defaultPort: 9113,
  metrics: NGINX_METRICS,
  alertPack: (hosts, job) => (hosts.length > 0 ? [nginxDown(hosts, job)] : []),
};
