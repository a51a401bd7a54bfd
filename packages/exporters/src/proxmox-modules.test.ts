/** The exporter modules of seed 002: pve (multi-target), windows (discovered guests), NVML GPU. */
import { resolve } from '@kiln/model';
import { smallSite } from '@kiln/model/testing';
import { metricNames, parseExpr } from '@kiln/promql';
import { describe, expect, it } from 'vitest';
import { deriveAlerts } from './derive.js';
import { discoveredAlerts } from './discovered.js';
import { EXPORTERS } from './registry.js';
import type { DerivedAlert, ExporterModule } from './types.js';

function lab() {
  const site = smallSite();
  site.hosts['compute']!.exporters = { node: {}, 'nvidia-gpu-nvml': {} };
  site.hosts['storage']!.exporters = { node: {}, pve: { targets: ['compute', 'storage'] } };
  site.services!['discovery'] = { host: 'storage', endpoints: { http: { port: 8000, kind: 'service', bind: 'nic1' } } };
  site.scrapeJobs = { windows: { httpSd: { service: 'discovery', path: '/targets/windows' }, exporter: 'windows' } };
  return resolve(site);
}

const names = (m: ExporterModule) => m.metrics.map((x) => x.name);
const seriesName = (s: string) => s.slice(0, s.indexOf('{'));
/** Every metric an alert's expression and test series use is in the module's catalog (or is `up`). */
function usesOnlyCatalog(a: DerivedAlert, m: ExporterModule) {
  const parsed = parseExpr(a.expr);
  expect(parsed.problems, a.alert).toEqual([]);
  for (const metric of metricNames(parsed)) expect(['up', ...names(m)], `${a.alert} uses ${metric}`).toContain(metric);
  for (const s of [...a.scenario.healthy, ...a.scenario.firing])
    expect(['up', ...names(m)], `${a.alert}: ${s.series}`).toContain(seriesName(s.series));
}

describe('pve exporter', () => {
  const site = lab();
  const pve = EXPORTERS.pve;

  it('catalogs the metrics the seed and the dashboards read', () => {
    expect(names(pve)).toEqual(
      expect.arrayContaining([
        'pve_up',
        'pve_cpu_usage_ratio',
        'pve_memory_usage_bytes',
        'pve_memory_size_bytes',
        'pve_guest_info',
        'pve_onboot_status',
      ]),
    );
    expect(pve.scrape).toEqual({ metricsPath: '/pve', params: { module: ['default'], cluster: ['1'], node: ['1'] } });
  });

  it('derives the node-down and guest-down alerts, labelled with the Proxmox node, tested through the first probe', () => {
    const alerts = pve.alertPack(
      site.hosts.filter((h) => h.name === 'storage'),
      'pve',
    );
    expect(alerts.map((a) => [a.alert, a.severity])).toEqual([
      ['ProxmoxNodeDown', 'critical'],
      ['ProxmoxGuestDown', 'warning'],
    ]);
    for (const a of alerts) {
      usesOnlyCatalog(a, pve);
      expect(a.scenario.firingLabels['node'], a.alert).toBe('compute');
      for (const s of a.scenario.firing) expect(s.series, a.alert).toMatch(/host="compute",id="[^"]+",instance="10\.60\.0\.20",job="pve"/);
    }
    expect(alerts[1]!.scenario.firingLabels).toMatchObject({ vm_id: '100', name: 'test-vm' });
  });

  it('has an InstanceDown per queried host, not per exporter', () => {
    const down = deriveAlerts(site).find((a) => a.alert === 'InstanceDown' && a.labels['job'] === 'pve')!;
    expect(down.scenario.healthy.map((s) => s.series)).toEqual([
      'up{host="compute",instance="10.60.0.20",job="pve"}',
      'up{host="storage",instance="10.60.0.10",job="pve"}',
    ]);
  });
});

describe('windows exporter', () => {
  const windows = EXPORTERS.windows;

  it("catalogs the seed's collectors' metrics", () => {
    expect(names(windows)).toEqual(
      expect.arrayContaining([
        'windows_cpu_time_total',
        'windows_memory_available_bytes',
        'windows_memory_physical_total_bytes',
        'windows_logical_disk_read_seconds_total',
        'windows_logical_disk_reads_total',
        'windows_net_bytes_received_total',
        'windows_process_cpu_time_total',
        'windows_system_context_switches_total',
        'windows_os_processes',
      ]),
    );
  });

  it('alerts on a discovered job with series carrying the discovery labels', () => {
    const alerts = discoveredAlerts(lab());
    expect(alerts.map((a) => a.alert)).toEqual(['InstanceDown', 'WindowsMemoryPressure', 'WindowsDiskSpaceLow']);
    for (const a of alerts) {
      usesOnlyCatalog(a, windows);
      expect(a.scenario.firingLabels, a.alert).toMatchObject({ job: 'windows', node: 'pve1', vm_id: '101', vm_name: 'test-vm' });
      for (const s of a.scenario.firing) expect(s.series, a.alert).toMatch(/vm_id="101"/);
    }
  });

  it('has no discovered alerts without HTTP SD jobs', () => {
    expect(discoveredAlerts(resolve(smallSite()))).toEqual([]);
  });
});

describe('NVML GPU exporter', () => {
  const nvml = EXPORTERS['nvidia-gpu-nvml'];

  it("uses the seed's metric names on port 9835", () => {
    expect(nvml.defaultPort).toBe(9835);
    expect(names(nvml)).toEqual(
      expect.arrayContaining([
        'nvidia_gpu_duty_cycle',
        'nvidia_gpu_memory_used_bytes',
        'nvidia_gpu_temperature_celsius',
        'nvidia_gpu_power_usage_watts',
      ]),
    );
  });

  it('derives GpuUnavailable per GPU host with the inventory count, and the temperature alert', () => {
    const alerts = nvml.alertPack(
      lab().hosts.filter((h) => h.name === 'compute'),
      'nvidia-gpu-nvml',
    );
    expect(alerts.map((a) => a.alert)).toEqual(['GpuUnavailable', 'GpuTemperatureHigh']);
    expect(alerts[0]!.expr).toBe(
      'nvidia_gpu_num_devices{host="compute",job="nvidia-gpu-nvml"} < 1\nor\nabsent(nvidia_gpu_num_devices{host="compute",job="nvidia-gpu-nvml"})',
    );
    for (const a of alerts) usesOnlyCatalog(a, nvml);
  });
});
