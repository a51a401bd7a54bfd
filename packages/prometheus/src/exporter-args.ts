/**
 * The flags each exporter of the inventory must run with, so that what listens is what Prometheus
 * scrapes: the node exporter's `--web.listen-address` (the site's bind, never every interface) and
 * the collectors the site enables — for whatever starts it (systemd unit, Helm chart `extraArgs`,
 * a container). Ansible and Compose carry the same values in their own form.
 */
import type { Artifact } from '@kiln/model';
import { layout, listenAddress, type Plan } from '@kiln/plan';

export function exporterArgs({ site }: Plan): Artifact[] {
  // On Kubernetes the node exporter DaemonSet carries its flags (the Kubernetes target writes it).
  if (site.kubernetes) return [];
  const out: Artifact[] = [];
  for (const host of site.hosts) {
    for (const e of host.exporters) {
      if (e.kind !== 'node') continue;
      const flags = [`--web.listen-address=${listenAddress(e.bind, e.port)}`, ...e.collectors.map((c) => `--collector.${c}`)];
      out.push({ path: layout.exporters.args(host.name, 'node_exporter'), format: 'text', value: flags.join('\n') + '\n' });
    }
  }
  return out;
}
