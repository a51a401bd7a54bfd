/** Panels for prometheus-pve-exporter (`PVE_METRICS` in @kiln/exporters): the cluster as Proxmox reports it. */
import { statPanel, tablePanel, timeseriesPanel } from '../presets.js';
import type { ExporterPanelContext, ExporterPanels } from './types.js';

function overview(ctx: ExporterPanelContext) {
  if (ctx.hosts.length === 0) return [];
  const j = `job="${ctx.job}"`;
  return [
    statPanel({
      title: 'Proxmox nodes online',
      width: 6,
      signals: [{ alert: 'ProxmoxNodeDown' }],
      queries: [{ expr: `count(max by (id) (pve_up{${j},id=~"node/.+"}) == 1)`, instant: true }],
    }),
    statPanel({
      title: 'Guests running',
      width: 6,
      signals: [{ alert: 'ProxmoxGuestDown' }],
      queries: [{ expr: `count(max by (id) (pve_up{${j},id=~"(qemu|lxc)/.+"}) == 1)`, instant: true }],
    }),
    timeseriesPanel({
      title: 'Proxmox node CPU',
      unit: 'percentunit',
      min: 0,
      max: 1,
      queries: [{ expr: `max by (id) (pve_cpu_usage_ratio{${j},id=~"node/.+"})`, legend: '{{id}}' }],
    }),
    tablePanel({
      title: 'Guests',
      sortBy: 'name',
      hideColumns: ['Value'],
      queries: [{ expr: `max by (id, name, node, type, tags) (pve_guest_info{${j}})`, instant: true, format: 'table' }],
    }),
  ];
}

export const pvePanels: ExporterPanels = { title: 'Proxmox VE exporter', sections: { overview } };
