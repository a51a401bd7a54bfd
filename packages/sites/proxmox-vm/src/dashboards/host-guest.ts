/**
 * Host-Guest Correlation: one Proxmox node and its VMs on shared time axes — the host's CPU and
 * memory (node exporter), what Proxmox accounts to each guest (pve exporter), what each guest sees
 * inside (windows_exporter), and the node's GPU.
 */
import { composeDashboard, presets, sel, type DashboardFactory } from '@kiln/grafana';
import { nodeVariable, vmVariable } from './vars.js';

const GUESTS = { node: '$node', 'vm_name~': '$vm' };
const guestInfo = 'max by (id, name) (pve_guest_info{job="pve",type="qemu",node="$node"})';

export const hostGuestCorrelation: DashboardFactory = (site) =>
  composeDashboard(site, {
    id: 'host-guest',
    title: 'Host-Guest Correlation',
    description: 'A Proxmox node beside its VMs: is a slow VM starved by its host, or busy on its own?',
    tags: ['proxmox', 'windows'],
    variables: [nodeVariable(site, false), vmVariable(true)],
    sections: [
      {
        title: 'CPU',
        panels: [
          presets.timeseriesPanel({
            title: 'Host CPU vs guest CPU (5m avg)',
            unit: 'percentunit',
            min: 0,
            max: 1,
            queries: [
              { expr: sel('node:cpu_utilization:avg5m', { node: '$node' }), legend: 'host {{node}}' },
              { expr: sel('vm:cpu_utilization:avg5m', GUESTS), legend: 'guest {{vm_name}}' },
            ],
          }),
          presets.timeseriesPanel({
            title: 'Guest CPU as Proxmox accounts it',
            unit: 'percentunit',
            min: 0,
            queries: [
              {
                expr: `max by (id) (pve_cpu_usage_ratio{job="pve",id=~"qemu/.+"})\n* on (id) group_left (name)\n${guestInfo}`,
                legend: '{{name}}',
              },
            ],
          }),
        ],
      },
      {
        title: 'Memory',
        panels: [
          presets.timeseriesPanel({
            title: 'Host memory vs guest memory',
            unit: 'percentunit',
            min: 0,
            max: 1,
            queries: [
              { expr: sel('node:memory_utilization:ratio', { node: '$node' }), legend: 'host {{node}}' },
              { expr: sel('vm:memory_utilization:ratio', GUESTS), legend: 'guest {{vm_name}}' },
            ],
          }),
          presets.timeseriesPanel({
            title: 'Guest memory Proxmox assigns',
            unit: 'bytes',
            min: 0,
            queries: [
              {
                expr: `max by (id) (pve_memory_usage_bytes{job="pve",id=~"qemu/.+"})\n* on (id) group_left (name)\n${guestInfo}`,
                legend: '{{name}}',
              },
            ],
          }),
        ],
      },
      {
        title: 'Disks and GPU',
        panels: [
          presets.timeseriesPanel({
            title: 'Guest disk read latency (5m avg)',
            unit: 's',
            min: 0,
            queries: [{ expr: sel('vm:disk_read_latency:avg5m', GUESTS), legend: '{{vm_name}} ({{disk_type}})' }],
          }),
          presets.timeseriesPanel({
            title: 'Host disk busy time',
            unit: 'percentunit',
            min: 0,
            max: 1,
            queries: [{ expr: `rate(node_disk_io_time_seconds_total{job="node",node="$node"}[$__rate_interval])`, legend: '{{device}}' }],
          }),
          presets.timeseriesPanel({
            title: 'GPU utilization (5m avg)',
            unit: 'percentunit',
            min: 0,
            max: 1,
            queries: [{ expr: sel('gpu:utilization:avg5m', { host: '$node' }), legend: '{{name}}' }],
          }),
          presets.timeseriesPanel({
            title: 'GPU memory in use',
            unit: 'bytes',
            queries: [{ expr: sel('nvidia_gpu_memory_used_bytes', { job: 'nvidia-gpu-nvml', host: '$node' }), legend: '{{name}} used' }],
          }),
        ],
      },
    ],
  });
