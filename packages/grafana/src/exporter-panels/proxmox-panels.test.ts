/** Panels of the pve, windows and NVML GPU exporters on the standard dashboards: present, sound, catalog metrics only. */
import { resolve } from '@kiln/model';
import { smallSite } from '@kiln/model/testing';
import { describe, expect, it } from 'vitest';
import { checkDashboardLayout, checkDashboardQueries } from '../check.js';
import { buildDashboards } from '../dashboards/index.js';
import { panelQueries, variableQueries } from '../queries.js';

function lab() {
  const site = smallSite();
  site.hosts['compute']!.exporters = { node: {}, 'nvidia-gpu-nvml': {} };
  site.hosts['storage']!.exporters = { node: {}, pve: { targets: ['compute', 'storage'] }, windows: {} };
  return resolve(site);
}

const dashboards = buildDashboards(lab(), []);
const byId = (id: string) => dashboards.find((d) => (d.model.uid ?? '').endsWith(`-${id}`))!.model;
const rows = (d: unknown) =>
  ((d as { panels: { type: string; title: string }[] }).panels ?? []).filter((p) => p.type === 'row').map((p) => p.title);

describe('exporter panels of seed 002', () => {
  it('add sections to the overview, node and GPU dashboards', () => {
    expect(rows(byId('overview'))).toEqual(
      expect.arrayContaining(['Proxmox VE exporter', 'Windows exporter', 'NVIDIA GPU exporter (NVML)']),
    );
    expect(rows(byId('node'))).toEqual(expect.arrayContaining(['Windows exporter', 'NVIDIA GPU exporter (NVML)']));
    expect(rows(byId('gpu'))).toContain('NVIDIA GPU exporter (NVML)');
  });

  it('query only catalog metrics, with sound layouts', () => {
    for (const d of dashboards) {
      expect(checkDashboardQueries(d.model), d.model.uid).toEqual([]);
      expect(checkDashboardLayout(d.model), d.model.uid).toEqual([]);
    }
  });

  it('list NVML GPUs by nvidia_gpu_duty_cycle on the GPU dashboard', () => {
    expect(variableQueries(byId('gpu')).find((v) => v.variable === 'gpu')!.expr).toBe('nvidia_gpu_duty_cycle{host=~"$host"}');
    expect(panelQueries(byId('gpu')).map((q) => q.expr)).toContain('nvidia_gpu_num_devices{job="nvidia-gpu-nvml",host=~"$host"}');
  });
});
