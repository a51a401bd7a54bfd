/**
 * windows_exporter (https://github.com/prometheus-community/windows_exporter) with the collectors
 * `cpu, memory, logical_disk, physical_disk, net, process, system, os` (`--collectors.enabled`).
 * Memory comes from the `memory` collector (`windows_memory_physical_total_bytes`, windows_exporter
 * ≥ 0.30, where the `cs` collector's `windows_cs_physical_memory_bytes` is deprecated).
 *
 * Windows guests are usually discovered (`kiln discover proxmox`, `/targets/windows`) rather than
 * listed in the inventory, so the alert pack also exists for a discovered job: its test series carry
 * the discovery labels of a sample VM.
 */
import type { Labels, ResolvedHost } from '@kiln/model';
import { exporterLabels, selector } from './series.js';
import type { DerivedAlert, ExporterModule, MetricSpec, TestSeries } from './types.js';

const volume = ['volume'];
const disk = ['disk'];
export const WINDOWS_METRICS: MetricSpec[] = [
  {
    name: 'windows_cpu_time_total',
    type: 'counter',
    help: 'Seconds the processors spent in each mode (cpu collector).',
    labels: ['core', 'mode'],
  },
  {
    name: 'windows_memory_available_bytes',
    type: 'gauge',
    help: 'Physical memory immediately available to processes: standby, free and zero page lists (memory collector).',
    labels: [],
  },
  { name: 'windows_memory_physical_total_bytes', type: 'gauge', help: 'Physical memory installed (memory collector).', labels: [] },
  { name: 'windows_memory_committed_bytes', type: 'gauge', help: 'Committed virtual memory (memory collector).', labels: [] },
  {
    name: 'windows_memory_commit_limit',
    type: 'gauge',
    help: 'Virtual memory that can be committed without extending the paging files (memory collector).',
    labels: [],
  },
  { name: 'windows_logical_disk_free_bytes', type: 'gauge', help: 'Free space of a volume (logical_disk collector).', labels: volume },
  { name: 'windows_logical_disk_size_bytes', type: 'gauge', help: 'Size of a volume (logical_disk collector).', labels: volume },
  {
    name: 'windows_logical_disk_read_seconds_total',
    type: 'counter',
    help: 'Seconds a volume spent on reads (logical_disk collector).',
    labels: volume,
  },
  {
    name: 'windows_logical_disk_reads_total',
    type: 'counter',
    help: 'Read operations of a volume (logical_disk collector).',
    labels: volume,
  },
  {
    name: 'windows_logical_disk_write_seconds_total',
    type: 'counter',
    help: 'Seconds a volume spent on writes (logical_disk collector).',
    labels: volume,
  },
  {
    name: 'windows_logical_disk_writes_total',
    type: 'counter',
    help: 'Write operations of a volume (logical_disk collector).',
    labels: volume,
  },
  {
    name: 'windows_logical_disk_read_bytes_total',
    type: 'counter',
    help: 'Bytes read from a volume (logical_disk collector).',
    labels: volume,
  },
  {
    name: 'windows_logical_disk_write_bytes_total',
    type: 'counter',
    help: 'Bytes written to a volume (logical_disk collector).',
    labels: volume,
  },
  {
    name: 'windows_physical_disk_read_seconds_total',
    type: 'counter',
    help: 'Seconds a physical disk spent on reads (physical_disk collector).',
    labels: disk,
  },
  {
    name: 'windows_physical_disk_reads_total',
    type: 'counter',
    help: 'Read operations of a physical disk (physical_disk collector).',
    labels: disk,
  },
  {
    name: 'windows_physical_disk_read_bytes_total',
    type: 'counter',
    help: 'Bytes read from a physical disk (physical_disk collector).',
    labels: disk,
  },
  {
    name: 'windows_physical_disk_write_bytes_total',
    type: 'counter',
    help: 'Bytes written to a physical disk (physical_disk collector).',
    labels: disk,
  },
  { name: 'windows_net_bytes_received_total', type: 'counter', help: 'Bytes received per interface (net collector).', labels: ['nic'] },
  { name: 'windows_net_bytes_sent_total', type: 'counter', help: 'Bytes sent per interface (net collector).', labels: ['nic'] },
  {
    name: 'windows_process_cpu_time_total',
    type: 'counter',
    help: 'Seconds of CPU per process and mode (process collector).',
    labels: ['process', 'process_id', 'mode'],
  },
  {
    name: 'windows_process_working_set_private_bytes',
    type: 'gauge',
    help: 'Private working set per process (process collector).',
    labels: ['process', 'process_id'],
  },
  { name: 'windows_system_context_switches_total', type: 'counter', help: 'Context switches (system collector).', labels: [] },
  { name: 'windows_system_threads', type: 'gauge', help: 'Threads (system collector).', labels: [] },
  { name: 'windows_system_processor_queue_length', type: 'gauge', help: 'Threads waiting for a processor (system collector).', labels: [] },
  {
    name: 'windows_os_info',
    type: 'info',
    help: 'Windows version (os collector).',
    labels: ['product', 'version', 'major_version', 'minor_version', 'build_number'],
  },
  { name: 'windows_os_processes', type: 'gauge', help: 'Processes (os collector).', labels: [] },
  { name: 'windows_os_paging_free_bytes', type: 'gauge', help: 'Free space in the paging files (os collector).', labels: [] },
  { name: 'windows_os_paging_limit_bytes', type: 'gauge', help: 'Size of the paging files (os collector).', labels: [] },
];

export const WINDOWS_JOB = 'windows';
/** The collectors the catalog, the alert pack and the dashboards rely on (the seed's list). */
export const WINDOWS_COLLECTORS = ['cpu', 'memory', 'logical_disk', 'physical_disk', 'net', 'process', 'system', 'os'] as const;

/** Labels of a sample discovered VM (as `kiln discover proxmox` attaches them), for test series only. */
export function sampleGuestLabels(job: string, port = 9182): Labels {
  return {
    disk_type: 'virtio',
    instance: `10.0.20.21:${port}`,
    job,
    memory_gb: '8',
    node: 'pve1',
    tags: 'prod',
    vcpus: '4',
    vm_id: '101',
    vm_name: 'test-vm',
  };
}

function memoryPressure(targets: Labels[], job: string): DerivedAlert {
  const total = 8e9;
  const mem = (l: Labels, available: number): TestSeries[] => [
    { series: selector('windows_memory_available_bytes', l), values: `${available}x30` },
    { series: selector('windows_memory_physical_total_bytes', l), values: `${total}x30` },
  ];
  const healthy = targets.flatMap((l) => mem(l, total / 2));
  return {
    group: 'windows',
    alert: 'WindowsMemoryPressure',
    expr: `${selector('windows_memory_available_bytes', { job })}\n/\n${selector('windows_memory_physical_total_bytes', { job })}\n< 0.1`,
    for: '10m',
    severity: 'warning',
    labels: {},
    summary: 'Windows {{ $labels.instance }} has less than 10% memory available',
    description:
      'Available physical memory on {{ $labels.instance }} has stayed below 10% for 10 minutes; Windows pages to disk and applications slow down. Find the process with `windows_process_working_set_private_bytes` or give the VM more memory.',
    scenario: { healthy, firing: [...healthy.slice(2), ...mem(targets[0]!, total / 50)], firingLabels: targets[0]! },
  };
}

function diskSpaceLow(targets: Labels[], job: string): DerivedAlert {
  const size = 1e11;
  const vol = (l: Labels, free: number): TestSeries[] => [
    { series: selector('windows_logical_disk_free_bytes', { ...l, volume: 'C:' }), values: `${free}x30` },
    { series: selector('windows_logical_disk_size_bytes', { ...l, volume: 'C:' }), values: `${size}x30` },
  ];
  const healthy = targets.flatMap((l) => vol(l, size / 2));
  const m = (metric: string) => `${metric}{job="${job}",volume!~"HarddiskVolume.*"}`;
  return {
    group: 'windows',
    alert: 'WindowsDiskSpaceLow',
    expr: `${m('windows_logical_disk_free_bytes')}\n/\n${m('windows_logical_disk_size_bytes')}\n< 0.1`,
    for: '15m',
    severity: 'warning',
    labels: {},
    summary: 'Volume {{ $labels.volume }} of {{ $labels.instance }} is below 10% free',
    description:
      'Volume {{ $labels.volume }} of Windows {{ $labels.instance }} has less than 10% space left. Clean up (Disk Cleanup, old updates) or grow the virtual disk.',
    scenario: { healthy, firing: [...healthy.slice(2), ...vol(targets[0]!, size / 50)], firingLabels: { ...targets[0]!, volume: 'C:' } },
  };
}

const pack = (targets: Labels[], job: string) => (targets.length > 0 ? [memoryPressure(targets, job), diskSpaceLow(targets, job)] : []);

export const windowsExporter: ExporterModule = {
  kind: 'windows',
  title: 'Windows exporter',
  project: 'https://github.com/prometheus-community/windows_exporter',
  defaultPort: 9182,
  metrics: WINDOWS_METRICS,
  alertPack: (hosts: ResolvedHost[], job) =>
    pack(
      hosts.map((h) => exporterLabels(h, 'windows', job)),
      job,
    ),
  discoveredPack: (job) => pack([sampleGuestLabels(job)], job),
};
