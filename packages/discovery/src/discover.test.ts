import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverVms, type SkippedVm } from './discover.js';
import { createProxmoxClient, ProxmoxError } from './proxmox-client.js';
import { startProxmoxSimulator, type ProxmoxSimulator } from './proxmox-simulator.js';
import { CLUSTER, TOKEN_ID, TOKEN_SECRET } from './test-fixtures/cluster.js';

const PORTS = { node: 9100, windows: 9182 };

describe('discoverVms', () => {
  let sim: ProxmoxSimulator;
  const client = (secret = TOKEN_SECRET) => createProxmoxClient({ api: sim.url, tokenId: TOKEN_ID, tokenSecret: secret, timeoutMs: 2000 });

  beforeAll(async () => {
    sim = await startProxmoxSimulator({ tokenId: TOKEN_ID, tokenSecret: TOKEN_SECRET, vms: structuredClone(CLUSTER) });
  });
  afterAll(() => sim.close());

  it('serves one group per running guest, by job, ordered by vmid, with string labels', async () => {
    const { groups } = await discoverVms(client(), { ports: PORTS, concurrency: 4 });
    expect(groups.windows).toEqual([
      {
        targets: ['10.0.20.11:9182'],
        labels: { vm_id: '100', vm_name: 'dc01', node: 'pve1', vcpus: '8', memory_gb: '8', disk_type: 'scsi', tags: 'prod;windows' },
      },
      {
        targets: ['10.0.20.31:9182'],
        labels: { vm_id: '111', vm_name: 'win-desk', node: 'pve2', vcpus: '4', memory_gb: '4', disk_type: 'sata', tags: 'desktop' },
      },
    ]);
    expect(groups.node).toEqual([
      {
        targets: ['10.0.20.21:9100'],
        labels: { vm_id: '101', vm_name: 'web01', node: 'pve1', vcpus: '2', memory_gb: '2', disk_type: 'virtio', tags: 'prod;web' },
      },
      {
        targets: ['10.0.20.22:9100'],
        labels: { vm_id: '102', vm_name: 'db01', node: 'pve2', vcpus: '4', memory_gb: '1.5', disk_type: 'sata', tags: 'prod;db' },
      },
      {
        targets: ['10.0.30.5:9100'],
        labels: { vm_id: '103', vm_name: 'build', node: 'pve1', vcpus: '1', memory_gb: '2.93', disk_type: 'ide', tags: '' },
      },
    ]);
    for (const g of [...groups.node, ...groups.windows]) {
      for (const [name, value] of Object.entries(g.labels)) {
        expect(typeof value).toBe('string');
        expect(name.startsWith('__')).toBe(false);
      }
    }
  });

  it('counts every VM without a target by reason', async () => {
    const { skipped } = await discoverVms(client(), { ports: PORTS, concurrency: 4 });
    expect(skipped.map(({ vmid, reason }: SkippedVm) => [vmid, reason])).toEqual([
      [104, 'agent_disabled'],
      [105, 'agent_unavailable'],
      [106, 'no_ipv4'],
      [107, 'not_running'],
      [108, 'template'],
      [109, 'not_qemu'],
      [110, 'unsupported_ostype'],
      [9000, 'template'],
    ]);
    expect(skipped.find((s) => s.vmid === 105)!.detail).toContain('QEMU guest agent is not running');
  });

  it('does not ask the agent of VMs that cannot have a target', async () => {
    const before = sim.requests.length;
    await discoverVms(client(), { ports: PORTS, concurrency: 4 });
    const paths = sim.requests.slice(before).map((r) => r.path);
    expect(paths.filter((p) => p.endsWith('/config')).sort()).toEqual(
      [100, 101, 102, 103, 104, 105, 106, 110, 111]
        .map((id) => `/nodes/${CLUSTER.find((v) => v.vmid === id)!.node}/qemu/${id}/config`)
        .sort(),
    );
    expect(
      paths
        .filter((p) => p.includes('/agent/'))
        .map((p) => Number(p.split('/')[4]))
        .sort((a, b) => a - b),
    ).toEqual([100, 101, 102, 103, 105, 106, 111]);
  });

  it('honours the port per job', async () => {
    const { groups } = await discoverVms(client(), { ports: { node: 19100, windows: 19182 }, concurrency: 4 });
    expect(groups.node[0]!.targets).toEqual(['10.0.20.21:19100']);
    expect(groups.windows[0]!.targets).toEqual(['10.0.20.11:19182']);
  });

  it('keeps at most `concurrency` API requests in flight', async () => {
    const busy = await startProxmoxSimulator({ tokenId: TOKEN_ID, tokenSecret: TOKEN_SECRET, vms: structuredClone(CLUSTER) });
    busy.delayMs = 30;
    try {
      await discoverVms(createProxmoxClient({ api: busy.url, tokenId: TOKEN_ID, tokenSecret: TOKEN_SECRET, timeoutMs: 2000 }), {
        ports: PORTS,
        concurrency: 2,
      });
      expect(busy.maxInFlight).toBe(2);
    } finally {
      await busy.close();
    }
  });

  it('fails as a whole when the token is refused, so the caller keeps its last answer', async () => {
    await expect(discoverVms(client('not-the-secret'), { ports: PORTS, concurrency: 4 })).rejects.toMatchObject({ kind: 'auth' });
  });

  it('skips only the VM whose config Proxmox cannot read', async () => {
    const ghost = { ...CLUSTER.find((v) => v.vmid === 101)!, vmid: 120, name: 'ghost' };
    const flaky = await startProxmoxSimulator({ tokenId: TOKEN_ID, tokenSecret: TOKEN_SECRET, vms: [ghost] });
    try {
      const c = createProxmoxClient({ api: flaky.url, tokenId: TOKEN_ID, tokenSecret: TOKEN_SECRET, timeoutMs: 2000 });
      // The listing names VM 120, then it disappears before its config is read (migrated or deleted).
      const listed = await c.clusterVms();
      flaky.vms = [];
      const result = await discoverVms({ ...c, clusterVms: async () => listed }, { ports: PORTS, concurrency: 1 });
      expect(result.skipped).toMatchObject([{ vmid: 120, reason: 'config_error' }]);
      expect(result.skipped[0]!.detail).toContain('does not exist');
    } finally {
      await flaky.close();
    }
  });

  it('skips VMs whose guest agent the token may not read (PVEAuditor on Proxmox VE 8), without failing the refresh', async () => {
    sim.privileges.delete('VM.GuestAgent.Audit');
    try {
      const { groups, skipped } = await discoverVms(client(), { ports: PORTS, concurrency: 4 });
      expect([...groups.node, ...groups.windows]).toEqual([]);
      const denied = skipped.filter((s) => s.reason === 'permission_denied');
      expect(denied.map((s) => s.vmid)).toEqual([100, 101, 102, 103, 105, 106, 111]);
      expect(denied[0]!.detail).toContain('HTTP 403 Permission check failed (/vms/100, VM.GuestAgent.Audit)');
    } finally {
      sim.privileges.add('VM.GuestAgent.Audit');
    }
  });

  it('is a ProxmoxError when the API is down', async () => {
    sim.mode = 'down';
    try {
      await expect(discoverVms(client(), { ports: PORTS, concurrency: 4 })).rejects.toBeInstanceOf(ProxmoxError);
    } finally {
      sim.mode = 'ok';
    }
  });
});
