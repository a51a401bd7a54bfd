/**
 * Variables of the `prometheus.prometheus.node_exporter` role (defaults/main.yml) for one host.
 * `node_exporter_enabled_collectors` replaces the role's default list, so it is exactly the
 * collectors the site enables on that host.
 */
import { listenAddress } from '@kiln/plan';
import type { ResolvedHost } from '@kiln/model';
import { toVars } from './jinja.js';

export function nodeExporterRoleVars(host: ResolvedHost): Record<string, unknown> {
  const e = host.exporters.find((x) => x.kind === 'node')!;
  return toVars({
    node_exporter_web_listen_address: listenAddress(e.bind, e.port),
    node_exporter_enabled_collectors: e.collectors,
  }) as Record<string, unknown>;
}
