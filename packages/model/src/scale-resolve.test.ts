import { describe, expect, it } from 'vitest';
import { SiteError } from './errors.js';
import { resolve } from './resolve.js';
import { smallSite } from './testing.js';

const messages = (site: ReturnType<typeof smallSite>): string[] => {
  try {
    resolve(site);
    return [];
  } catch (e) {
    if (!(e instanceof SiteError)) throw e;
    return e.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  }
};

/** smallSite with a replica on `storage`, two shards, VictoriaMetrics and an Alertmanager pair. */
function scaled() {
  const site = smallSite();
  site.prometheus = {
    host: 'compute',
    replicas: { label: 'replica', peers: [{ host: 'storage' }] },
    shards: 2,
    remoteWrite: { vm: { engine: 'victoriametrics', url: 'https://vm.example.org/api/v1/write' } },
  };
  site.alertmanager = { host: 'compute', cluster: { members: { 'am-storage': { host: 'storage' } } } };
  return site;
}

describe('replicas and shards', () => {
  it('resolve to one instance per shard and replica, shard N on port + N, the replica label differing per replica', () => {
    const so = resolve(scaled()).scaleOut!;
    expect(so.instances.map((i) => [i.id, i.address, i.externalLabels['replica']])).toEqual([
      ['shard-0-replica-0', '10.60.0.20:9090', '0'],
      ['shard-0-replica-1', '10.60.0.10:9090', '1'],
      ['shard-1-replica-0', '10.60.0.20:9091', '0'],
      ['shard-1-replica-1', '10.60.0.10:9091', '1'],
    ]);
    expect(so.instances.every((i) => i.externalLabels['site'] === 'lab')).toBe(true);
  });

  it('leave a site without them unchanged', () => {
    expect(resolve(smallSite()).scaleOut).toBeUndefined();
  });

  it('report an unknown replica host, an unknown interface and a port taken on the host', () => {
    const site = scaled();
    site.prometheus.replicas!.peers = [{ host: 'stroage' }, { host: 'compute', bind: 'nic9' }, { host: 'compute', port: 9091 }];
    expect(messages(site)).toEqual(
      expect.arrayContaining([
        'prometheus.replicas.peers.0.host: unknown host `stroage`; did you mean `storage`?',
        expect.stringMatching(/^prometheus\.replicas\.peers\.1\.bind: host `compute` has no interface `nic9`/),
        expect.stringMatching(
          /^prometheus\.shards: Prometheus `shard-1-replica-0` would listen on port 9091 of host `compute`, already taken by Prometheus `shard-0-replica-2`/,
        ),
      ]),
    );
  });

  it('reject a replica label that is already an external label', () => {
    const site = scaled();
    site.prometheus.externalLabels = { replica: 'x' };
    expect(messages(site)).toEqual([expect.stringMatching(/^prometheus\.replicas\.label: `replica` is already an external label/)]);
  });
});

describe('remote write', () => {
  it('gives each engine what it needs: the tenant header, the dropped replica label, the query URL', () => {
    const site = scaled();
    delete site.prometheus.shards;
    site.prometheus.externalLabels = { cluster: 'lab' };
    site.prometheus.replicas!.label = '__replica__';
    site.prometheus.remoteWrite = {
      vm: { engine: 'victoriametrics', url: 'https://vm.example.org/api/v1/write' },
      thanos: { engine: 'thanos', url: 'https://receive.example.org/api/v1/receive', tenant: 'lab' },
      mimir: { engine: 'mimir', url: 'https://mimir.example.org/api/v1/push', tenant: 'lab' },
    };
    const rw = resolve(site).scaleOut!.remoteWrite;
    expect(rw.map((t) => [t.name, t.headers, t.dropLabels, t.queryUrl])).toEqual([
      ['mimir', { 'X-Scope-OrgID': 'lab' }, [], 'https://mimir.example.org/prometheus'],
      ['thanos', { 'THANOS-TENANT': 'lab' }, [], undefined],
      ['vm', {}, ['__replica__'], 'https://vm.example.org'],
    ]);
  });

  it("reject replicas Mimir's HA tracker cannot tell apart: another replica label, no cluster label", () => {
    const site = scaled();
    delete site.prometheus.shards;
    site.prometheus.remoteWrite = { mimir: { engine: 'mimir', url: 'https://mimir.example.org/api/v1/push', tenant: 'lab' } };
    expect(messages(site)).toEqual([
      expect.stringMatching(/^prometheus\.replicas\.label: is `replica`, but Mimir target `mimir` .* set `label: '__replica__'`/),
      expect.stringMatching(/^prometheus\.externalLabels: has no `cluster` label/),
    ]);
  });

  it('reject credentials in the URL', () => {
    const site = scaled();
    site.prometheus.remoteWrite = { a: { engine: 'victoriametrics', url: 'http://u:p@vm.example.org/api/v1/write' } };
    expect(messages(site)).toEqual([expect.stringMatching(/^prometheus\.remoteWrite\.a\.url: carries credentials/)]);
  });

  it('reject two auth methods, TLS over http and one URL twice', () => {
    const site = scaled();
    site.prometheus.remoteWrite = {
      b: {
        engine: 'thanos',
        url: 'http://receive.example.org/api/v1/receive',
        bearerTokenFile: '/t',
        basicAuth: { username: 'u', passwordFile: '/p' },
        tls: { caFile: '/ca' },
      },
      c: { engine: 'thanos', url: 'http://receive.example.org/api/v1/receive' },
    };
    expect(messages(site)).toEqual([
      expect.stringMatching(/^prometheus\.remoteWrite\.b\.bearerTokenFile: cannot be combined with `basicAuth`/),
      'prometheus.remoteWrite.b.tls: TLS settings need an https:// `url`',
      expect.stringMatching(/^prometheus\.remoteWrite\.c\.url: is also the URL of remote write target `b`/),
    ]);
  });
});

describe('federation', () => {
  it('rejects a job name already taken and a match[] that is not a series selector', () => {
    const site = smallSite();
    site.prometheus.federation = { node: { targets: ['prom-eu.example.org:9090'], match: ['{job="node"}', 'sum(up)'] } };
    expect(messages(site)).toEqual([
      expect.stringMatching(/^prometheus\.federation\.node: the job name `node` is already a scrape job/),
      expect.stringMatching(/^prometheus\.federation\.node\.match\.1: `sum\(up\)` is not a series selector/),
    ]);
  });
});

describe('Alertmanager cluster', () => {
  it('resolves members with their gossip addresses and, by default, every other member as peer', () => {
    const members = resolve(scaled()).scaleOut!.alertmanagers!;
    expect(members.map((m) => [m.name, m.address, m.clusterAddress, m.peers])).toEqual([
      ['compute', '10.60.0.20:9093', '10.60.0.20:9094', ['am-storage']],
      ['am-storage', '10.60.0.10:9093', '10.60.0.10:9094', ['compute']],
    ]);
  });

  it('reports an unknown peer, a member listing itself, and a gossip port already taken', () => {
    const site = scaled();
    site.alertmanager.cluster = {
      peers: ['am-stroage'],
      members: { 'am-storage': { host: 'storage', peers: ['am-storage'] }, 'am-2': { host: 'storage', port: 9193, clusterPort: 9094 } },
    };
    expect(messages(site)).toEqual(
      expect.arrayContaining([
        'alertmanager.cluster.peers.0: unknown member `am-stroage`; did you mean `am-storage`?',
        'alertmanager.cluster.members.am-storage.peers.0: member `am-storage` lists itself; list the other members it joins',
        expect.stringMatching(
          /^alertmanager\.cluster\.members\.am-storage\.clusterPort: the gossip listener of Alertmanager `am-storage` would listen on port 9094 of host `storage`, already taken by the gossip listener of Alertmanager `am-2`/,
        ),
      ]),
    );
  });
});
