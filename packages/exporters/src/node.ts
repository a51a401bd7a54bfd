import type { Labels, ResolvedHost, ResolvedMount, ResolvedDisk } from '@kiln/model';
import { instanceOf, selector, targetLabels } from './series.js';
import type { DerivedAlert, ExporterModule, MetricSpec, TestSeries } from './types.js';
import { sampleGuestLabels } from './windows.js';

const fs = ['device', 'fstype', 'mountpoint'];
export const NODE_METRICS: MetricSpec[] = [
  { name: 'node_cpu_seconds_total', type: 'counter', help: 'Seconds the CPUs spent in each mode.', labels: ['cpu', 'mode'] },
  { name: 'node_memory_MemAvailable_bytes', type: 'gauge', help: 'Memory available for new work.', labels: [] },
  { name: 'node_memory_MemTotal_bytes', type: 'gauge', help: 'Total memory.', labels: [] },
  { name: 'node_load1', type: 'gauge', help: '1m load average.', labels: [] },
  { name: 'node_filesystem_avail_bytes', type: 'gauge', help: 'Filesystem space available to non-root users.', labels: fs },
  { name: 'node_filesystem_size_bytes', type: 'gauge', help: 'Filesystem size.', labels: fs },
  {
    name: 'node_filesystem_device_error',
    type: 'gauge',
    help: 'Whether an error occurred while getting statistics for the device.',
    labels: fs,
  },
  { name: 'node_filesystem_readonly', type: 'gauge', help: 'Filesystem read-only status.', labels: fs },
  { name: 'node_network_receive_bytes_total', type: 'counter', help: 'Bytes received per interface.', labels: ['device'] },
  { name: 'node_network_transmit_bytes_total', type: 'counter', help: 'Bytes sent per interface.', labels: ['device'] },
  { name: 'node_disk_io_time_seconds_total', type: 'counter', help: 'Seconds spent doing I/Os.', labels: ['device'] },
  { name: 'node_boot_time_seconds', type: 'gauge', help: 'Boot time, seconds since epoch.', labels: [] },
  {
    name: 'node_uname_info',
    type: 'info',
    help: 'uname system information.',
    labels: ['machine', 'nodename', 'release', 'sysname', 'version', 'domainname'],
  },
  // Collectors that are on by default or that sites enable (`collectors: ['systemd', 'processes']`).
  { name: 'node_load5', type: 'gauge', help: '5m load average.', labels: [] },
  { name: 'node_load15', type: 'gauge', help: '15m load average.', labels: [] },
  { name: 'node_memory_SwapTotal_bytes', type: 'gauge', help: 'Total swap.', labels: [] },
  { name: 'node_memory_SwapFree_bytes', type: 'gauge', help: 'Free swap.', labels: [] },
  { name: 'node_filesystem_files', type: 'gauge', help: 'Filesystem total inodes.', labels: fs },
  { name: 'node_filesystem_files_free', type: 'gauge', help: 'Filesystem free inodes.', labels: fs },
  { name: 'node_disk_read_bytes_total', type: 'counter', help: 'Bytes read.', labels: ['device'] },
  { name: 'node_disk_written_bytes_total', type: 'counter', help: 'Bytes written.', labels: ['device'] },
  { name: 'node_network_receive_errs_total', type: 'counter', help: 'Receive errors per interface.', labels: ['device'] },
  { name: 'node_network_transmit_errs_total', type: 'counter', help: 'Transmit errors per interface.', labels: ['device'] },
  { name: 'node_network_up', type: 'gauge', help: 'Whether the interface is up (operstate).', labels: ['device'] },
  { name: 'node_hwmon_temp_celsius', type: 'gauge', help: 'Hardware monitor temperature.', labels: ['chip', 'sensor'] },
  { name: 'node_time_seconds', type: 'gauge', help: 'System time, seconds since epoch.', labels: [] },
  { name: 'node_timex_sync_status', type: 'gauge', help: 'Whether the clock is synchronised to a reliable server.', labels: [] },
  { name: 'node_pressure_cpu_waiting_seconds_total', type: 'counter', help: 'Time processes waited for CPU (PSI).', labels: [] },
  { name: 'node_pressure_memory_waiting_seconds_total', type: 'counter', help: 'Time processes waited for memory (PSI).', labels: [] },
  { name: 'node_pressure_io_waiting_seconds_total', type: 'counter', help: 'Time processes waited for I/O (PSI).', labels: [] },
  { name: 'node_systemd_unit_state', type: 'gauge', help: 'systemd unit state (collector `systemd`).', labels: ['name', 'state', 'type'] },
  { name: 'node_systemd_units', type: 'gauge', help: 'systemd units by state (collector `systemd`).', labels: ['state'] },
  { name: 'node_systemd_system_running', type: 'gauge', help: 'Whether the system is operational (collector `systemd`).', labels: [] },
  { name: 'node_processes_state', type: 'gauge', help: 'Processes by state (collector `processes`).', labels: ['state'] },
  { name: 'node_processes_threads', type: 'gauge', help: 'Allocated threads (collector `processes`).', labels: [] },
  {
    name: 'node_nfs_requests_total',
    type: 'counter',
    help: 'NFS client requests by procedure (collector `nfs`).',
    labels: ['method', 'proto', 'version'],
  },
];

export const NODE_JOB = 'node';

const nodeTarget = (host: ResolvedHost): string => instanceOf(host, 'node');

/** `NfsMountUnavailable`: the inventory says the share must be mounted; the host must see it healthy. */
export function nfsMountAlert(mount: ResolvedMount, job = NODE_JOB): DerivedAlert {
  const host = mount.host;
  const where = { host: host.name, job, mountpoint: mount.mountPoint };
  const fsLabels = {
    ...targetLabels(job, host.name, nodeTarget(host)),
    device: `${mount.share.host.name}:${mount.share.path}`,
    fstype: 'nfs4',
    mountpoint: mount.mountPoint,
  };
  const match = (name: string) => selector(name, where).replace(/}$/, ',fstype=~"nfs.*"}');
  return {
    group: 'storage',
    alert: 'NfsMountUnavailable',
    expr: `${match('node_filesystem_device_error')} == 1\nor\nabsent(${match('node_filesystem_avail_bytes')})`,
    for: '5m',
    severity: mount.required ? 'critical' : 'warning',
    labels: { host: host.name, mountpoint: mount.mountPoint, share: mount.share.id },
    summary: `NFS mount ${mount.mountPoint} on ${host.name} is unavailable`,
    description:
      `Host ${host.name} should have share ${mount.share.id} (${mount.share.path}) mounted ${mount.mode} at ${mount.mountPoint} over NFS, ` +
      'but node_exporter reports it missing or failing (stale handle, server unreachable, or not mounted). ' +
      `Check the mount on ${host.name} and the export on ${mount.share.host.name}.`,
    scenario: {
      healthy: [
        { series: selector('node_filesystem_avail_bytes', fsLabels), values: '1e+12x30' },
        { series: selector('node_filesystem_device_error', fsLabels), values: '0x30' },
      ],
      firing: [
        { series: selector('node_filesystem_device_error', fsLabels), values: '1x30' },
        { series: selector('node_filesystem_avail_bytes', fsLabels), values: '1e+12x30' },
      ],
      firingLabels: fsLabels,
    },
  };
}

/**
 * Free space of a disk of the inventory below its threshold: `ScratchDiskPressure` for scratch disks
 * (evict caches), `DiskSpaceLow` for every other disk (the system disk `/` included) — each with the
 * disk's `pressureThreshold` (default 10 %).
 */
export function diskPressureAlert(host: ResolvedHost, disk: ResolvedDisk, job = NODE_JOB): DerivedAlert {
  const where = { host: host.name, job, mountpoint: disk.mountPoint };
  const fsLabels = {
    ...targetLabels(job, host.name, nodeTarget(host)),
    device: disk.device ?? disk.name,
    fstype: 'ext4',
    mountpoint: disk.mountPoint,
  };
  const pct = Math.round(disk.pressureThreshold * 100);
  const size = 1e12;
  const scratch = disk.role === 'scratch';
  const what: Record<ResolvedDisk['role'], string> = {
    scratch: 'holds disposable caches only; evict caches or old models, nothing on it is authoritative.',
    os: 'is the system disk: logs, packages and temporary files fill it; a full system disk stops services and logins.',
    containers: 'holds container images and volumes: prune unused images (`docker system prune`) or move volumes.',
    data: 'holds persistent data: grow it, or move or archive data before writes start failing.',
  };
  return {
    group: 'storage',
    alert: scratch ? 'ScratchDiskPressure' : 'DiskSpaceLow',
    expr: `${selector('node_filesystem_avail_bytes', where)}\n/\n${selector('node_filesystem_size_bytes', where)}\n< ${disk.pressureThreshold}`,
    for: '15m',
    severity: 'warning',
    labels: { host: host.name, disk: disk.name },
    summary: `${scratch ? 'Scratch disk' : 'Disk'} ${disk.mountPoint} on ${host.name} is below ${pct}% free`,
    description: `${scratch ? 'Local scratch' : 'Filesystem'} ${disk.mountPoint} (disk ${disk.name}) on ${host.name} has less than ${pct}% space left. It ${what[disk.role]}`,
    scenario: {
      healthy: [
        { series: selector('node_filesystem_avail_bytes', fsLabels), values: `${size / 2}x30` },
        { series: selector('node_filesystem_size_bytes', fsLabels), values: `${size}x30` },
      ],
      firing: [
        { series: selector('node_filesystem_avail_bytes', fsLabels), values: `${Math.floor(size * disk.pressureThreshold * 0.5)}x30` },
        { series: selector('node_filesystem_size_bytes', fsLabels), values: `${size}x30` },
      ],
      firingLabels: { ...fsLabels },
    },
  };
}

function memoryPressure(hosts: ResolvedHost[], job: string): DerivedAlert {
  const where = { job };
  const [first, ...others] = hosts.map((h) => targetLabels(job, h.name, nodeTarget(h)));
  const labels = first!;
  const total = 64e9;
  const healthyOthers = others.flatMap((l) => [
    { series: selector('node_memory_MemAvailable_bytes', l), values: `${total / 2}x30` },
    { series: selector('node_memory_MemTotal_bytes', l), values: `${total}x30` },
  ]);
  return {
    group: 'node',
    alert: 'HostMemoryPressure',
    expr: `${selector('node_memory_MemAvailable_bytes', where)}\n/\n${selector('node_memory_MemTotal_bytes', where)}\n< 0.1`,
    for: '10m',
    severity: 'warning',
    labels: {},
    summary: 'Host {{ $labels.host }} has less than 10% memory available',
    description: 'Available memory on {{ $labels.host }} has stayed below 10% for 10 minutes; expect OOM kills and swapping.',
    scenario: {
      healthy: [
        ...healthyOthers,
        { series: selector('node_memory_MemAvailable_bytes', labels), values: `${total / 2}x30` },
        { series: selector('node_memory_MemTotal_bytes', labels), values: `${total}x30` },
      ],
      firing: [
        ...healthyOthers,
        { series: selector('node_memory_MemAvailable_bytes', labels), values: `${total / 50}x30` },
        { series: selector('node_memory_MemTotal_bytes', labels), values: `${total}x30` },
      ],
      firingLabels: labels,
    },
  };
}

export const nodeExporter: ExporterModule = {
  kind: 'node',
  title: 'Node exporter',
  project: 'https://github.com/prometheus/node_exporter',
  defaultPort: 9100,
  metrics: NODE_METRICS,
  alertPack: (hosts, job) => (hosts.length > 0 ? [memoryPressure(hosts, job)] : []),
  discoveredPack: (job) => guestPack(sampleGuestLabels(job, 9100), job),
};

/**
 * Linux guests found by HTTP service discovery (`kiln discover proxmox`, `/targets/node`): the
 * inventory lists no disks for them, so the filesystem alert covers every real filesystem a guest
 * reports (pseudo and in-memory filesystems excluded) and names it by its mount point.
 */
function guestPack(sample: Labels, job: string): DerivedAlert[] {
  const total = 8e9;
  const mem = (available: number): TestSeries[] => [
    { series: selector('node_memory_MemAvailable_bytes', sample), values: `${available}x30` },
    { series: selector('node_memory_MemTotal_bytes', sample), values: `${total}x30` },
  ];
  const size = 1e11;
  const root = { ...sample, device: '/dev/sda1', fstype: 'ext4', mountpoint: '/' };
  const fsSeries = (free: number): TestSeries[] => [
    { series: selector('node_filesystem_avail_bytes', root), values: `${free}x30` },
    { series: selector('node_filesystem_size_bytes', root), values: `${size}x30` },
  ];
  const real = `job="${job}",fstype!~"tmpfs|ramfs|squashfs|overlay|devtmpfs|nsfs|fuse.lxcfs"`;
  return [
    {
      group: 'guests',
      alert: 'GuestMemoryPressure',
      expr: `node_memory_MemAvailable_bytes{job="${job}"}\n/\nnode_memory_MemTotal_bytes{job="${job}"}\n< 0.1`,
      for: '10m',
      severity: 'warning',
      labels: {},
      summary: 'Guest {{ $labels.vm_name }} ({{ $labels.instance }}) has less than 10% memory available',
      description:
        'Available memory on guest {{ $labels.vm_name }} (VM {{ $labels.vm_id }} on {{ $labels.node }}) has stayed below 10% for 10 minutes; expect OOM kills. Give the VM more memory or find the process that grew.',
      scenario: { healthy: mem(total / 2), firing: mem(total / 50), firingLabels: sample },
    },
    {
      group: 'guests',
      alert: 'GuestDiskSpaceLow',
      expr: `node_filesystem_avail_bytes{${real}}\n/\nnode_filesystem_size_bytes{${real}}\n< 0.1`,
      for: '15m',
      severity: 'warning',
      labels: {},
      summary: 'Filesystem {{ $labels.mountpoint }} of guest {{ $labels.vm_name }} is below 10% free',
      description:
        'Filesystem {{ $labels.mountpoint }} ({{ $labels.device }}) of guest {{ $labels.vm_name }} (VM {{ $labels.vm_id }} on {{ $labels.node }}) has less than 10% space left. Clean up logs and caches or grow the virtual disk.',
      scenario: { healthy: fsSeries(size / 2), firing: fsSeries(size / 50), firingLabels: root },
    },
  ];
}
