/** VM Detail: one Windows VM — the recording rules first, then the collectors' raw series. */
import { composeDashboard, presets, sel, type DashboardFactory } from '@kiln/grafana';
import { nodeVariable, vmVariable } from './vars.js';

const VM = { job: 'windows', 'node~': '$node', vm_name: '$vm' };
const RECORDED = { 'node~': '$node', vm_name: '$vm' };

export const vmDetail: DashboardFactory = (site) =>
  composeDashboard(site, {
    id: 'vm-detail',
    title: 'VM Detail',
    description: 'One Windows VM: utilization, disks, network and processes.',
    tags: ['proxmox', 'windows'],
    variables: [nodeVariable(site, true), vmVariable(false)],
    sections: [
      {
        title: 'The VM',
        panels: [
          presets.tablePanel({
            title: 'Discovery labels',
            height: 4,
            hideColumns: ['__name__', 'Value'],
            queries: [{ expr: sel('up', VM), instant: true, format: 'table' }],
          }),
          presets.statPanel({
            title: 'CPU (5m avg)',
            unit: 'percentunit',
            width: 6,
            queries: [{ expr: sel('vm:cpu_utilization:avg5m', RECORDED), instant: true }],
          }),
          presets.statPanel({
            title: 'Memory',
            unit: 'percentunit',
            width: 6,
            thresholds: [{ value: 0.9, color: 'red' }],
            signals: [{ alert: 'WindowsMemoryPressure', vars: { vm: 'vm_name' } }],
            queries: [{ expr: sel('vm:memory_utilization:ratio', RECORDED), instant: true }],
          }),
          presets.statPanel({
            title: 'Disk read latency (5m avg)',
            unit: 's',
            width: 6,
            queries: [{ expr: sel('vm:disk_read_latency:avg5m', RECORDED), instant: true }],
          }),
          presets.statPanel({
            title: 'Processes',
            unit: 'short',
            width: 6,
            queries: [{ expr: sel('windows_os_processes', VM), instant: true }],
          }),
        ],
      },
      {
        title: 'Utilization',
        panels: [
          presets.timeseriesPanel({
            title: 'CPU utilization (5m avg)',
            unit: 'percentunit',
            min: 0,
            max: 1,
            queries: [{ expr: sel('vm:cpu_utilization:avg5m', RECORDED), legend: '{{vm_name}}' }],
          }),
          presets.timeseriesPanel({
            title: 'Memory utilization',
            unit: 'percentunit',
            min: 0,
            max: 1,
            queries: [{ expr: sel('vm:memory_utilization:ratio', RECORDED), legend: '{{vm_name}}' }],
          }),
        ],
      },
      {
        title: 'Disks and network',
        panels: [
          presets.timeseriesPanel({
            title: 'Volume free space',
            unit: 'percentunit',
            min: 0,
            max: 1,
            signals: [{ alert: 'WindowsDiskSpaceLow', vars: { vm: 'vm_name' } }],
            queries: [
              {
                expr: `${sel('windows_logical_disk_free_bytes', { ...VM, 'volume!~': 'HarddiskVolume.*' })}\n/\n${sel('windows_logical_disk_size_bytes', { ...VM, 'volume!~': 'HarddiskVolume.*' })}`,
                legend: '{{volume}}',
              },
            ],
          }),
          presets.timeseriesPanel({
            title: 'Disk read latency (5m avg)',
            unit: 's',
            min: 0,
            queries: [{ expr: sel('vm:disk_read_latency:avg5m', RECORDED), legend: '{{vm_name}}' }],
          }),
          presets.timeseriesPanel({
            title: 'Physical disk throughput',
            unit: 'Bps',
            queries: [
              { expr: `rate(${sel('windows_physical_disk_read_bytes_total', VM)}[$__rate_interval])`, legend: 'read {{disk}}' },
              { expr: `rate(${sel('windows_physical_disk_write_bytes_total', VM)}[$__rate_interval])`, legend: 'write {{disk}}' },
            ],
          }),
          presets.timeseriesPanel({
            title: 'Network',
            unit: 'Bps',
            queries: [
              { expr: `rate(${sel('windows_net_bytes_received_total', VM)}[$__rate_interval])`, legend: 'in {{nic}}' },
              { expr: `rate(${sel('windows_net_bytes_sent_total', VM)}[$__rate_interval])`, legend: 'out {{nic}}' },
            ],
          }),
        ],
      },
      {
        title: 'Processes and system',
        panels: [
          presets.timeseriesPanel({
            title: 'Top processes by CPU',
            unit: 'short',
            queries: [
              {
                expr: `topk(10, sum by (process) (rate(${sel('windows_process_cpu_time_total', VM)}[$__rate_interval])))`,
                legend: '{{process}}',
              },
            ],
          }),
          presets.timeseriesPanel({
            title: 'Context switches and processor queue',
            unit: 'short',
            queries: [
              { expr: `rate(${sel('windows_system_context_switches_total', VM)}[$__rate_interval])`, legend: 'context switches/s' },
              { expr: sel('windows_system_processor_queue_length', VM), legend: 'processor queue' },
            ],
          }),
        ],
      },
    ],
  });
