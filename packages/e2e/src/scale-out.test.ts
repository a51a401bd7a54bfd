/**
 * End-to-end: Kiln's scale-out output on real binaries, on loopback. A site whose every listener is
 * on 127.0.0.1 (free ports) is built in memory and written out; each Prometheus and Alertmanager
 * starts from its generated folder and `.args` flags. The test adds only a data folder per process
 * and second-scale timing (`--rules.alert.resend-delay`, `--cluster.peer-timeout`,
 * VictoriaMetrics' `-search.latencyOffset`).
 *
 * (a) two shards scrape disjoint halves of the targets and write to one victoria-metrics, which sees
 *     the union; (b) two replicas write to victoria-metrics with `-dedup.minScrapeInterval`: one
 *     series per target, one sample per interval; (c) two Alertmanagers in a gossip cluster deliver
 *     one notification for an alert both replicas send to both.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { buildSite } from '@kiln/cli';
import { resolve, type SiteInput } from '@kiln/model';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LoopbackStack, activeTargets, freePort, waitFor } from './stack.js';
import { GENERATED, filesIn, generatedSites, run } from './tools.js';

/** Two free ports in a row: shard N of a replica listens on its port + N. */
async function freePortPair(): Promise<number> {
  for (;;) {
    const p = await freePort();
    const next = await new Promise<boolean>((ok) => {
      const srv = createServer();
      srv.once('error', () => ok(false));
      srv.listen(p + 1, '127.0.0.1', () => srv.close(() => ok(true)));
    });
    if (next) return p;
  }
}

/** Prometheus' `hashmod` (relabel.go): the last 8 bytes of the MD5 of the value, big-endian, modulo N. */
const hashmod = (value: string, modulus: number): number =>
  Number(createHash('md5').update(value).digest().readBigUInt64BE(8) % BigInt(modulus));

/** A site on one host whose listeners are all on loopback, scraping `targets` as job `app`. */
function loopbackSite(ports: { prometheus: number; alertmanager: number; hook: number }, targets: string[]): SiteInput {
  return {
    name: 'scale',
    runbookUrl: 'https://wiki.example/runbooks/{alertname}',
    vlans: { servers: { id: 60, cidr: '10.60.0.0/24', zone: 'servers' } },
    hosts: { lab: { role: 'monitoring', disposition: 'disposable', interfaces: { nic1: { vlan: 'servers', address: '10.60.0.10' } } } },
    scrapeJobs: { app: { targets } },
    receivers: { hook: { webhooks: [{ url: `http://127.0.0.1:${ports.hook}/hook` }] } },
    routing: { receiver: 'hook', groupWait: '1s', groupInterval: '1m', repeatInterval: '1h' },
    prometheus: { host: 'lab', bind: 'loopback', port: ports.prometheus, scrapeInterval: '1s', evaluationInterval: '1s' },
    alertmanager: { host: 'lab', bind: 'loopback', port: ports.alertmanager },
  };
}

/** Builds the site and writes its files below the stack's folder; returns that folder. */
function write(stack: LoopbackStack, site: SiteInput): string {
  const out = join(stack.dir, 'generated');
  for (const [path, content] of buildSite(resolve(site))) {
    mkdirSync(dirname(join(out, path)), { recursive: true });
    writeFileSync(join(out, path), content);
  }
  return out;
}

const argsOf = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);

/** Starts the Prometheus of a generated folder (`prometheus/` or `prometheus/<instance>/`) with its own flags. */
function startInstance(stack: LoopbackStack, folder: string, name: string, extra: string[] = []): void {
  stack.start(
    'prometheus',
    [...argsOf(join(folder, 'prometheus.args')), `--storage.tsdb.path=${join(stack.dir, `tsdb-${name}`)}`, ...extra],
    folder,
  );
}

/** Small HTTP servers each answering /metrics; returns their `127.0.0.1:port` addresses. */
async function metricServers(stack: LoopbackStack, count: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const srv = stack.own(createServer((_, res) => res.end(`# TYPE app_info gauge\napp_info{server="${i}"} 1\n`)));
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    out.push(`127.0.0.1:${(srv.address() as { port: number }).port}`);
  }
  return out;
}

function startVictoriaMetrics(stack: LoopbackStack, port: number, extra: string[] = []): void {
  stack.start('victoria-metrics', [
    `-httpListenAddr=127.0.0.1:${port}`,
    `-storageDataPath=${join(stack.dir, 'vm-data')}`,
    // Samples are visible to queries at once rather than after the default 30 s.
    '-search.latencyOffset=0s',
    ...extra,
  ]);
}

type VmResult = { metric: Record<string, string>; value: [number, string] }[];
async function vmQuery(port: number, query: string): Promise<VmResult> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(query)}`);
  const body = (await res.json()) as { status: string; data: { result: VmResult } };
  if (body.status !== 'success') throw new Error(`query ${query}: ${JSON.stringify(body)}`);
  return body.data.result;
}

/** A counter of a process's own /metrics, summed over its series. */
async function ownCounter(port: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

describe('scale-out on loopback', () => {
  let stack: LoopbackStack;
  afterEach(async () => {
    await stack.stop();
  });

  it('(a) two shards scrape disjoint halves of the targets and victoria-metrics holds the union', async () => {
    stack = new LoopbackStack();
    let targets = await metricServers(stack, 6);
    // Enough targets that each shard has some (decided by Prometheus' own hash, computed here as an oracle).
    while (new Set(targets.map((t) => hashmod(t, 2))).size < 2) targets = [...targets, ...(await metricServers(stack, 1))];
    const ports = { prometheus: await freePortPair(), alertmanager: await freePort(), hook: await freePort(), vm: await freePort() };
    const site = loopbackSite(ports, targets);
    site.prometheus.shards = 2;
    site.prometheus.remoteWrite = { victoria: { engine: 'victoriametrics', url: `http://127.0.0.1:${ports.vm}/api/v1/write` } };
    const out = write(stack, site);
    startVictoriaMetrics(stack, ports.vm);
    startInstance(stack, join(out, 'prometheus'), 'shard-0');
    startInstance(stack, join(out, 'prometheus/shard-1'), 'shard-1');

    const scraped = await Promise.all(
      [ports.prometheus, ports.prometheus + 1].map((port) =>
        waitFor(
          () => `shard on :${port} scraping its targets (logs:\n${stack.logs()})`,
          async () => {
            const up = (await activeTargets(port)).filter((t) => t.scrapePool === 'app');
            return up.length > 0 && up.every((t) => t.health === 'up') ? up.map((t) => t.labels['instance']!).sort() : undefined;
          },
        ),
      ),
    );
    // Every target on exactly one shard, the one Prometheus' hashmod of its address names.
    expect(scraped[0]!.filter((t) => scraped[1]!.includes(t))).toEqual([]);
    expect([...scraped[0]!, ...scraped[1]!].sort()).toEqual([...targets].sort());
    scraped.forEach((own, shard) => expect(own).toEqual(targets.filter((t) => hashmod(t, 2) === shard).sort()));

    const union = await waitFor(
      () => `every target in victoria-metrics (logs:\n${stack.logs()})`,
      async () => {
        const r = await vmQuery(ports.vm, 'app_info{job="app"}');
        return r.length === targets.length ? r : undefined;
      },
      30_000,
    );
    expect(union.map((s) => s.metric['instance']).sort()).toEqual([...targets].sort());
  });

  it('(b) two replicas with a replica label: victoria-metrics keeps one series per target and one sample per interval', async () => {
    stack = new LoopbackStack();
    const targets = await metricServers(stack, 3);
    const ports = {
      prometheus: await freePort(),
      replica: await freePort(),
      alertmanager: await freePort(),
      hook: await freePort(),
      vm: await freePort(),
    };
    const site = loopbackSite(ports, targets);
    site.prometheus.replicas = { label: 'replica', peers: [{ host: 'lab', bind: 'loopback', port: ports.replica }] };
    site.prometheus.remoteWrite = { victoria: { engine: 'victoriametrics', url: `http://127.0.0.1:${ports.vm}/api/v1/write` } };
    const out = write(stack, site);
    startVictoriaMetrics(stack, ports.vm, ['-dedup.minScrapeInterval=1s']);
    startInstance(stack, join(out, 'prometheus'), 'replica-0');
    startInstance(stack, join(out, 'prometheus/replica-1'), 'replica-1');

    // Both replicas scrape every target and write to the store.
    for (const port of [ports.prometheus, ports.replica]) {
      await waitFor(
        () => `replica on :${port} writing to victoria-metrics (logs:\n${stack.logs()})`,
        async () => ((await ownCounter(port, 'prometheus_remote_storage_samples_total')) > 0 ? true : undefined),
        30_000,
      );
      expect(
        (await activeTargets(port))
          .filter((t) => t.scrapePool === 'app')
          .map((t) => t.labels['instance'])
          .sort(),
      ).toEqual([...targets].sort());
    }
    // Six seconds of both replicas' samples.
    const start = Date.now();
    await waitFor(
      'six seconds of samples from both replicas',
      async () => (Date.now() - start > 6_000 && (await vmQuery(ports.vm, 'app_info')).length > 0 ? true : undefined),
      30_000,
    );
    const series = await vmQuery(ports.vm, 'app_info{job="app"}');
    expect(series.map((s) => s.metric['instance']).sort()).toEqual([...targets].sort());
    expect(series.every((s) => !('replica' in s.metric))).toBe(true);
    // Two replicas scrape each target every second: without deduplication a 5 s window holds about 10 samples.
    const counts = await vmQuery(ports.vm, 'count_over_time(app_info{job="app"}[5s])');
    expect(counts).toHaveLength(targets.length);
    for (const c of counts) expect(Number(c.value[1])).toBeLessThanOrEqual(6);
  });

  it('(c) two Alertmanagers in a gossip cluster deliver one notification for an alert both replicas send', async () => {
    stack = new LoopbackStack();
    const ports = {
      prometheus: await freePort(),
      replica: await freePort(),
      alertmanager: await freePort(),
      am2: await freePort(),
      gossip1: await freePort(),
      gossip2: await freePort(),
      hook: await freePort(),
    };
    await stack.webhook(ports.hook);
    const site = loopbackSite(ports, await metricServers(stack, 1));
    site.prometheus.replicas = { label: 'replica', peers: [{ host: 'lab', bind: 'loopback', port: ports.replica }] };
    site.alertmanager.cluster = {
      name: 'am1',
      clusterPort: ports.gossip1,
      members: { am2: { host: 'lab', bind: 'loopback', port: ports.am2, clusterPort: ports.gossip2 } },
    };
    site.alerts = {
      ReplicatedAlert: {
        expr: 'vector(1)',
        severity: 'critical',
        summary: 'Sent by both replicas',
        description: 'Fires at once on each replica.',
      },
    };
    const out = write(stack, site);
    const amFlags = (name: string) => [`--storage.path=${join(stack.dir, `am-${name}`)}`, '--cluster.peer-timeout=2s'];
    stack.start(
      'prometheus-alertmanager',
      [...argsOf(join(out, 'alertmanager/alertmanager.args')), ...amFlags('am1')],
      join(out, 'alertmanager'),
    );
    stack.start(
      'prometheus-alertmanager',
      [...argsOf(join(out, 'alertmanager/am2/alertmanager.args')), ...amFlags('am2')],
      join(out, 'alertmanager/am2'),
    );
    // The cluster has formed and settled before any alert arrives.
    for (const port of [ports.alertmanager, ports.am2]) {
      await waitFor(
        () => `Alertmanager :${port} ready in a cluster of two (logs:\n${stack.logs()})`,
        async () => {
          const status = (await (await fetch(`http://127.0.0.1:${port}/api/v2/status`)).json()) as {
            cluster: { status: string; peers: unknown[] };
          };
          return status.cluster.status === 'ready' && status.cluster.peers.length === 2 ? true : undefined;
        },
        30_000,
      );
    }
    for (const [folder, name] of [
      ['prometheus', 'replica-0'],
      ['prometheus/replica-1', 'replica-1'],
    ] as const)
      startInstance(stack, join(out, folder), name, ['--rules.alert.resend-delay=1s']);

    const isIt = (a: { labels: Record<string, string> }) => a.labels['alertname'] === 'ReplicatedAlert';
    // Both Alertmanagers hold the alert (each replica sends to each), without a replica label.
    for (const port of [ports.alertmanager, ports.am2]) {
      const alerts = await waitFor(
        () => `ReplicatedAlert in Alertmanager :${port} (logs:\n${stack.logs()})`,
        async () => {
          const list = (await (await fetch(`http://127.0.0.1:${port}/api/v2/alerts`)).json()) as { labels: Record<string, string> }[];
          return list.some(isIt) ? list.filter(isIt) : undefined;
        },
        30_000,
      );
      expect(alerts).toHaveLength(1);
      expect(alerts[0]!.labels['replica']).toBeUndefined();
    }
    // Each replica sends too (the alerts above may all have come from the one that evaluated first).
    for (const port of [ports.prometheus, ports.replica])
      await waitFor(
        () => `notifications sent by the Prometheus replica on :${port} (logs:\n${stack.logs()})`,
        async () => ((await ownCounter(port, 'prometheus_notifications_sent_total')) > 0 ? true : undefined),
        30_000,
      );
    const notified = () => stack.received.filter((n) => n.alerts.some(isIt));
    await waitFor('the ReplicatedAlert notification', async () => (notified().length > 0 ? true : undefined), 30_000);
    // The second member waits its turn (peer timeout 2 s), sees the first one's notification log and stays silent.
    await new Promise((r) => setTimeout(r, 6_000));
    expect(notified()).toHaveLength(1);
  });
});

describe.each(generatedSites().filter((s) => existsSync(join(GENERATED, s, 'prometheus/SHARDS.md')) || instanceDirs(s).length > 0))(
  'generated scale-out output of %s',
  (site) => {
    const prom = join(GENERATED, site, 'prometheus');

    it.each(instanceDirs(site))('promtool check config accepts prometheus/%s/prometheus.yml with its rule and file_sd files', (id) => {
      const r = run('promtool', ['check', 'config', 'prometheus.yml'], join(prom, id));
      expect(r.status, r.output).toBe(0);
    });

    it('every rule file is evaluated: by every shard, or else by vmalert (whose -dryRun accepts its generated flags)', () => {
      const loaded = (dir: string) => (parse(readFileSync(join(dir, 'prometheus.yml'), 'utf8')) as { rule_files: string[] }).rule_files;
      const shardFiles = [prom, ...instanceDirs(site).map((id) => join(prom, id))].map((d) =>
        loaded(d).map((f) => f.replace(/^\.\.\//, '')),
      );
      // Replicas of one shard load the same files; every shard loads the same shard-local ones.
      for (const files of shardFiles) expect(files).toEqual(shardFiles[0]);
      const vmalert = existsSync(join(prom, 'vmalert')) ? filesIn(join(prom, 'vmalert'), '.args') : [];
      const ruled = vmalert.flatMap((f) =>
        argsOf(f)
          .filter((a) => a.startsWith('-rule='))
          .map((a) => a.slice('-rule=../'.length)),
      );
      const all = filesIn(join(prom, 'rules'), '.yml').map((f) => `rules/${f.slice(f.lastIndexOf('/') + 1)}`);
      expect([...shardFiles[0]!, ...ruled].sort()).toEqual(all.sort());
      for (const f of vmalert) {
        const r = run('vmalert', ['-dryRun', ...argsOf(f)], join(prom, 'vmalert'));
        expect(r.status, r.output).toBe(0);
      }
    });
  },
);

/** `shard-…`/`replica-…` folders of a generated site's prometheus/. */
function instanceDirs(site: string): string[] {
  const prom = join(GENERATED, site, 'prometheus');
  return existsSync(prom)
    ? readdirSync(prom, { withFileTypes: true })
        .filter((d) => d.isDirectory() && /^(shard|replica)-/.test(d.name))
        .map((d) => d.name)
        .sort()
    : [];
}

describe('every engine, federation and TLS in one site', () => {
  it('promtool accepts every instance configuration, vmalert its flags and amtool the Alertmanager configuration', () => {
    const stack = new LoopbackStack();
    try {
      const site = loopbackSite({ prometheus: 9090, alertmanager: 9093, hook: 9999 }, ['10.60.0.50:9100']);
      site.prometheus.bind = 'nic1';
      site.alertmanager.bind = 'nic1';
      site.prometheus.externalLabels = { cluster: 'lab' };
      site.prometheus.replicas = { label: '__replica__', peers: [{ host: 'lab', port: 9190 }] };
      site.prometheus.shards = 2;
      const tls = { caFile: '/etc/prometheus/ca.pem', certFile: '/etc/prometheus/client.pem', keyFile: '/etc/prometheus/client-key.pem' };
      site.prometheus.remoteWrite = {
        victoria: {
          engine: 'victoriametrics',
          url: 'https://vm.example.org/api/v1/write',
          tls,
          bearerTokenFile: '/etc/prometheus/vm-token',
          queue: {
            capacity: 10000,
            maxShards: 20,
            minShards: 2,
            maxSamplesPerSend: 2000,
            batchSendDeadline: '5s',
            minBackoff: '30ms',
            maxBackoff: '5s',
          },
          remoteTimeout: '30s',
        },
        receive: {
          engine: 'thanos',
          url: 'https://receive.example.org/api/v1/receive',
          tenant: 'lab',
          basicAuth: { username: 'p', passwordFile: '/etc/p' },
        },
        mimir: {
          engine: 'mimir',
          url: 'https://mimir.example.org/api/v1/push',
          tenant: 'lab',
          bearerTokenFile: '/etc/prometheus/mimir-token',
        },
      };
      site.prometheus.federation = {
        'global-eu': {
          targets: ['prom-eu.example.org:9090'],
          match: ['{__name__=~"job:.*"}', '{job="node"}'],
          scheme: 'https',
          tls: { caFile: '/etc/ca.pem' },
        },
      };
      site.alerts = { Absent: { expr: 'absent(up{job="app"})', severity: 'warning', summary: 'x', description: 'y' } };
      const out = write(stack, site);
      const prom = join(out, 'prometheus');
      for (const dir of [
        prom,
        ...readdirSync(prom)
          .filter((d) => /^shard-/.test(d))
          .map((d) => join(prom, d)),
      ]) {
        const r = run('promtool', ['check', 'config', 'prometheus.yml'], dir);
        expect(r.status, `${dir}: ${r.output}`).toBe(0);
      }
      expect(
        readdirSync(prom)
          .filter((d) => /^shard-/.test(d))
          .sort(),
      ).toEqual(['shard-0-replica-1', 'shard-1-replica-0', 'shard-1-replica-1']);
      const vmalert = run('vmalert', ['-dryRun', ...argsOf(join(prom, 'vmalert/victoria.args'))], join(prom, 'vmalert'));
      expect(vmalert.status, vmalert.output).toBe(0);
      expect(argsOf(join(prom, 'vmalert/victoria.args'))).toContain('-rule=../rules/custom.yml');
      const am = run('amtool', ['check-config', join(out, 'alertmanager/alertmanager.yml')]);
      expect(am.status, am.output).toBe(0);
    } finally {
      void stack.stop();
    }
  });
});
