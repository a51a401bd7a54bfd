import { planWithoutDashboards } from '@kiln/plan';
import { EXPORTERS, deriveAlerts } from '@kiln/exporters';
import { resolve } from '@kiln/model';
import { smallSite } from '@kiln/model/testing';
import { metricNames, parseExpr } from '@kiln/promql';
import { describe, expect, it } from 'vitest';
import { generatePrometheus } from './generate.js';
import { expandTemplate, unitTests } from './unit-tests.js';

/** Every series name an exporter module declares (histograms as their `_bucket`/`_count`/`_sum`), plus Prometheus' own `up`. */
const metricNamesOfCatalogs = () => [
  'up',
  ...Object.values(EXPORTERS).flatMap((m) =>
    m.metrics.flatMap((x) => (x.type === 'histogram' ? ['_bucket', '_count', '_sum'].map((s) => x.name + s) : [x.name])),
  ),
];

/** smallSite plus HAProxy and nginx on `storage` and Loki over https on `compute`. */
function siteWithServices() {
  const site = smallSite();
  site.hosts['storage']!.exporters = { node: {}, haproxy: {}, nginx: {} };
  site.hosts['compute']!.exporters!['loki'] = { scheme: 'https', tls: { caFile: '/etc/ssl/ca.pem' } };
  return site;
}
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

  it("emits the always-firing Watchdog only when a route sends it to a dead man's switch", () => {
    expect(names()).not.toContain('Watchdog');
    const site = smallSite();
    site.routing.routes = [{ matchers: ['alertname="Watchdog"'], receivers: ['email'] }, ...(site.routing.routes ?? [])];
    expect(names(site)).toContain('Watchdog');
  });

  it('derives DiskSpaceLow for every other disk, `/` included, honouring its threshold', () => {
    const site = smallSite();
    site.hosts['compute']!.disks!['os'] = { role: 'os', mountPoint: '/' };
    site.hosts['compute']!.disks!['data'] = { role: 'data', mountPoint: '/srv', pressureThreshold: 0.05 };
    const alerts = deriveAlerts(resolve(site)).filter((a) => a.alert === 'DiskSpaceLow');
    expect(alerts.map((a) => [a.labels['disk'], a.expr.split('\n').at(-1)])).toEqual([
      ['data', '< 0.05'],
      ['os', '< 0.1'],
    ]);
    expect(alerts.find((a) => a.labels['disk'] === 'os')!.expr).toContain('mountpoint="/"');
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

  it('derives the HAProxy, nginx and Loki packs for the hosts that run them', () => {
    const alerts = deriveAlerts(resolve(siteWithServices()));
    for (const name of ['HaproxyBackendDown', 'HaproxyHighHttp5xxRate', 'NginxDown', 'LokiRequestErrors', 'LokiRequestPanics']) {
      expect(
        count(
          alerts.map((a) => a.alert),
          name,
        ),
        name,
      ).toBe(1);
    }
    expect(alerts.find((a) => a.alert === 'NginxDown')!.scenario.firingLabels).toEqual({
      host: 'storage',
      instance: '10.60.0.10:9113',
      job: 'nginx',
    });
    expect(names()).not.toContain('NginxDown');
  });

  it('labels test series with the host name as instance when the site asks for it', () => {
    const site = siteWithServices();
    site.prometheus.instanceLabel = 'host';
    const downs = deriveAlerts(resolve(site)).filter((a) => a.alert === 'InstanceDown');
    expect(downs.map((a) => a.scenario.firingLabels['instance'])).toEqual([
      'compute',
      'compute',
      'storage',
      'compute',
      'storage',
      'compute',
      'compute',
    ]);
  });

  it('uses only metrics that the exporter catalogs declare', () => {
    const known = metricNamesOfCatalogs();
    for (const a of deriveAlerts(resolve(siteWithServices()))) {
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
    const cases = unitTests(planWithoutDashboards(site), alerts);
    const alertNames = [...new Set(alerts.filter((a) => !a.alwaysFiring).map((a) => a.alert))];
    for (const name of alertNames) {
      expect(cases.filter((c) => c.name === `${name} stays quiet when healthy`)).toHaveLength(1);
      expect(cases.filter((c) => c.name.startsWith(`${name} fires`))).toHaveLength(
        count(
          alerts.map((a) => a.alert),
          name,
        ),
      );
    }
  });

  it('expands $labels references', () => {
    expect(expandTemplate('{{ $labels.host }} down ({{$labels.job}})', { host: 'a', job: 'node' })).toBe('a down (node)');
  });
});

describe('generatePrometheus', () => {
  it('emits a file_sd file per exporter kind listing every host that runs it', () => {
    const files = generatePrometheus(planWithoutDashboards(resolve(smallSite())));
    const node = files.find((f) => f.path === 'prometheus/file_sd/node.json')!.value as { labels: { host: string } }[];
    expect(node.map((g) => g.labels.host)).toEqual(['compute', 'storage']);
    expect(files.map((f) => f.path)).toContain('prometheus/file_sd/nvidia-gpu.json');
  });
});

describe('prometheus.yml and flags', () => {
  const config = (site: ReturnType<typeof smallSite>) =>
    generatePrometheus(planWithoutDashboards(resolve(site))).find((f) => f.path === 'prometheus/prometheus.yml')!.value as {
      scrape_configs: Record<string, any>[];
    };

  it('scrapes an exporter over https with its TLS settings', () => {
    const loki = config(siteWithServices()).scrape_configs.find((j) => j['job_name'] === 'loki')!;
    expect(loki).toMatchObject({
      scheme: 'https',
      tls_config: { ca_file: '/etc/ssl/ca.pem' },
      file_sd_configs: [{ files: ['file_sd/loki.json'] }],
    });
    expect(config(siteWithServices()).scrape_configs.find((j) => j['job_name'] === 'node')!['scheme']).toBeUndefined();
  });

  it('writes the job, and the host as instance when asked, into file_sd and the self-scrape jobs', () => {
    const site = smallSite();
    site.prometheus.instanceLabel = 'host';
    const files = generatePrometheus(planWithoutDashboards(resolve(site)));
    const node = files.find((f) => f.path === 'prometheus/file_sd/node.json')!.value;
    expect(node).toEqual([
      { targets: ['10.60.0.20:9100'], labels: { host: 'compute', instance: 'compute', job: 'node' } },
      { targets: ['10.60.0.10:9100'], labels: { host: 'storage', instance: 'storage', job: 'node' } },
    ]);
    expect(config(site).scrape_configs[0]).toEqual({
      job_name: 'prometheus',
      static_configs: [{ targets: ['10.60.0.20:9090'], labels: { host: 'compute', instance: 'compute' } }],
    });
  });

  it('passes the TSDB path and, behind a proxy, the external URL as flags', () => {
    const site = smallSite();
    site.services!['proxy'] = { host: 'compute', endpoints: { ui: { port: 8081, kind: 'service', bind: 'nic1' } } };
    Object.assign(site.prometheus, { bind: 'loopback', tsdbPath: '/var/lib/prometheus', exposedVia: { service: 'proxy', endpoint: 'ui' } });
    const args = generatePrometheus(planWithoutDashboards(resolve(site))).find((f) => f.path === 'prometheus/prometheus.args')!.value;
    expect(args).toBe(
      '--config.file=prometheus.yml\n--storage.tsdb.path=/var/lib/prometheus\n--storage.tsdb.retention.time=15d\n' +
        '--web.listen-address=127.0.0.1:9090\n--web.external-url=http://10.60.0.20:8081/\n',
    );
  });
});

describe('exporter flags', () => {
  it("give every node exporter the site's listen address and exactly the enabled collectors", () => {
    const site = smallSite();
    site.hosts['storage']!.exporters = { node: { collectors: ['systemd', 'processes'] } };
    const files = generatePrometheus(planWithoutDashboards(resolve(site)));
    const args = (host: string) => files.find((f) => f.path === `exporters/${host}/node_exporter.args`)?.value;
    expect(args('storage')).toBe('--web.listen-address=10.60.0.10:9100\n--collector.processes\n--collector.systemd\n');
    expect(args('compute')).toBe('--web.listen-address=10.60.0.20:9100\n');
  });
});
