/**
 * prometheus-pve-exporter (https://github.com/prometheus-pve/prometheus-pve-exporter): Proxmox VE
 * node, guest and storage metrics read from the Proxmox API. A multi-target exporter: Prometheus
 * scrapes the exporter at `/pve` with `?target=<node>&module=default&cluster=1&node=1`; cluster
 * metrics (every node and guest, labelled `id="node/pve1"`, `id="qemu/100"`) come from any node,
 * node metrics (`pve_onboot_status`, replication, subscription) only from the node queried. So the
 * alerts aggregate over the probes (`max by (id)`): any live node reports a dead one.
 *
 * Kiln host names of Proxmox nodes must be their Proxmox node names: the `node` label of the
 * exporter's series is what guest alerts and inhibitions match on.
 */
import type { ResolvedHost } from '@kiln/model';
import { selector, targetLabels } from './series.js';
import type { DerivedAlert, ExporterModule, MetricSpec, TestSeries } from './types.js';

const id = ['id'];
export const PVE_METRICS: MetricSpec[] = [
  { name: 'pve_up', type: 'gauge', help: 'Node/VM/CT-Status is online/running.', labels: id },
  { name: 'pve_cpu_usage_ratio', type: 'gauge', help: "CPU utilization (for types 'node', 'qemu' and 'lxc').", labels: id },
  { name: 'pve_cpu_usage_limit', type: 'gauge', help: "Number of available CPUs (for types 'node', 'qemu' and 'lxc').", labels: id },
  { name: 'pve_memory_usage_bytes', type: 'gauge', help: "Used memory in bytes (for types 'node', 'qemu' and 'lxc').", labels: id },
  { name: 'pve_memory_size_bytes', type: 'gauge', help: "Available memory in bytes (for types 'node', 'qemu' and 'lxc').", labels: id },
  { name: 'pve_disk_size_bytes', type: 'gauge', help: 'Storage size (storage), root image size (guests).', labels: id },
  { name: 'pve_disk_usage_bytes', type: 'gauge', help: 'Used storage space (storage), used root image space (guests).', labels: id },
  { name: 'pve_disk_read_bytes_total', type: 'counter', help: 'Bytes a guest read from its block devices since it started.', labels: id },
  { name: 'pve_disk_written_bytes_total', type: 'counter', help: 'Bytes a guest wrote to its block devices since it started.', labels: id },
  {
    name: 'pve_network_receive_bytes_total',
    type: 'counter',
    help: 'Bytes sent to a guest over the network since it started.',
    labels: id,
  },
  { name: 'pve_network_transmit_bytes_total', type: 'counter', help: 'Bytes a guest sent over the network since it started.', labels: id },
  { name: 'pve_uptime_seconds', type: 'gauge', help: 'Uptime of a node or guest in seconds.', labels: id },
  { name: 'pve_guest_info', type: 'info', help: 'VM/CT info.', labels: ['id', 'name', 'node', 'type', 'tags'] },
  { name: 'pve_node_info', type: 'info', help: 'Node info.', labels: ['id', 'level', 'name', 'nodeid'] },
  { name: 'pve_storage_info', type: 'info', help: 'Storage info.', labels: ['id', 'node', 'storage', 'plugintype', 'content'] },
  {
    name: 'pve_onboot_status',
    type: 'gauge',
    help: 'Whether a guest starts at boot (node collector `config`).',
    labels: ['id', 'node', 'type'],
  },
  { name: 'pve_ha_state', type: 'gauge', help: 'HA service status (HA-managed guests and nodes).', labels: ['id', 'state'] },
  { name: 'pve_lock_state', type: 'gauge', help: "The guest's current config lock.", labels: ['id', 'state'] },
  { name: 'pve_version_info', type: 'info', help: 'Proxmox VE version info.', labels: ['release', 'repoid', 'version'] },
];

export const PVE_JOB = 'pve';
/** Query parameters of every scrape: the `default` module of pve.yml, cluster and node collectors. */
export const PVE_SCRAPE = { metricsPath: '/pve', params: { module: ['default'], cluster: ['1'], node: ['1'] } };
/** A guest used in test series; real guests come from the Proxmox API, which Kiln does not model. */
const TEST_GUEST = { id: 'qemu/100', name: 'test-vm', vmid: '100' };

/** The hosts the pve exporters of `hosts` query, with the labels of their probe series. */
function probes(hosts: ResolvedHost[], job: string) {
  return hosts.flatMap((h) =>
    (h.exporters.find((e) => e.kind === 'pve')?.probes ?? []).map((p) => ({ node: p.host, labels: targetLabels(job, p.host, p.address) })),
  );
}

/** `ProxmoxNodeDown`: the cluster reports a Proxmox node offline (from any node that still answers). */
function nodeDown(hosts: ResolvedHost[], job: string): DerivedAlert {
  const all = probes(hosts, job);
  const reporter = all[0]!.labels;
  const up = (node: string, v: number): TestSeries => ({
    series: selector('pve_up', { ...reporter, id: `node/${node}` }),
    values: `${v}x30`,
  });
  const healthy = all.map((p) => up(p.node, 1));
  const first = all[0]!.node;
  return {
    group: 'proxmox',
    alert: 'ProxmoxNodeDown',
    expr: `label_replace(\n  max by (id) (pve_up{id=~"node/.+",job="${job}"}),\n  "node", "$1", "id", "node/(.+)"\n)\n== 0`,
    for: '2m',
    severity: 'critical',
    labels: {},
    summary: 'Proxmox node {{ $labels.node }} is offline',
    description:
      'The Proxmox VE cluster reports node {{ $labels.node }} offline: its guests are down or being recovered by HA. ' +
      "Guest alerts of that node are inhibited while this fires. Check the node's power, network and corosync.",
    scenario: { healthy, firing: [...healthy.slice(1), up(first, 0)], firingLabels: { id: `node/${first}`, node: first } },
  };
}

/** `ProxmoxGuestDown`: a VM configured to start at boot is not running. */
function guestDown(hosts: ResolvedHost[], job: string): DerivedAlert {
  const p = probes(hosts, job)[0]!;
  const g = { ...p.labels, id: TEST_GUEST.id };
  const series = (running: number): TestSeries[] => [
    { series: selector('pve_up', g), values: `${running}x30` },
    { series: selector('pve_onboot_status', { ...g, node: p.node, type: 'qemu' }), values: '1x30' },
    { series: selector('pve_guest_info', { ...g, name: TEST_GUEST.name, node: p.node, tags: '', type: 'qemu' }), values: '1x30' },
  ];
  const m = (metric: string) => selector(metric, { job });
  return {
    group: 'proxmox',
    alert: 'ProxmoxGuestDown',
    expr:
      `label_replace(\n  (\n    max by (id) (pve_up{id=~"qemu/.+",job="${job}"}) == 0\n    and on (id)\n    max by (id) (${m('pve_onboot_status')}) == 1\n  )\n` +
      `  * on (id) group_left (name, node)\n  max by (id, name, node) (${m('pve_guest_info')}),\n  "vm_id", "$1", "id", "qemu/(.+)"\n)`,
    for: '5m',
    severity: 'warning',
    labels: {},
    summary: 'VM {{ $labels.name }} ({{ $labels.vm_id }}) on {{ $labels.node }} is not running',
    description:
      'VM {{ $labels.name }} (id {{ $labels.vm_id }}) on Proxmox node {{ $labels.node }} is configured to start at boot but has not been running for 5 minutes. ' +
      'Start it (`qm start {{ $labels.vm_id }}`) or clear its `onboot` flag if it is meant to stay off.',
    scenario: {
      healthy: series(1),
      firing: series(0),
      firingLabels: { id: TEST_GUEST.id, name: TEST_GUEST.name, node: p.node, vm_id: TEST_GUEST.vmid },
    },
  };
}

export const pveExporter: ExporterModule = {
  kind: 'pve',
  title: 'Proxmox VE exporter',
  project: 'https://github.com/prometheus-pve/prometheus-pve-exporter',
  defaultPort: 9221,
  metrics: PVE_METRICS,
  scrape: PVE_SCRAPE,
  alertPack: (hosts, job) => (probes(hosts, job).length > 0 ? [nodeDown(hosts, job), guestDown(hosts, job)] : []),
};
