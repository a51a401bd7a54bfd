import { describe, expect, it } from 'vitest';
import { SiteError, formatIssue } from './errors.js';
import { resolve } from './resolve.js';
import { smallSite } from './testing.js';

function issuesOf(input: unknown): string[] {
  try {
    resolve(input);
  } catch (err) {
    if (err instanceof SiteError) return err.issues.map(formatIssue);
    throw err;
  }
  throw new Error('expected resolve() to fail');
}

function composeSite() {
  const site = smallSite();
  site.services!['grafana'] = { host: 'compute', endpoints: { http: { port: 3000, kind: 'service', bind: 'nic1' } } };
  site.deploy = { compose: { grafana: { service: 'grafana', adminPasswordFile: '/etc/kiln/grafana-admin-password' } } };
  return site;
}

describe('deploy.compose', () => {
  it('resolves Grafana to its service and only endpoint, and keeps overrides as written', () => {
    const site = composeSite();
    site.deploy!.compose!.images = { prometheus: 'prom/prometheus:v2.53.4' };
    const c = resolve(site).deploy.compose!;
    expect([c.grafana?.service.name, c.grafana?.endpoint.name, c.grafana?.adminPasswordFile]).toEqual([
      'grafana',
      'http',
      '/etc/kiln/grafana-admin-password',
    ]);
    expect(c.images).toEqual({ prometheus: 'prom/prometheus:v2.53.4' });
    expect(c.resources).toEqual({});
  });

  it('rejects unpinned images', () => {
    for (const image of ['prom/prometheus', 'prom/prometheus:latest', 'prom/prometheus:latest@sha256:' + 'a'.repeat(64)]) {
      const site = composeSite();
      site.deploy!.compose!.images = { prometheus: image };
      expect(issuesOf(site)).toEqual([
        expect.stringContaining('deploy `lab`: compose.images.prometheus: must be an image pinned by an explicit tag'),
      ]);
    }
    const site = composeSite();
    site.deploy!.compose!.images = { grafana: 'registry.lan:5000/grafana/grafana:12.4.0' };
    expect(resolve(site).deploy.compose!.images.grafana).toBe('registry.lan:5000/grafana/grafana:12.4.0');
  });

  it('names an unknown Grafana service or endpoint', () => {
    const site = composeSite();
    site.deploy!.compose!.grafana!.service = 'grafanna';
    expect(issuesOf(site)).toEqual(['deploy `lab`: compose.grafana.service: unknown service `grafanna`; did you mean `grafana`?']);
    site.deploy!.compose!.grafana = { service: 'grafana', endpoint: 'htp', adminPasswordFile: '/x' };
    expect(issuesOf(site)).toEqual([
      'deploy `lab`: compose.grafana.endpoint: service `grafana` has no endpoint `htp`; did you mean `http`?',
    ]);
  });

  it('needs an address to publish on: DHCP interfaces and loopback Alertmanager are errors', () => {
    const site = composeSite();
    site.hosts['compute']!.interfaces['nic1'] = { vlan: 'servers', address: 'dhcp', dnsName: 'compute.lan' };
    site.alertmanager.bind = 'loopback';
    const issues = issuesOf(site);
    // A DHCP interface has no IP to publish on: the model's listener rule says so for each listener on it.
    expect(issues).toContain(
      'alertmanager `lab`: bind: binds loopback, but with `deploy.compose` Prometheus runs in a container whose loopback is its own and cannot reach it; bind Alertmanager to an interface',
    );
    expect(issues.filter((i) => i.includes('`dhcp`')).map((i) => i.slice(0, i.indexOf(':')))).toEqual([
      'host `compute`',
      'host `compute`',
      'service `grafana`',
      'prometheus `lab`',
    ]);
    expect(issues).toContain(
      'prometheus `lab`: host: listens by default on interface `nic1`, which has no static address (`dhcp`); a listener must bind an IP — give `nic1` its DHCP reservation as `address` (keep `dnsName` for scraping), or bind another interface',
    );
  });

  it('rejects loopback exporters on the Docker hosts, which Prometheus in its container cannot scrape', () => {
    const site = composeSite();
    site.hosts['compute']!.exporters = { node: { interface: 'loopback' } };
    site.hosts['storage']!.exporters = { node: {} };
    expect(issuesOf(site)).toEqual([
      'host `compute`: exporters.node.interface: the `node` exporter runs in a container under `deploy.compose` and Prometheus (in its own container) cannot scrape loopback; bind it to an interface',
    ]);
  });

  it('is absent unless the site asks for it', () => {
    expect(resolve(smallSite()).deploy.compose).toBeUndefined();
  });

  describe('the discovery service and the pve exporter', () => {
    function proxmoxSite() {
      const site = composeSite();
      site.services!['sd'] = { host: 'compute', endpoints: { http: { port: 8000, kind: 'service', bind: 'nic1' } } };
      site.hosts['compute']!.exporters = { node: {}, pve: { targets: ['storage'] } };
      site.deploy!.compose!.discovery = {
        service: 'sd',
        api: 'https://pve1.example.lan:8006/',
        tokenId: 'prometheus@pve!discovery',
        tokenSecretFile: '/etc/kiln/proxmox-token',
      };
      site.deploy!.compose!.pveExporter = { configFile: '/etc/kiln/pve.yml' };
      return site;
    }

    it('resolves the discovery service to its endpoint with the default refresh, the API URL without its trailing slash', () => {
      const d = resolve(proxmoxSite()).deploy.compose!.discovery!;
      expect([d.service.name, d.endpoint.name, d.endpoint.port, d.api, d.refresh, d.caFile]).toEqual([
        'sd',
        'http',
        8000,
        'https://pve1.example.lan:8006',
        '60s',
        undefined,
      ]);
    });

    it('names the field and the fix for a bad token id, an unknown service and a loopback bind', () => {
      const site = proxmoxSite();
      site.deploy!.compose!.discovery!.tokenId = 'prometheus@pve';
      expect(issuesOf(site).join('\n')).toMatch(/compose\.discovery\.tokenId: must be an API token id `USER@REALM!TOKENNAME`/);

      const unknown = proxmoxSite();
      unknown.deploy!.compose!.discovery!.service = 'sdd';
      expect(issuesOf(unknown).join('\n')).toMatch(/discovery\.service: unknown service `sdd`; did you mean `sd`/);

      const loop = proxmoxSite();
      loop.services!['sd']!.endpoints['http']!.bind = 'loopback';
      expect(issuesOf(loop).join('\n')).toContain('cannot reach the discovery service; bind it to an interface');
    });

    it("requires the pve exporter's credentials file when a Docker host runs it", () => {
      const site = proxmoxSite();
      delete site.deploy!.compose!.pveExporter;
      expect(issuesOf(site).join('\n')).toContain(
        'host `compute` runs the `pve` exporter as a container; set `deploy.compose.pveExporter.configFile`',
      );
    });
  });
});
