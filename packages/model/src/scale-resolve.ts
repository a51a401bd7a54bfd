/**
 * The resolve step of replicas, shards, remote write, federation and the Alertmanager cluster: a
 * pure function of the parsed site and the site resolve() built, reporting every problem through
 * `error` with its path (entity and field follow from the path, as everywhere in resolve()).
 */
import { syntaxTree } from '@kiln/promql';
import type { z } from 'zod';
import { suggest } from './errors.js';
import type * as R from './resolved.js';
import type { Site } from './schema.js';
import type * as S from './scale-schema.js';
import type {
  ResolvedAlertmanagerMember,
  ResolvedFederationJob,
  ResolvedPrometheusInstance,
  ResolvedRemoteWrite,
  ResolvedScaleOut,
} from './scale-resolved.js';

type Parsed = z.output<typeof Site>;
type Path = (string | number)[];
type ReportError = (path: Path, message: string) => void;

export const DEFAULT_CLUSTER_PORT = 9094;
export const DEFAULT_VMALERT_PORT = 8880;
export const DEFAULT_MIMIR_REPLICA_LABEL = '__replica__';
export const DEFAULT_MIMIR_CLUSTER_LABEL = 'cluster';
export const MIMIR_TENANT_HEADER = 'X-Scope-OrgID';
export const THANOS_TENANT_HEADER = 'THANOS-TENANT';

const sortedEntries = <T>(record: Record<string, T> | undefined): [string, T][] =>
  Object.entries(record ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** `shard-1-replica-0`, `shard-1` or `replica-1`: the name of an instance's folder and service. */
export function instanceId(shard: number, replica: number, shards: number, replicas: number): string {
  return [...(shards > 1 ? [`shard-${shard}`] : []), ...(replicas > 1 ? [`replica-${replica}`] : [])].join('-');
}

function addressOf(bind: R.Bind, host: string): string {
  if (bind.kind === 'interface') return bind.interface.reachableAs;
  if (bind.kind === 'loopback') return '127.0.0.1';
  return host;
}

/** A listener's bind as resolve() reads one: an interface of the host with a static address, or loopback. */
function bindOf(host: R.ResolvedHost, value: string | undefined, path: Path, error: ReportError): R.Bind {
  if (value === 'loopback') return { kind: 'loopback' };
  if (value === '0.0.0.0' || value === '::') return { kind: 'wildcard', address: value };
  const i =
    value === undefined
      ? (host.interfaces.find((x) => x.vlan.zone === 'servers') ?? host.interfaces[0])
      : host.interfaces.find((x) => x.name === value);
  if (!i) {
    if (value !== undefined)
      error(
        path,
        `host \`${host.name}\` has no interface \`${value}\`; ${suggest(value, [...host.interfaces.map((x) => x.name), 'loopback'])}`,
      );
    return { kind: 'loopback' };
  }
  if (i.address === 'dhcp')
    error(
      path,
      `interface \`${i.name}\` of host \`${host.name}\` has no static address (\`dhcp\`); a listener must bind an IP — give it its DHCP reservation as \`address\``,
    );
  return { kind: 'interface', interface: i };
}

interface Listener {
  host: string;
  port: number;
  bind: R.Bind;
  owner: string;
  path: Path;
}

const bindKey = (b: R.Bind) => (b.kind === 'interface' ? b.interface.address : b.kind);

/** Adds the scale-out part to a resolved site (unchanged when the site declares none of it). */
export function withScaleOut(parsed: Parsed, site: R.ResolvedSite, error: ReportError): R.ResolvedSite {
  const p = parsed.prometheus as Parsed['prometheus'] & {
    [K in keyof typeof S.prometheusScaleFields]?: z.output<(typeof S.prometheusScaleFields)[K]>;
  };
  const am = parsed.alertmanager as Parsed['alertmanager'] & { cluster?: z.output<typeof S.AlertmanagerCluster> };
  if (
    p.replicas === undefined &&
    p.shards === undefined &&
    p.remoteWrite === undefined &&
    p.federation === undefined &&
    am.cluster === undefined
  )
    return site;
  if (site.prometheus.host.interfaces.length === 0) return site; // prometheus.host is unknown: reported already
  const hosts = new Map(site.hosts.map((h) => [h.name, h]));
  const host = (name: string, path: Path): R.ResolvedHost | undefined => {
    const h = hosts.get(name);
    if (!h) error(path, `unknown host \`${name}\`; ${suggest(name, hosts.keys())}`);
    return h;
  };
  if (site.kubernetes !== undefined) {
    for (const [key, set] of [
      ['replicas', p.replicas],
      ['shards', p.shards],
    ] as const) {
      if (set !== undefined)
        error(
          ['prometheus', key],
          `a Kubernetes site runs its replicas as pods: set \`kubernetes.stack.prometheus.replicas\` instead of \`prometheus.${key}\``,
        );
    }
    if (am.cluster !== undefined)
      error(
        ['alertmanager', 'cluster'],
        'a Kubernetes site runs Alertmanager as pods: set `kubernetes.stack.alertmanager.replicas` instead of `alertmanager.cluster`',
      );
  }

  if (parsed.deploy?.ansible !== undefined) checkAnsible(p.shards, replicaHosts(parsed, site), am.host, am.cluster, error);
  const listeners: Listener[] = [];
  const shards = p.shards ?? 1;
  const replicaPlacements = [
    { host: site.prometheus.host, port: site.prometheus.port, bind: site.prometheus.bind, path: ['prometheus'] as Path },
    ...(p.replicas?.peers ?? []).flatMap((peer, i) => {
      const path: Path = ['prometheus', 'replicas', 'peers', i];
      const h = host(peer.host, [...path, 'host']);
      if (!h) return [];
      return [{ host: h, port: peer.port ?? site.prometheus.port, bind: bindOf(h, peer.bind, [...path, 'bind'], error), path }];
    }),
  ];
  const replicas = replicaPlacements.length;
  const label = p.replicas?.label;
  if (label !== undefined && Object.hasOwn(site.prometheus.externalLabels, label))
    error(
      ['prometheus', 'replicas', 'label'],
      `\`${label}\` is already an external label of every replica; the replica label must differ per replica: choose another name`,
    );
  const instances: ResolvedPrometheusInstance[] = [];
  for (let s = 0; s < shards; s++) {
    replicaPlacements.forEach((r, i) => {
      const port = r.port + s;
      const id = instanceId(s, i, shards, replicas);
      const path: Path = s > 0 ? ['prometheus', 'shards'] : [...r.path, 'port'];
      if (port > 65535)
        error(path, `shard ${s} would listen on port ${port}; shards listen on consecutive ports from the replica's port: lower it`);
      if (!(s === 0 && i === 0)) listeners.push({ host: r.host.name, port, bind: r.bind, owner: `Prometheus \`${id}\``, path });
      instances.push({
        id,
        shard: s,
        replica: i,
        host: r.host,
        port,
        bind: r.bind,
        address: `${addressOf(r.bind, r.host.name)}:${port}`,
        externalLabels: Object.assign(
          Object.create(null) as Record<string, string>,
          site.prometheus.externalLabels,
          label !== undefined ? { [label]: String(i) } : {},
        ),
      });
    });
  }

  const remoteWrite = sortedEntries(p.remoteWrite).map(([name, t]) => remoteWriteTarget(name, t, site, p, host, listeners, error));
  const urls = new Map<string, string>();
  for (const t of remoteWrite) {
    const other = urls.get(t.url);
    if (other !== undefined)
      error(
        ['prometheus', 'remoteWrite', t.name, 'url'],
        `is also the URL of remote write target \`${other}\`; every sample would be written twice: remove one`,
      );
    urls.set(t.url, t.name);
  }
  const federation = sortedEntries(p.federation).map(([name, f]) => federationJob(name, f, site, error));
  const alertmanagers = am.cluster && alertmanagerCluster(am.cluster, site, host, listeners, error);
  checkClashes(site, listeners, error);
  const scaleOut: ResolvedScaleOut = {
    instances,
    shards,
    replicas,
    ...(label !== undefined && { replicaLabel: label }),
    remoteWrite,
    federation,
    ...(alertmanagers && { alertmanagers }),
  };
  return { ...site, scaleOut };
}

function remoteWriteTarget(
  name: string,
  t: z.output<typeof S.RemoteWriteTarget>,
  site: R.ResolvedSite,
  p: { replicas?: { label?: string | undefined } | undefined; externalLabels?: Record<string, string> | undefined },
  host: (name: string, path: Path) => R.ResolvedHost | undefined,
  listeners: Listener[],
  error: ReportError,
): ResolvedRemoteWrite {
  const at = (...rest: Path): Path => ['prometheus', 'remoteWrite', name, ...rest];
  const url = new URL(t.url);
  if (t.basicAuth !== undefined && t.bearerTokenFile !== undefined)
    error(
      at('bearerTokenFile'),
      'cannot be combined with `basicAuth`: Prometheus accepts one authorization method per remote write target; keep one',
    );
  if (t.tls !== undefined && url.protocol !== 'https:') error(at('tls'), 'TLS settings need an https:// `url`');
  if ((t.tls?.certFile === undefined) !== (t.tls?.keyFile === undefined))
    error(
      at('tls', t.tls?.certFile === undefined ? 'certFile' : 'keyFile'),
      'a client certificate needs its key and the reverse (Prometheus rejects one without the other)',
    );
  const label = p.replicas?.label;
  const headers: Record<string, string> = {};
  let queryUrl = t.queryUrl;
  const dropLabels: string[] = [];
  let ruler: ResolvedRemoteWrite['ruler'];
  if (t.engine === 'victoriametrics') {
    // VictoriaMetrics deduplicates identical series (-dedup.minScrapeInterval): replicas must not differ.
    if (label !== undefined) dropLabels.push(label);
    queryUrl ??= url.origin;
    const h = t.ruler?.host !== undefined ? host(t.ruler.host, at('ruler', 'host')) : site.prometheus.host;
    if (h) {
      const bind =
        t.ruler?.bind !== undefined || t.ruler?.host !== undefined
          ? bindOf(h, t.ruler?.bind, at('ruler', 'bind'), error)
          : site.prometheus.bind;
      const port = t.ruler?.port ?? DEFAULT_VMALERT_PORT;
      listeners.push({ host: h.name, port, bind, owner: `vmalert of \`${name}\``, path: at('ruler') });
      ruler = { host: h, port, bind, address: `${addressOf(bind, h.name)}:${port}` };
    }
  } else if (t.engine === 'thanos') {
    if (t.tenant !== undefined) headers[THANOS_TENANT_HEADER] = t.tenant;
  } else {
    headers[MIMIR_TENANT_HEADER] = t.tenant;
    queryUrl ??= `${url.origin}/prometheus`;
    const replicaLabel = t.haReplicaLabel ?? DEFAULT_MIMIR_REPLICA_LABEL;
    const clusterLabel = t.haClusterLabel ?? DEFAULT_MIMIR_CLUSTER_LABEL;
    if (p.replicas !== undefined) {
      if (label !== replicaLabel)
        error(
          ['prometheus', 'replicas', 'label'],
          `${label === undefined ? 'is not set' : `is \`${label}\``}, but Mimir target \`${name}\` deduplicates replicas by its HA tracker, which reads the replica from \`${replicaLabel}\`: set \`label: '${replicaLabel}'\` (or \`haReplicaLabel\` to Mimir's \`-distributor.ha-tracker.replica\`)`,
        );
      if (!Object.hasOwn(site.prometheus.externalLabels, clusterLabel))
        error(
          ['prometheus', 'externalLabels'],
          `has no \`${clusterLabel}\` label, which the HA tracker of Mimir target \`${name}\` needs to know which replicas belong together: add \`${clusterLabel}: '<name>'\` (or set \`haClusterLabel\`)`,
        );
    }
  }
  return {
    name,
    engine: t.engine,
    url: t.url,
    ...(t.basicAuth !== undefined && { basicAuth: t.basicAuth }),
    ...(t.bearerTokenFile !== undefined && { bearerTokenFile: t.bearerTokenFile }),
    ...(t.tls !== undefined && { tls: t.tls }),
    ...(t.remoteTimeout !== undefined && { remoteTimeout: t.remoteTimeout }),
    queue: t.queue ?? {},
    headers,
    dropLabels,
    ...(queryUrl !== undefined && { queryUrl: queryUrl.replace(/\/+$/, '') }),
    ...(ruler && { ruler }),
  };
}

function federationJob(name: string, f: z.output<typeof S.FederationJob>, site: R.ResolvedSite, error: ReportError): ResolvedFederationJob {
  const at = (...rest: Path): Path => ['prometheus', 'federation', name, ...rest];
  const taken = new Set([
    'prometheus',
    'alertmanager',
    ...site.hosts.flatMap((h) => h.exporters.map((e) => e.kind)),
    ...site.scrapeJobs.map((j) => j.name),
  ]);
  if (taken.has(name))
    error(
      at(),
      `the job name \`${name}\` is already a scrape job of the site, and Prometheus rejects two scrape configs with one job name; rename the federation job (e.g. \`${name}-federate\`)`,
    );
  f.match.forEach((m, i) => {
    const tree = syntaxTree(m);
    if (tree?.type !== 'VectorSelector')
      error(
        at('match', i),
        `\`${m}\` is not a series selector; \`match[]\` takes selectors such as \`{job="node"}\` or \`{__name__=~"job:.*"}\``,
      );
  });
  if (f.tls !== undefined && f.scheme !== 'https') error(at('tls'), 'TLS settings need `scheme: https`');
  if (f.basicAuth !== undefined && f.bearerTokenFile !== undefined)
    error(at('bearerTokenFile'), 'cannot be combined with `basicAuth`: Prometheus accepts one authorization method per job; keep one');
  return {
    name,
    targets: [...f.targets].sort(),
    match: f.match,
    scheme: f.scheme ?? 'http',
    ...(f.interval !== undefined && { interval: f.interval }),
    ...(f.timeout !== undefined && { timeout: f.timeout }),
    ...(f.basicAuth !== undefined && { basicAuth: f.basicAuth }),
    ...(f.bearerTokenFile !== undefined && { bearerTokenFile: f.bearerTokenFile }),
    ...(f.tls !== undefined && { tls: f.tls }),
  };
}

function alertmanagerCluster(
  c: z.output<typeof S.AlertmanagerCluster>,
  site: R.ResolvedSite,
  host: (name: string, path: Path) => R.ResolvedHost | undefined,
  listeners: Listener[],
  error: ReportError,
): ResolvedAlertmanagerMember[] {
  const at = (...rest: Path): Path => ['alertmanager', 'cluster', ...rest];
  const first = site.alertmanager;
  const firstName = c.name ?? first.host.name;
  if (Object.hasOwn(c.members, firstName))
    error(
      at('members', firstName),
      `\`${firstName}\` is the name of the member at \`alertmanager.host\`; give this member another name (or set \`cluster.name\`)`,
    );
  const raw = [
    {
      name: firstName,
      host: first.host,
      port: first.port,
      bind: first.bind,
      clusterPort: c.clusterPort ?? DEFAULT_CLUSTER_PORT,
      peers: c.peers,
      path: at(),
    },
    ...sortedEntries(c.members).flatMap(([name, m]) => {
      const h = host(m.host, at('members', name, 'host'));
      if (!h) return [];
      return [
        {
          name,
          host: h,
          port: m.port ?? first.port,
          bind: bindOf(h, m.bind, at('members', name, 'bind'), error),
          clusterPort: m.clusterPort ?? DEFAULT_CLUSTER_PORT,
          peers: m.peers,
          path: at('members', name),
        },
      ];
    }),
  ];
  const names = raw.map((m) => m.name);
  listeners.push({
    host: first.host.name,
    port: raw[0]!.clusterPort,
    bind: first.bind,
    owner: `the gossip listener of Alertmanager \`${firstName}\``,
    path: at('clusterPort'),
  });
  for (const m of raw.slice(1)) {
    listeners.push({ host: m.host.name, port: m.port, bind: m.bind, owner: `Alertmanager \`${m.name}\``, path: [...m.path, 'port'] });
    listeners.push({
      host: m.host.name,
      port: m.clusterPort,
      bind: m.bind,
      owner: `the gossip listener of Alertmanager \`${m.name}\``,
      path: [...m.path, 'clusterPort'],
    });
  }
  return raw.map((m) => {
    (m.peers ?? []).forEach((peer, i) => {
      if (peer === m.name) error([...m.path, 'peers', i], `member \`${m.name}\` lists itself; list the other members it joins`);
      else if (!names.includes(peer)) error([...m.path, 'peers', i], `unknown member \`${peer}\`; ${suggest(peer, names)}`);
    });
    const peers =
      m.peers !== undefined
        ? [...new Set(m.peers.filter((x) => x !== m.name && names.includes(x)))].sort()
        : names.filter((n) => n !== m.name).sort();
    const address = `${addressOf(m.bind, m.host.name)}`;
    return {
      name: m.name,
      host: m.host,
      port: m.port,
      bind: m.bind,
      address: `${address}:${m.port}`,
      clusterPort: m.clusterPort,
      clusterAddress: `${address}:${m.clusterPort}`,
      peers,
      peersDeclared: m.peers !== undefined,
    };
  });
}

/** The new listeners against each other and against every listener resolve() knows of on their hosts. */
function checkClashes(site: R.ResolvedSite, listeners: Listener[], error: ReportError): void {
  const known: Omit<Listener, 'path'>[] = [
    { host: site.prometheus.host.name, port: site.prometheus.port, bind: site.prometheus.bind, owner: 'Prometheus' },
    { host: site.alertmanager.host.name, port: site.alertmanager.port, bind: site.alertmanager.bind, owner: 'Alertmanager' },
    ...site.services.flatMap((s) =>
      s.endpoints
        .filter((e) => e.protocol === 'tcp')
        .map((e) => ({ host: s.host.name, port: e.port, bind: e.bind, owner: `service \`${s.name}\` endpoint \`${e.name}\`` })),
    ),
    ...site.hosts.flatMap((h) =>
      h.exporters.map((e) => ({ host: h.name, port: e.port, bind: e.bind, owner: `the ${e.kind} exporter of host \`${h.name}\`` })),
    ),
  ];
  const seen: Omit<Listener, 'path'>[] = [...known];
  for (const l of listeners) {
    const other = seen.find(
      (o) =>
        o.host === l.host &&
        o.port === l.port &&
        (o.bind.kind === 'wildcard' || l.bind.kind === 'wildcard' || bindKey(o.bind) === bindKey(l.bind)),
    );
    if (other)
      error(
        l.path,
        `${l.owner} would listen on port ${l.port} of host \`${l.host}\`, already taken by ${other.owner}; choose another port`,
      );
    seen.push(l);
  }
}

/** The hosts of the replicas as written (the first is `prometheus.host`). */
function replicaHosts(parsed: Parsed, site: R.ResolvedSite): string[] {
  const peers = (parsed.prometheus as { replicas?: { peers: { host: string }[] } }).replicas?.peers ?? [];
  return [site.prometheus.host.name, ...peers.map((x) => x.host)];
}

/**
 * The `prometheus.prometheus` roles install one Prometheus and one Alertmanager per host, and the
 * Prometheus role loads every rule file it is given: no shards, one replica and one member per host.
 */
function checkAnsible(
  shards: number | undefined,
  replicas: string[],
  alertmanagerHost: string,
  cluster: z.output<typeof S.AlertmanagerCluster> | undefined,
  error: ReportError,
): void {
  if (shards !== undefined)
    error(
      ['prometheus', 'shards'],
      'cannot be deployed with `deploy.ansible`: the prometheus.prometheus.prometheus role runs one Prometheus per host and loads every rule file, while a shard needs its own configuration and only its own rules; deploy shards with `deploy.compose` or the plain files under `prometheus/<shard>/`',
    );
  replicas.forEach((h, i) => {
    if (replicas.indexOf(h) !== i)
      error(
        ['prometheus', 'replicas', 'peers', i - 1, 'host'],
        `host \`${h}\` already runs a replica, and the prometheus.prometheus.prometheus role installs one Prometheus per host (\`deploy.ansible\`); put each replica on its own host`,
      );
  });
  const hosts = new Map<string, string>([[alertmanagerHost, cluster?.name ?? alertmanagerHost]]);
  for (const [name, m] of Object.entries(cluster?.members ?? {})) {
    const other = hosts.get(m.host);
    if (other !== undefined)
      error(
        ['alertmanager', 'cluster', 'members', name, 'host'],
        `host \`${m.host}\` already runs member \`${other}\`, and the prometheus.prometheus.alertmanager role installs one Alertmanager per host (\`deploy.ansible\`); put each member on its own host`,
      );
    hosts.set(m.host, name);
  }
}
