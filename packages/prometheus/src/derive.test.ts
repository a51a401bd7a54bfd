import { EXPORTERS } from '@kiln/exporters';
import { resolve } from '@kiln/model';
import { smallSite } from '@kiln/model/testing';
import { metricNames, parseExpr } from '@kiln/promql';
import { describe, expect, it } from 'vitest';
import { deriveAlerts } from './derive.js';
import { durationMs, formatDuration } from './duration.js';
import { generatePrometheus } from './generate.js';
import { expandTemplate, unitTests } from './unit-tests.js';

/** Every metric name an exporter module declares, plus Prometheus' own `up`. */
const metricNamesOfCatalogs = () => ['up', ...Object.values(EXPORTERS).flatMap((m) => m.metrics.map((x) => x.name))];
const names = (site = smallSite()) => deriveAlerts(resolve(site)).map((a) => a.alert);
const count = (list: string[], name: string) => list.filter((n) => n === name).length;

describe('deriveAlerts', () => {
  it('derives one NfsMountUnavailable per NFS mount, none for SMB mounts', () => {
    const site = smallSite();
    site.shares!['docs'] = { host: 'storage', path: '/export/docs', content: 'documents', protocols: ['nfs', 'smb'] };
    site.mounts!.push({ host: 'compute', share: 'docs', mountPoint: '/mnt/docs', mode: 'rw', protocol: 'nfs' });
    expect(count(names(site), 'NfsMountUnavailable')).toBe(2);
    site.mounts![1]!.protocol = 'smb';
    expect(count(names(site), 'NfsMountUnavailable')).toBe(1);
  });

  it('derives GpuUnavailable only for hosts with GPUs and a GPU exporter', () => {
    expect(count(names(), 'GpuUnavailable')).toBe(1);
    const site = smallSite();
    site.hosts['compute']!.gpus = [];
    delete site.hosts['compute']!.exporters!['nvidia-gpu'];
    const without = names(site);
    expect(without).not.toContain('GpuUnavailable');
    expect(without).not.toContain('GpuTemperatureHigh');
  });

  it('derives ScratchDiskPressure per scratch disk with the disk threshold', () => {
    const site = smallSite();
    site.hosts['compute']!.disks!['cache'] = { role: 'scratch', mountPoint: '/mnt/cache', pressureThreshold: 0.2 };
    site.hosts['compute']!.disks!['data'] = { role: 'data', mountPoint: '/srv' };
    const alerts = deriveAlerts(resolve(site)).filter((a) => a.alert === 'ScratchDiskPressure');
    expect(alerts.map((a) => a.labels['disk'])).toEqual(['cache', 'scratch']);
    expect(alerts[0]!.expr).toMatch(/< 0\.2$/);
  });

  it('derives one InstanceDown per scrape job, critical only for node', () => {
    const downs = deriveAlerts(resolve(smallSite())).filter((a) => a.alert === 'InstanceDown');
    expect(downs.map((a) => [a.labels['job'], a.severity])).toEqual([
      ['prometheus', 'warning'],
      ['alertmanager', 'warning'],
      ['node', 'critical'],
      ['nvidia-gpu', 'warning'],
    ]);
  });

  it('gives every rule of one alert name a distinct label set (no duplicate rules)', () => {
    const keys = deriveAlerts(resolve(smallSite())).map((a) => `${a.alert} ${JSON.stringify(a.labels)}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('uses only metrics that the exporter catalogs declare', () => {
    const known = metricNamesOfCatalogs();
    for (const a of deriveAlerts(resolve(smallSite()))) {
      const parsed = parseExpr(a.expr);
      expect(parsed.problems, a.alert).toEqual([]);
      for (const m of metricNames(parsed)) expect(known, `${a.alert} uses ${m}`).toContain(m);
    }
  });
});

describe('unitTests', () => {
  it('writes a quiet case per alert name and a firing case per rule', () => {
    const site = resolve(smallSite());
    const alerts = deriveAlerts(site);
    const cases = unitTests(site, alerts);
    const alertNames = [...new Set(alerts.filter((a) => !a.alwaysFiring).map((a) => a.alert))];
    for (const name of alertNames) {
      expect(cases.filter((c) => c.name === `${name} stays quiet when healthy`)).toHaveLength(1);
      expect(cases.filter((c) => c.name.startsWith(`${name} fires`))).toHaveLength(count(alerts.map((a) => a.alert), name));
    }
  });

  it('expands $labels references', () => {
    expect(expandTemplate('{{ $labels.host }} down ({{$labels.job}})', { host: 'a', job: 'node' })).toBe('a down (node)');
  });
});

describe('generatePrometheus', () => {
  it('emits a file_sd file per exporter kind listing every host that runs it', () => {
    const files = generatePrometheus(resolve(smallSite()));
    const node = files.find((f) => f.path === 'prometheus/file_sd/node.json')!.value as { labels: { host: string } }[];
    expect(node.map((g) => g.labels.host)).toEqual(['compute', 'storage']);
    expect(files.map((f) => f.path)).toContain('prometheus/file_sd/nvidia-gpu.json');
  });
});

describe('durations', () => {
  it('round-trips', () => {
    expect(durationMs('1h30m')).toBe(5400e3);
    expect(formatDuration(5400e3)).toBe('1h30m');
    expect(formatDuration(0)).toBe('0s');
  });
});
