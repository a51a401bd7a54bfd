/** Portkey's facts from seed 004, checked on the resolved model. */
import { resolve } from '@kiln/model';
import { describe, expect, it } from 'vitest';
import { site } from './index.js';

const portkey = resolve(site);
const k = portkey.kubernetes!;
const app = (name: string) => k.workloads.find((w) => w.name === name)!;

describe('portkey', () => {
  it('is three worker VMs monitored from monitoring-system', () => {
    expect(k.namespace).toBe('monitoring-system');
    expect(k.nodes.map((n) => [n.name, n.cpu, n.memory])).toEqual([
      ['metal0', 4, '42Gi'],
      ['metal1', 4, '26Gi'],
      ['metal2', 4, '26Gi'],
    ]);
  });

  it('offers the Intel iGPUs of metal1/metal2 to pods and documents the AMD iGPU that cannot be passed through', () => {
    expect(k.nodes.map((n) => n.gpus.map((g) => g.resource ?? `unavailable: ${g.unavailable?.reason.slice(0, 22)}`))).toEqual([
      ['unavailable: The APU reset bug and '],
      ['gpu.intel.com/i915'],
      ['gpu.intel.com/i915'],
    ]);
    expect(app('jellyfin').resources.gpu).toEqual({ resource: 'gpu.intel.com/i915', count: 1 });
  });

  it("backs up the seed's seven apps with VolSync/restic, Vaultwarden every 6 hours, the others daily, all kept 7 days", () => {
    const backups = k.workloads.filter((w) => w.backup).map((w) => [w.name, w.backup!.every, w.backup!.retention]);
    expect(backups).toEqual([
      ['babybuddy', '1d', '7d'],
      ['grocy', '1d', '7d'],
      ['homeassistant', '1d', '7d'],
      ['mosquitto', '1d', '7d'],
      ['paperless', '1d', '7d'],
      ['vaultwarden', '6h', '7d'],
      ['zigbee2mqtt', '1d', '7d'],
    ]);
    expect(app('vaultwarden').volumes).toMatchObject([{ storageClass: 'ceph-block', reclaimPolicy: 'Retain' }]);
  });

  it('pins the home-automation stack to metal0, with the reason', () => {
    for (const name of ['homeassistant', 'mosquitto', 'zigbee2mqtt']) {
      expect(app(name).placement?.nodes, name).toEqual(['metal0']);
      expect(app(name).criticality).toBe('critical');
    }
  });

  it('knows which apps hang when Ceph or the NFS server is down', () => {
    const ceph = k.dependencies.find((d) => d.name === 'ceph')!;
    const nas = k.dependencies.find((d) => d.kind === 'nfs')!;
    expect([ceph.monitored, ceph.storageClasses]).toEqual([true, ['ceph-block']]);
    expect(nas.kind === 'nfs' && nas.exports).toEqual(['/nfs/k8s', '/nfs/nextcloud', '/nfs/plex']);
    expect([...new Set(nas.usedBy.map((u) => u.workload))].sort()).toEqual([
      'jellyfin',
      'lidarr',
      'nextcloud',
      'radarr',
      'sonarr',
      'transmission',
    ]);
  });
});
