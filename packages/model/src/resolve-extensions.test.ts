import { describe, expect, it } from 'vitest';
import { SiteError } from './errors.js';
import { resolve } from './resolve.js';
import { smallSite } from './testing.js';

/** smallSite plus a discovery service, a discovered Windows job, a pve exporter and a recording rule. */
function lab() {
  const site = smallSite();
  site.services!['discovery'] = { host: 'storage', endpoints: { http: { port: 8000, kind: 'service', bind: 'nic1' } } };
  site.scrapeJobs = { windows: { httpSd: { service: 'discovery', path: '/targets/windows' }, exporter: 'windows' } };
  site.hosts['storage']!.exporters = { node: {}, pve: { targets: ['compute', 'storage'] } };
  site.recordingRules = {
    'node:cpu_utilization:avg5m': { expr: '1 - avg without (cpu, mode) (rate(node_cpu_seconds_total{mode="idle"}[5m]))' },
  };
  return site;
}

const messages = (site: ReturnType<typeof smallSite>): string[] => {
  try {
    resolve(site);
    return [];
  } catch (e) {
    if (!(e instanceof SiteError)) throw e;
    return e.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  }
};

describe('recording rules', () => {
  it('resolve sorted by name, with empty labels and tests by default', () => {
    const site = lab();
    site.recordingRules!['gpu:utilization:avg5m'] = { expr: 'avg_over_time(nvidia_gpu_duty_cycle[5m]) / 100', labels: { unit: 'ratio' } };
    const rules = resolve(site).recordingRules;
    expect(rules.map((r) => r.name)).toEqual(['gpu:utilization:avg5m', 'node:cpu_utilization:avg5m']);
    expect(rules[1]).toMatchObject({ labels: {}, tests: [] });
    expect(rules[0]!.labels).toEqual({ unit: 'ratio' });
  });

  it('reject a name that is not level:metric:operations', () => {
    const site = lab();
    site.recordingRules = { cpu_utilization: { expr: 'up' } };
    expect(messages(site).join('\n')).toMatch(
      /recordingRules\.cpu_utilization: `cpu_utilization` must be a recording rule name `level:metric:operations`/,
    );
  });
});

describe('HTTP SD scrape jobs', () => {
  it("take the discovery service's address from the inventory", () => {
    const job = resolve(lab()).scrapeJobs[0]!;
    expect(job).toMatchObject({
      name: 'windows',
      targets: [],
      exporter: 'windows',
      httpSd: { url: 'http://10.60.0.10:8000/targets/windows', refreshInterval: '60s', service: 'discovery', endpoint: 'http' },
    });
  });

  it('report an unknown service with a suggestion, and a job with both or neither kind of target', () => {
    const site = lab();
    site.scrapeJobs!['windows']!.httpSd!.service = 'discovry';
    site.scrapeJobs!['both'] = { targets: ['10.0.0.1:9100'], httpSd: { service: 'discovery', path: '/targets/node' } };
    site.scrapeJobs!['none'] = {};
    site.scrapeJobs!['static'] = { targets: ['10.0.0.2:9182'], exporter: 'windows' };
    const found = messages(site).join('\n');
    expect(found).toMatch(/scrapeJobs\.static\.exporter: `exporter` applies to discovered targets/);
    expect(found).toMatch(/scrapeJobs\.windows\.httpSd\.service: unknown service `discovry`; did you mean `discovery`\?/);
    expect(found).toMatch(/scrapeJobs\.both\.httpSd: a scrape job has either `targets` or `httpSd`, not both/);
    expect(found).toMatch(/scrapeJobs\.none\.targets: a scrape job needs `targets` or `httpSd`/);
  });
});

describe('multi-target exporters', () => {
  it('probe each listed host at its servers address', () => {
    const pve = resolve(lab())
      .hosts.find((h) => h.name === 'storage')!
      .exporters.find((e) => e.kind === 'pve')!;
    expect(pve.probes).toEqual([
      { host: 'compute', address: '10.60.0.20' },
      { host: 'storage', address: '10.60.0.10' },
    ]);
  });

  it("probe the exporter's own host without `targets`", () => {
    const site = lab();
    site.hosts['storage']!.exporters = { node: {}, pve: {} };
    const pve = resolve(site)
      .hosts.find((h) => h.name === 'storage')!
      .exporters.find((e) => e.kind === 'pve')!;
    expect(pve.probes).toEqual([{ host: 'storage', address: '10.60.0.10' }]);
  });

  it('report unknown hosts, `targets` on other exporters, and a second pve exporter', () => {
    const site = lab();
    site.hosts['storage']!.exporters = { node: { targets: ['compute'] }, pve: { targets: ['compute', 'stroage'] } };
    site.hosts['compute']!.exporters!['pve'] = {};
    const found = messages(site).join('\n');
    expect(found).toMatch(/hosts\.storage\.exporters\.pve\.targets\.1: unknown host `stroage`; did you mean `storage`\?/);
    expect(found).toMatch(/hosts\.storage\.exporters\.node\.targets: the `node` exporter is not a multi-target exporter/);
    expect(found).toMatch(/hosts\.storage\.exporters\.pve: host `compute` already runs the pve exporter/);
  });
});
