/** Goldentooth's facts from seed 001, checked on the resolved model. */
import { resolve } from '@kiln/model';
import { describe, expect, it } from 'vitest';
import { site } from './index.js';

const goldentooth = resolve(site);
const host = (name: string) => goldentooth.hosts.find((h) => h.name === name)!;
const exporter = (hostName: string, kind: string) => host(hostName).exporters.find((e) => e.kind === kind)!;

describe('goldentooth', () => {
  it('has 13 nodes, 12 Raspberry Pis and one x86 GPU node, each with a node exporter', () => {
    expect(goldentooth.hosts).toHaveLength(13);
    expect(goldentooth.hosts.filter((h) => h.role.startsWith('Raspberry Pi'))).toHaveLength(12);
    expect(goldentooth.hosts.filter((h) => h.role.startsWith('x86 GPU')).map((h) => h.name)).toEqual(['velaryon']);
    for (const h of goldentooth.hosts) expect(exporter(h.name, 'node').port, h.name).toBe(9100);
  });

  it('enables systemd on allyrion and systemd + processes on the Kubernetes nodes', () => {
    expect(exporter('allyrion', 'node').collectors).toEqual(['systemd']);
    for (const h of goldentooth.hosts.filter((x) => x.name !== 'allyrion'))
      expect(exporter(h.name, 'node').collectors, h.name).toEqual(['processes', 'systemd']);
  });

  it('runs HAProxy (:8405), nginx (:9113) and Prometheus on allyrion (10.4.0.10), Loki over https on inchfield:3100', () => {
    expect(host('allyrion').interfaces[0]!.address).toBe('10.4.0.10');
    expect(exporter('allyrion', 'haproxy').target).toBe('allyrion:8405');
    expect(exporter('allyrion', 'nginx').target).toBe('allyrion:9113');
    expect(goldentooth.prometheus.host.name).toBe('allyrion');
    const loki = exporter('inchfield', 'loki');
    expect([loki.target, loki.scheme, loki.tls]).toEqual(['inchfield:3100', 'https', { caFile: '/etc/ssl/certs/goldentooth.pem' }]);
  });

  it('labels every target with its host name as instance', () => {
    for (const h of goldentooth.hosts) for (const e of h.exporters) expect(e.instance).toBe(h.name);
  });

  it('keeps the global settings, retention and external labels of the seed', () => {
    const p = goldentooth.prometheus;
    expect([p.scrapeInterval, p.evaluationInterval, p.scrapeTimeout]).toEqual(['60s', '15s', '15s']);
    expect([p.retentionTime, p.retentionSize, p.tsdbPath]).toEqual(['15d', '5GB', '/var/lib/prometheus']);
    expect(p.externalLabels).toEqual({
      site: 'goldentooth',
      environment: 'goldentooth',
      cluster: 'goldentooth',
      domain: 'goldentooth.net',
    });
  });

  it('listens on loopback only and is reached through the nginx reverse proxy on :8081 (Grafana uses that URL)', () => {
    const p = goldentooth.prometheus;
    expect(p.bind.kind).toBe('loopback');
    expect(p.address).toBe('127.0.0.1:9090');
    expect(p.externalUrl).toBe('http://allyrion:8081');
    expect([p.exposedVia?.service.name, p.exposedVia?.endpoint.port]).toEqual(['nginx', 8081]);
  });

  it('is deployed with the Ansible roles, node_exporter only on allyrion', () => {
    expect(goldentooth.deploy.ansible?.configDir).toBe('/etc/prometheus');
    expect(goldentooth.deploy.ansible?.nodeExporterHosts.map((h) => h.name)).toEqual(['allyrion']);
  });
});
