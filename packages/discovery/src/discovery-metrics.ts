/** The discovery service's own metrics, served at `/metrics`. */
import { SKIP_REASONS } from './discover.js';
import { JOB_NAMES } from './labels.js';
import { Counter, Gauge, Histogram, Registry } from './metrics.js';
import type { Endpoint, ProxmoxError, ProxmoxErrorKind } from './proxmox-client.js';

const ENDPOINTS: Endpoint[] = ['cluster_resources', 'vm_config', 'agent_interfaces'];
const ERROR_KINDS: ProxmoxErrorKind[] = ['auth', 'forbidden', 'http', 'network', 'timeout', 'invalid_response'];
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export type DiscoveryMetrics = ReturnType<typeof createDiscoveryMetrics>;

export function createDiscoveryMetrics() {
  const registry = new Registry();
  const m = {
    registry,
    lastSuccess: registry.add(
      new Gauge(
        'kiln_discovery_last_success_timestamp_seconds',
        'Unix time of the last refresh that read the Proxmox API successfully (0: never).',
      ),
    ),
    lastRefreshSuccess: registry.add(
      new Gauge('kiln_discovery_last_refresh_success', '1 if the last refresh succeeded, 0 if it failed and older targets are served.'),
    ),
    refreshes: registry.add(new Counter('kiln_discovery_refreshes_total', 'Refreshes from the Proxmox API, by result (success, failure).')),
    refreshDuration: registry.add(
      new Histogram('kiln_discovery_refresh_duration_seconds', 'Duration of a whole refresh (all API calls).', DURATION_BUCKETS),
    ),
    apiDuration: registry.add(
      new Histogram(
        'kiln_discovery_api_request_duration_seconds',
        'Duration of Proxmox API requests, by endpoint, failed ones included.',
        DURATION_BUCKETS,
      ),
    ),
    apiErrors: registry.add(
      new Counter(
        'kiln_discovery_api_errors_total',
        'Failed Proxmox API requests, by endpoint and kind (auth, forbidden, http, network, timeout, invalid_response).',
      ),
    ),
    vmsSkipped: registry.add(new Gauge('kiln_discovery_vms_skipped', 'VMs without a target in the last successful refresh, by reason.')),
    targets: registry.add(new Gauge('kiln_discovery_targets', 'Targets served, by job.')),
    httpRequests: registry.add(new Counter('kiln_discovery_http_requests_total', 'HTTP requests served, by handler and status code.')),
    httpDuration: registry.add(
      new Histogram('kiln_discovery_http_request_duration_seconds', 'Duration of HTTP requests served, by handler.', DURATION_BUCKETS),
    ),
    observeApi: (endpoint: Endpoint, seconds: number, error?: ProxmoxError): void => {
      m.apiDuration.observe(seconds, { endpoint });
      if (error) m.apiErrors.inc({ endpoint, kind: error.kind });
    },
  };
  m.lastSuccess.set(0);
  m.lastRefreshSuccess.set(0);
  for (const result of ['success', 'failure']) m.refreshes.touch({ result });
  for (const endpoint of ENDPOINTS) for (const kind of ERROR_KINDS) m.apiErrors.touch({ endpoint, kind });
  for (const reason of SKIP_REASONS) m.vmsSkipped.set(0, { reason });
  for (const job of JOB_NAMES) m.targets.set(0, { job });
  return m;
}
