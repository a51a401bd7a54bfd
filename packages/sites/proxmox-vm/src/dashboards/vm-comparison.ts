/** VM Comparison: the selected VMs side by side, and by their configuration (vCPUs, memory, disk bus). */
import { composeDashboard, presets, sel, type DashboardFactory, type PanelSpec } from '@kiln/grafana';
import { diskTypeVariable, nodeVariable, vmVariable } from './vars.js';

const VMS = { 'node~': '$node', 'vm_name~': '$vm', 'disk_type~': '$disk_type' };

/** One row per VM: Grafana's `merge` joins the three instant queries on their labels. */
function merged(spec: PanelSpec): PanelSpec {
  type WithTransformation = { withTransformation(t: { id: string; options: Record<string, unknown> }): unknown };
  return {
    ...spec,
    build: (id, gridPos) => {
      const b = spec.build(id, gridPos);
      (b as unknown as WithTransformation).withTransformation({ id: 'merge', options: {} });
      return b;
    },
  };
}

export const vmComparison: DashboardFactory = (site) =>
  composeDashboard(site, {
    id: 'vm-comparison',
    title: 'VM Comparison',
    description: 'Windows VMs side by side; labels from the discovery service (vm_name, vcpus, memory_gb, disk_type).',
    tags: ['proxmox', 'windows'],
    variables: [nodeVariable(site, true), vmVariable(true), diskTypeVariable()],
    sections: [
      {
        title: 'Now',
        panels: [
          merged(
            presets.tablePanel({
              title: 'VMs',
              sortBy: 'vm_name',
              hideColumns: ['__name__', 'instance', 'job', 'tags'],
              queries: [
                { expr: sel('vm:cpu_utilization:avg5m', VMS), instant: true, format: 'table' },
                { expr: sel('vm:memory_utilization:ratio', VMS), instant: true, format: 'table' },
                { expr: sel('vm:disk_read_latency:avg5m', VMS), instant: true, format: 'table' },
              ],
            }),
          ),
        ],
      },
      {
        title: 'Over time',
        panels: [
          presets.timeseriesPanel({
            title: 'CPU utilization (5m avg)',
            unit: 'percentunit',
            min: 0,
            max: 1,
            queries: [{ expr: sel('vm:cpu_utilization:avg5m', VMS), legend: '{{vm_name}} ({{vcpus}} vCPU)' }],
          }),
          presets.timeseriesPanel({
            title: 'Memory utilization',
            unit: 'percentunit',
            min: 0,
            max: 1,
            signals: [{ alert: 'WindowsMemoryPressure', vars: { vm: 'vm_name' } }],
            queries: [{ expr: sel('vm:memory_utilization:ratio', VMS), legend: '{{vm_name}} ({{memory_gb}} GB)' }],
          }),
          presets.timeseriesPanel({
            title: 'Disk read latency (5m avg)',
            unit: 's',
            min: 0,
            queries: [{ expr: sel('vm:disk_read_latency:avg5m', VMS), legend: '{{vm_name}} ({{disk_type}})' }],
          }),
        ],
      },
      {
        title: 'By configuration',
        panels: [
          presets.timeseriesPanel({
            title: 'Disk read latency by disk bus',
            unit: 's',
            min: 0,
            queries: [{ expr: `avg by (disk_type) (${sel('vm:disk_read_latency:avg5m', VMS)})`, legend: '{{disk_type}}' }],
          }),
          presets.timeseriesPanel({
            title: 'CPU utilization by vCPU count',
            unit: 'percentunit',
            min: 0,
            max: 1,
            queries: [{ expr: `avg by (vcpus) (${sel('vm:cpu_utilization:avg5m', VMS)})`, legend: '{{vcpus}} vCPU' }],
          }),
        ],
      },
    ],
  });
