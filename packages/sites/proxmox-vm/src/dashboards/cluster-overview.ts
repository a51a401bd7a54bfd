/** Cluster Overview: the state of every Proxmox node and how busy hosts, VMs and GPUs are. */
import { composeDashboard, presets, sel, type DashboardFactory } from '@kiln/grafana';
import { nodeVariable } from './vars.js';

const NODES = { 'node~': '$node' };

export const clusterOverview: DashboardFactory = (site) =>
  composeDashboard(site, {
    id: 'cluster-overview',
    title: 'Cluster Overview',
    description: 'Proxmox nodes, their guests and GPUs, from the recording rules.',
    tags: ['proxmox'],
    variables: [nodeVariable(site, true)],
    sections: [
      {
        title: 'State',
        panels: [
          presets.statPanel({
            title: 'Nodes online',
            width: 6,
            signals: [{ alert: 'ProxmoxNodeDown' }],
            queries: [{ expr: 'count(max by (id) (pve_up{job="pve",id=~"node/.+"}) == 1)', instant: true }],
          }),
          presets.statPanel({
            title: 'VMs running',
            width: 6,
            signals: [{ alert: 'ProxmoxGuestDown' }],
            queries: [{ expr: 'count(max by (id) (pve_up{job="pve",id=~"qemu/.+"}) == 1)', instant: true }],
          }),
          presets.statPanel({
            title: 'Windows VMs scraped',
            width: 6,
            queries: [{ expr: 'sum(up{job="windows"})', instant: true }],
          }),
          presets.statPanel({
            title: 'Alerts firing',
            width: 6,
            thresholds: [{ value: 1, color: 'red' }],
            queries: [{ expr: 'count(ALERTS{alertstate="firing",alertname!="Watchdog"}) or vector(0)', instant: true }],
          }),
        ],
      },
      {
        title: 'Hosts',
        panels: [
          presets.timeseriesPanel({
            title: 'Host CPU utilization (5m avg)',
            unit: 'percentunit',
            min: 0,
            max: 1,
            queries: [{ expr: sel('node:cpu_utilization:avg5m', NODES), legend: '{{node}}' }],
          }),
          presets.timeseriesPanel({
            title: 'Host memory utilization',
            unit: 'percentunit',
            min: 0,
            max: 1,
            signals: [{ alert: 'HostMemoryPressure' }],
            queries: [{ expr: sel('node:memory_utilization:ratio', NODES), legend: '{{node}}' }],
          }),
          presets.timeseriesPanel({
            title: 'GPU utilization (5m avg)',
            unit: 'percentunit',
            min: 0,
            max: 1,
            queries: [{ expr: sel('gpu:utilization:avg5m', { 'host~': '$node' }), legend: '{{host}} {{name}}' }],
          }),
          presets.timeseriesPanel({
            title: 'VMs per node',
            unit: 'short',
            queries: [
              { expr: 'count by (node) (max by (id, node) (pve_guest_info{job="pve",type="qemu",node=~"$node"}))', legend: '{{node}}' },
            ],
          }),
        ],
      },
      {
        title: 'Guests',
        panels: [
          presets.timeseriesPanel({
            title: 'Busiest VMs: CPU (5m avg)',
            unit: 'percentunit',
            min: 0,
            max: 1,
            queries: [{ expr: 'topk(10, vm:cpu_utilization:avg5m{node=~"$node"})', legend: '{{vm_name}} ({{node}})' }],
          }),
          presets.timeseriesPanel({
            title: 'Busiest VMs: memory',
            unit: 'percentunit',
            min: 0,
            max: 1,
            signals: [{ alert: 'WindowsMemoryPressure' }],
            queries: [{ expr: 'topk(10, vm:memory_utilization:ratio{node=~"$node"})', legend: '{{vm_name}} ({{node}})' }],
          }),
        ],
      },
    ],
  });
