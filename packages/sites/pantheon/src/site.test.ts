/** Pantheon's locked decisions (seed 000), checked on the resolved model. */
import { resolve } from '@kiln/model';
import { describe, expect, it } from 'vitest';
import { site } from './index.js';

const pantheon = resolve(site);
const host = (name: string) => pantheon.hosts.find((h) => h.name === name)!;

describe('pantheon', () => {
  it('mounts media read-only and appdata/datasets read-write, all from authoritative Atlas', () => {
    const modes = Object.fromEntries(pantheon.mounts.map((m) => [m.share.content + ':' + m.share.name, m.mode]));
    expect(modes).toMatchObject({
      'media:managed-media': 'ro',
      'media:shared-media': 'ro',
      'appdata:appdata': 'rw',
      'datasets:datasets': 'rw',
    });
    expect(pantheon.mounts.every((m) => m.share.host.name === 'atlas' && m.share.host.disposition === 'authoritative')).toBe(true);
  });

  it('keeps admin endpoints on MGMT and service endpoints on SERVERS', () => {
    for (const svc of pantheon.services) {
      for (const ep of svc.endpoints) {
        expect(ep.bind.kind, `${svc.name}.${ep.name}`).toBe('interface');
        const zone = ep.bind.kind === 'interface' ? ep.bind.interface.vlan.zone : undefined;
        expect(zone, `${svc.name}.${ep.name}`).toBe(ep.kind === 'admin' ? 'management' : 'servers');
      }
    }
  });

  it('models prometheus as disposable compute with one GPU and a scratch disk', () => {
    const p = host('prometheus');
    expect(p.disposition).toBe('disposable');
    expect(p.gpus).toHaveLength(1);
    expect(p.disks.filter((d) => d.role === 'scratch')).toHaveLength(1);
    expect(p.exporters.map((e) => e.kind)).toEqual(['node', 'nvidia-gpu']);
  });

  it('runs the monitoring stack with Docker Compose on `prometheus`, published on its SERVERS reservation (the seed\'s "Docker-Compose style monitoring")', () => {
    const compose = pantheon.deploy.compose!;
    expect(compose.grafana?.service.host.name).toBe('prometheus');
    const binds = [pantheon.prometheus.bind, pantheon.alertmanager.bind, compose.grafana!.endpoint.bind];
    for (const b of binds)
      expect(b.kind === 'interface' && [b.interface.vlan.zone, b.interface.address]).toEqual(['servers', '10.60.0.20']);
    // Others still reach the host by its DNS name.
    expect(pantheon.prometheus.address).toBe('prometheus.servers.pantheon.lan:9090');
  });

  it('keeps persistent service data of the disposable host on Atlas mounts', () => {
    const mountPoints = pantheon.mounts.filter((m) => m.host.name === 'prometheus').map((m) => m.mountPoint);
    for (const svc of pantheon.services.filter((s) => s.host.name === 'prometheus')) {
      for (const path of svc.dataPaths)
        expect(
          mountPoints.some((mp) => path.startsWith(mp + '/')),
          path,
        ).toBe(true);
    }
  });
});
