import { describe, expect, it } from 'vitest';
import { SiteError, formatIssue, suggest } from './errors.js';
import { cidrContains, resolve } from './resolve.js';
import { smallSite } from './testing.js';

function issuesOf(input: unknown) {
  try {
    resolve(input);
  } catch (err) {
    if (err instanceof SiteError) return err.issues.map(formatIssue);
    throw err;
  }
  throw new Error('expected resolve() to fail');
}

describe('resolve', () => {
  it('resolves references, applies defaults and sorts entities by name', () => {
    const site = resolve(smallSite());
    expect(site.hosts.map((h) => h.name)).toEqual(['compute', 'storage']);
    const compute = site.hosts[0]!;
    expect(compute.exporters.map((e) => [e.kind, e.target])).toEqual([
      ['node', '10.60.0.20:9100'],
      ['nvidia-gpu', '10.60.0.20:9835'],
    ]);
    expect(site.mounts[0]!.share.host.name).toBe('storage');
    expect(site.prometheus.address).toBe('10.60.0.20:9090');
    expect(site.prometheus.externalLabels).toEqual({ site: 'lab' });
    expect(site.routing.hostDownInhibits).toBe(true);
  });

  it('names entity, field and a did-you-mean for a dangling reference', () => {
    const input = smallSite();
    input.hosts['compute']!.interfaces['nic1']!.vlan = 'servres';
    expect(issuesOf(input)).toEqual(['host `compute`: interfaces.nic1.vlan: unknown VLAN `servres`; did you mean `servers`?']);
  });

  it('rejects durations Prometheus rejects (units out of order or repeated), at the field', () => {
    for (const bad of ['30s1m', '30m1h', '1m1m']) {
      const input = smallSite();
      input.prometheus.scrapeInterval = bad;
      expect(issuesOf(input)).toEqual([
        expect.stringMatching(/^prometheus `lab`: scrapeInterval: must be a Prometheus duration .*largest first/),
      ]);
    }
  });

  it('lists the declared names when no name is close', () => {
    const input = smallSite();
    input.mounts![0]!.share = 'photos';
    expect(issuesOf(input)).toEqual(['mount `0`: share: unknown share `photos`; declared: `media`']);
  });

  it('reports duplicates: VLAN ids and mount points', () => {
    const input = smallSite();
    input.vlans['servers']!.id = 99;
    input.mounts!.push({ host: 'compute', share: 'media', mountPoint: '/mnt/media', mode: 'ro', protocol: 'nfs' });
    const issues = issuesOf(input);
    expect(issues).toContain('vlan `servers`: id: VLAN id 99 is already used by VLAN `mgmt`; VLAN ids must be unique');
    expect(issues).toContain('mount `1`: mountPoint: host `compute` already mounts something at /mnt/media (mounts[0])');
  });

  it('reports a wrong type with the entity and field', () => {
    const input = smallSite() as unknown as { services: { sshd: { endpoints: { ssh: { port: unknown } } } } };
    input.services.sshd.endpoints.ssh.port = '22';
    expect(issuesOf(input)).toEqual(['service `sshd`: endpoints.ssh.port: must be a number, not the text `22`']);
  });

  it('reports unknown fields instead of ignoring them', () => {
    const input = smallSite() as unknown as { hosts: { storage: Record<string, unknown> } };
    input.hosts.storage['disposable'] = true;
    expect(issuesOf(input)).toEqual([
      'host `storage`: disposable: unknown field; valid fields here: `role`, `disposition`, `os`, `interfaces`, `disks`, `gpus`, `exporters`, `labels`',
    ]);
  });

  it('collects every cross-reference error at once', () => {
    const input = smallSite();
    input.routing.receiver = 'emial';
    input.prometheus.host = 'compte';
    input.hosts['storage']!.interfaces['nic1']!.address = '10.61.0.10';
    const issues = issuesOf(input);
    expect(issues).toHaveLength(3);
    expect(issues).toContain('routing `lab`: receiver: unknown receiver `emial`; did you mean `email`?');
    expect(issues).toContain('prometheus `lab`: host: unknown host `compte`; did you mean `compute`?');
    expect(issues).toContain(
      'host `storage`: interfaces.nic1.address: 10.61.0.10 is outside VLAN `servers` (10.60.0.0/24); use an address in that subnet or fix `vlan`',
    );
  });

  it('requires a DNS name for DHCP interfaces and a GPU for the GPU exporter', () => {
    const input = smallSite();
    input.hosts['compute']!.interfaces['nic1']!.address = 'dhcp';
    input.hosts['compute']!.gpus = [];
    const issues = issuesOf(input);
    expect(issues).toContain(
      'host `compute`: interfaces.nic1.dnsName: is required when `address` is `dhcp`: Kiln needs a stable name to reach the interface (add a DHCP reservation and its DNS name)',
    );
    expect(issues).toContain('host `compute`: exporters.nvidia-gpu: the NVIDIA GPU exporter needs at least one GPU in `gpus` of this host');
  });

  it('makes every listener bind an IP: a DHCP interface (reachable by its DNS name) cannot be listened on', () => {
    const input = smallSite();
    input.hosts['compute']!.interfaces['nic1'] = { vlan: 'servers', address: 'dhcp', dnsName: 'compute.lan' };
    const issues = issuesOf(input);
    expect(issues.filter((i) => i.includes('no static address')).map((i) => i.slice(0, i.indexOf(': ', i.indexOf(': ') + 2)))).toEqual([
      'host `compute`: exporters.node',
      'host `compute`: exporters.nvidia-gpu',
      'prometheus `lab`: host',
      'alertmanager `lab`: host',
    ]);
  });

  it('rejects port clashes on one interface and malformed matchers', () => {
    const input = smallSite();
    input.services!['web'] = { host: 'compute', endpoints: { http: { port: 9100, kind: 'service', bind: 'nic1' } } };
    input.routing.routes![0]!.matchers = ['severity=critical'];
    const issues = issuesOf(input);
    expect(issues).toContain(
      'service `web`: endpoints.http.port: port 9100/tcp on host `compute` is already taken by exporter node; choose another port',
    );
    expect(issues.some((i) => i.startsWith('routing `lab`: routes[0].matchers[0]: `severity=critical` is not a matcher'))).toBe(true);
  });
});

describe('exporter settings, exposure and deployment targets', () => {
  it('resolves collectors, scheme and TLS of an exporter, and the instance label the site asks for', () => {
    const input = smallSite();
    input.hosts['storage']!.exporters = {
      node: { collectors: ['systemd', 'processes', 'systemd'] },
      loki: { scheme: 'https', tls: { caFile: '/etc/ca.pem' } },
    };
    input.prometheus.instanceLabel = 'host';
    const storage = resolve(input).hosts.find((h) => h.name === 'storage')!;
    expect(storage.exporters.map((e) => [e.kind, e.target, e.instance, e.scheme])).toEqual([
      ['loki', '10.60.0.10:3100', 'storage', 'https'],
      ['node', '10.60.0.10:9100', 'storage', 'http'],
    ]);
    expect(storage.exporters[1]!.collectors).toEqual(['processes', 'systemd']);
    expect(resolve(smallSite()).hosts[0]!.exporters[0]!.instance).toBe('10.60.0.20:9100');
  });

  it('names unknown collectors with a did-you-mean, and collectors on exporters that have none', () => {
    const input = smallSite();
    input.hosts['storage']!.exporters = { node: { collectors: ['sytemd'] }, haproxy: { collectors: ['x'] } };
    expect(issuesOf(input)).toEqual([
      'host `storage`: exporters.haproxy.collectors: the `haproxy` exporter has no selectable collectors; remove `collectors`',
      'host `storage`: exporters.node.collectors[0]: unknown node exporter collector `sytemd`; did you mean `systemd`?',
    ]);
  });

  it('requires https for TLS and one scheme/TLS per exporter kind', () => {
    const input = smallSite();
    input.hosts['compute']!.exporters!['loki'] = { scheme: 'https', tls: { caFile: '/etc/a.pem' } };
    input.hosts['storage']!.exporters!['loki'] = { tls: { caFile: '/etc/b.pem' } };
    expect(issuesOf(input)).toEqual([
      'host `storage`: exporters.loki.tls: TLS settings need `scheme: https`',
      'host `storage`: exporters.loki.scheme: differs from the `loki` exporter of host `compute`; every `loki` exporter is scraped by one job, so all must use the same `scheme` and `tls`',
    ]);
  });

  it('accepts the same TLS settings written in another order', () => {
    const input = smallSite();
    input.hosts['compute']!.exporters!['loki'] = { scheme: 'https', tls: { caFile: '/etc/a.pem', serverName: 'loki' } };
    input.hosts['storage']!.exporters!['loki'] = { scheme: 'https', tls: { serverName: 'loki', caFile: '/etc/a.pem' } };
    expect(
      resolve(input)
        .hosts.flatMap((h) => h.exporters)
        .filter((e) => e.kind === 'loki'),
    ).toHaveLength(2);
  });

  it('derives the external URL from the reverse proxy Prometheus is exposed through', () => {
    const input = smallSite();
    input.services!['proxy'] = { host: 'compute', endpoints: { ui: { port: 8081, kind: 'service', bind: 'nic1' } } };
    Object.assign(input.prometheus, { bind: 'loopback', exposedVia: { service: 'proxy', endpoint: 'ui' } });
    const p = resolve(input).prometheus;
    expect([p.address, p.externalUrl, p.exposedVia?.service.name]).toEqual(['127.0.0.1:9090', 'http://10.60.0.20:8081', 'proxy']);
    expect(resolve(smallSite()).prometheus.externalUrl).toBe('http://10.60.0.20:9090');
  });

  it('rejects a proxy that cannot reach a loopback Prometheus, and unknown endpoints', () => {
    const input = smallSite();
    input.services!['proxy'] = { host: 'storage', endpoints: { ui: { port: 8081, kind: 'service', bind: 'nic1' } } };
    Object.assign(input.prometheus, { bind: 'loopback', exposedVia: { service: 'proxy', endpoint: 'ui' } });
    expect(issuesOf(input)).toEqual([
      'prometheus `lab`: exposedVia.service: service `proxy` runs on host `storage` but Prometheus listens on loopback of host `compute`; run the proxy on `compute` or bind Prometheus to an interface',
    ]);
    input.prometheus.exposedVia = { service: 'proxy', endpoint: 'iu' };
    expect(issuesOf(input)).toEqual(['prometheus `lab`: exposedVia.endpoint: service `proxy` has no endpoint `iu`; did you mean `ui`?']);
  });

  it('resolves the Ansible deployment target and checks its hosts', () => {
    const input = smallSite();
    expect(resolve(input).deploy).toEqual({});
    input.deploy = { ansible: { nodeExporterHosts: ['storage', 'compute'] } };
    const ansible = resolve(input).deploy.ansible!;
    expect([ansible.configDir, ansible.nodeExporterHosts.map((h) => h.name)]).toEqual(['/etc/prometheus', ['compute', 'storage']]);
    delete input.hosts['storage']!.exporters;
    input.deploy = { ansible: { nodeExporterHosts: ['storage', 'compte'] } };
    expect(issuesOf(input)).toEqual([
      'deploy `lab`: ansible.nodeExporterHosts[0]: host `storage` has no node exporter; add `exporters: { node: {} }` to it or remove it from this list',
      'deploy `lab`: ansible.nodeExporterHosts[1]: unknown host `compte`; did you mean `compute`?',
    ]);
  });
});

describe('helpers', () => {
  it('suggests the closest name', () => {
    expect(suggest('atals', ['atlas', 'cerberus'])).toBe('did you mean `atlas`?');
    expect(suggest('zzz', ['atlas'])).toBe('declared: `atlas`');
  });
  it('tests CIDR membership', () => {
    expect(cidrContains('10.60.0.0/24', '10.60.0.255')).toBe(true);
    expect(cidrContains('10.60.0.0/24', '10.60.1.0')).toBe(false);
    expect(cidrContains('0.0.0.0/0', '192.168.1.1')).toBe(true);
  });
});
