/** Panels for node_exporter (metrics of `NODE_METRICS` in @kiln/exporters). */
import { drilldownUrl } from '../catalog.js';
import { statPanel, tablePanel, timeseriesPanel } from '../presets.js';
import { sel } from '../query.js';
import type { ExporterPanelContext, ExporterPanels } from './types.js';

/** Filesystems that hold local data (not memory, overlays, images or network shares). */
const LOCAL_FS = { 'fstype!~': 'tmpfs|ramfs|overlay|squashfs|nsfs|fuse\\..*|nfs.*|cifs|smb3' };
const PHYSICAL_NIC = { 'device!~': 'lo|veth.*|docker.*|br-.*|virbr.*|cni.*|flannel.*' };

const many = (ctx: ExporterPanelContext) => ({ job: ctx.job, 'host~': '$host' });
const one = (ctx: ExporterPanelContext) => ({ job: ctx.job, host: '$host' });
const rate = (selector: string) => `rate(${selector}[$__rate_interval])`;

function overview(ctx: ExporterPanelContext) {
  const m = many(ctx);
  const toHost = [{ title: 'Node detail for ${__field.labels.host}', url: drilldownUrl(ctx.site, 'node', { host: 'host' }) }];
  return [
    timeseriesPanel({
      title: 'CPU busy',
      unit: 'percentunit',
      min: 0,
      max: 1,
      links: toHost,
      queries: [{ expr: `1 - avg by (host) (${rate(sel('node_cpu_seconds_total', { ...m, mode: 'idle' }))})`, legend: '{{host}}' }],
    }),
    timeseriesPanel({
      title: 'Memory used',
      unit: 'percentunit',
      min: 0,
      max: 1,
      thresholds: [{ value: 0.9, color: 'red' }],
      links: toHost,
      queries: [{ expr: `1 - ${sel('node_memory_MemAvailable_bytes', m)} / ${sel('node_memory_MemTotal_bytes', m)}`, legend: '{{host}}' }],
    }),
    timeseriesPanel({
      title: 'Fullest local filesystem',
      description: 'Per host, the used fraction of its fullest local filesystem.',
      unit: 'percentunit',
      min: 0,
      max: 1,
      thresholds: [
        { value: 0.85, color: 'orange' },
        { value: 0.95, color: 'red' },
      ],
      links: toHost,
      queries: [
        {
          expr: `max by (host) (1 - ${sel('node_filesystem_avail_bytes', { ...m, ...LOCAL_FS })} / ${sel('node_filesystem_size_bytes', { ...m, ...LOCAL_FS })})`,
          legend: '{{host}}',
        },
      ],
    }),
    timeseriesPanel({
      title: 'Network traffic',
      description: 'Bytes per second over physical interfaces; transmit drawn below the axis.',
      unit: 'Bps',
      links: toHost,
      queries: [
        { expr: `sum by (host) (${rate(sel('node_network_receive_bytes_total', { ...m, ...PHYSICAL_NIC }))})`, legend: '{{host}} receive' },
        {
          expr: `-sum by (host) (${rate(sel('node_network_transmit_bytes_total', { ...m, ...PHYSICAL_NIC }))})`,
          legend: '{{host}} transmit',
        },
      ],
    }),
  ];
}

function node(ctx: ExporterPanelContext) {
  const o = one(ctx);
  return [
    statPanel({
      title: 'Uptime',
      unit: 's',
      queries: [{ expr: `time() - ${sel('node_boot_time_seconds', o)}`, legend: 'uptime', instant: true }],
    }),
    statPanel({
      title: 'CPUs',
      queries: [{ expr: `count(${sel('node_cpu_seconds_total', { ...o, mode: 'idle' })})`, legend: 'CPUs', instant: true }],
    }),
    statPanel({
      title: 'Memory',
      unit: 'bytes',
      queries: [{ expr: sel('node_memory_MemTotal_bytes', o), legend: 'total', instant: true }],
    }),
    statPanel({ title: 'Load (1m)', queries: [{ expr: sel('node_load1', o), legend: 'load1', instant: true }] }),
    timeseriesPanel({
      title: 'CPU by mode',
      unit: 'percentunit',
      min: 0,
      queries: [
        {
          expr: `sum by (mode) (${rate(sel('node_cpu_seconds_total', { ...o, 'mode!': 'idle' }))}) / scalar(count(${sel('node_cpu_seconds_total', { ...o, mode: 'idle' })}))`,
          legend: '{{mode}}',
        },
      ],
    }),
    timeseriesPanel({
      title: 'Memory used',
      description: 'HostMemoryPressure fires when less than 10% stays available for 10 minutes.',
      unit: 'percentunit',
      min: 0,
      max: 1,
      thresholds: [{ value: 0.9, color: 'red' }],
      signals: [{ alert: 'HostMemoryPressure', vars: { host: 'host' } }],
      queries: [{ expr: `1 - ${sel('node_memory_MemAvailable_bytes', o)} / ${sel('node_memory_MemTotal_bytes', o)}`, legend: 'used' }],
    }),
    timeseriesPanel({
      title: 'Free space per filesystem',
      description:
        'Disks of the inventory alert below their pressure threshold (ScratchDiskPressure for scratch disks, DiskSpaceLow for the others).',
      unit: 'percentunit',
      min: 0,
      max: 1,
      signals: [
        { alert: 'ScratchDiskPressure', vars: { host: 'host' } },
        { alert: 'DiskSpaceLow', vars: { host: 'host' } },
      ],
      queries: [
        {
          expr: `${sel('node_filesystem_avail_bytes', { ...o, ...LOCAL_FS })} / ${sel('node_filesystem_size_bytes', { ...o, ...LOCAL_FS })}`,
          legend: '{{mountpoint}}',
        },
      ],
    }),
    timeseriesPanel({
      title: 'Disk busy',
      unit: 'percentunit',
      min: 0,
      queries: [{ expr: rate(sel('node_disk_io_time_seconds_total', o)), legend: '{{device}}' }],
    }),
    timeseriesPanel({
      title: 'Network traffic',
      unit: 'Bps',
      width: 24,
      queries: [
        { expr: rate(sel('node_network_receive_bytes_total', { ...o, ...PHYSICAL_NIC })), legend: '{{device}} receive' },
        { expr: `-${rate(sel('node_network_transmit_bytes_total', { ...o, ...PHYSICAL_NIC }))}`, legend: '{{device}} transmit' },
      ],
    }),
  ];
}

function storage(ctx: ExporterPanelContext) {
  const m = { ...many(ctx), 'mountpoint~': '$mount' };
  return [
    tablePanel({
      title: 'Mount health',
      description:
        "node_exporter's view of the inventory mounts: device error 1 means a stale handle or unreachable server. A mount missing from this table is not mounted at all (see the inventory list).",
      width: 12,
      signals: [{ alert: 'NfsMountUnavailable', vars: { host: 'host', mount: 'mountpoint' } }],
      thresholds: [{ value: 1, color: 'red' }],
      sortBy: 'host',
      hideColumns: ['__name__'],
      queries: [{ expr: `max by (host, mountpoint, fstype) (${sel('node_filesystem_device_error', m)})`, instant: true, format: 'table' }],
    }),
    tablePanel({
      title: 'Read-only flag',
      description: 'node_filesystem_readonly: 1 when mounted read-only. Compare with the mode in the inventory.',
      width: 12,
      sortBy: 'host',
      queries: [{ expr: `max by (host, mountpoint) (${sel('node_filesystem_readonly', m)})`, instant: true, format: 'table' }],
    }),
    timeseriesPanel({
      title: 'Free space on mounts',
      unit: 'percentunit',
      min: 0,
      max: 1,
      width: 24,
      queries: [
        { expr: `${sel('node_filesystem_avail_bytes', m)} / ${sel('node_filesystem_size_bytes', m)}`, legend: '{{host}} {{mountpoint}}' },
      ],
    }),
  ];
}

export const nodePanels: ExporterPanels = {
  title: 'Node exporter',
  sections: { overview, node, storage },
};
