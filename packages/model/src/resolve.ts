/**
 * resolve(): parse → normalize (apply named defaults) → check every cross-reference.
 * All issues are collected; the first error never hides the others.
 */
import { durationSeconds } from '@kiln/promql';
import type { z } from 'zod';
import { resolveComposeDeploy } from './compose-resolve.js';
import * as D from './defaults.js';
import { SiteError, entityAt, suggest, type SiteIssue } from './errors.js';
import { scanInput } from './hostile.js';
import { shown } from './names.js';
import { parsePartially, type Broken, NOTHING_BROKEN } from './partial.js';
import type * as R from './resolved.js';
import { NODE_COLLECTORS, Site, type SiteInput } from './schema.js';
import { zodIssuesToSiteIssues } from './zod-issues.js';
import { resolveHttpSd, resolveProbes, resolveRecordingRules } from './resolve-extensions.js';
import { withCluster } from './cluster-resolve.js';
import { resolveNtfy } from './ntfy-resolve.js';
import { withScaleOut } from './scale-resolve.js';

type Parsed = z.output<typeof Site>;
type Path = (string | number)[];

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const sortedEntries = <T>(record: Record<string, T> | undefined): [string, T][] =>
  Object.entries(record ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
/** Seconds of a duration the schema has already checked. */
const seconds = (d: string): number => durationSeconds(d) ?? 0;
/** A record as a Map: lookups by name never reach `Object.prototype` (a host named `constructor` is just a host). */
const table = <T>(record: Record<string, T> | undefined): Map<string, T> => new Map(Object.entries(record ?? {}));
/** A null-prototype copy of a record of labels, for the resolved site. */
export const dict = <T>(record: Record<string, T> | undefined): Record<string, T> =>
  Object.assign(Object.create(null) as Record<string, T>, record);

/** Jobs Kiln always derives: its own servers. Each exporter kind in use adds a job named after the kind (EXPORTER_KINDS). */
export const SELF_SCRAPE_JOBS: readonly string[] = ['prometheus', 'alertmanager'];

const WILDCARDS = ['0.0.0.0', '::'] as const;
/** `010.1.2.3`: inet_aton and other tools read a leading zero as octal (8.1.2.3). */
const LEADING_ZERO = /(^|\.)0\d/;
const MATCHER = /^\s*[a-zA-Z_][a-zA-Z0-9_]*\s*(=~|!~|!=|=)\s*"(?:[^"\\]|\\.)*"\s*$/;

export function ipv4ToInt(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
}

export function intToIpv4(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

export interface CidrRange {
  first: number;
  last: number;
  bits: number;
}

/** First and last address of an IPv4 CIDR, or undefined when it is not one. */
export function cidrRange(cidr: string): CidrRange | undefined {
  const [base, bits, extra] = cidr.split('/');
  const b = ipv4ToInt(base ?? '');
  if (b === undefined || extra !== undefined || !/^\d{1,2}$/.test(bits ?? '') || Number(bits) > 32) return undefined;
  const size = 2 ** (32 - Number(bits));
  const first = Math.floor(b / size) * size;
  return { first, last: first + size - 1, bits: Number(bits) };
}

export function cidrContains(cidr: string, ip: string): boolean {
  const [base, bits] = cidr.split('/');
  const b = ipv4ToInt(base ?? '');
  const a = ipv4ToInt(ip);
  const n = Number(bits);
  if (b === undefined || a === undefined || !(n >= 0 && n <= 32)) return false;
  const size = 2 ** (32 - n);
  return Math.floor(a / size) === Math.floor(b / size);
}

type Collection = 'vlans' | 'hosts' | 'shares' | 'services' | 'receivers';

class Resolver {
  readonly issues: SiteIssue[] = [];
  readonly tables: { [K in Collection]: Map<string, unknown> };
  constructor(
    readonly site: Parsed,
    readonly broken: Broken = NOTHING_BROKEN,
  ) {
    this.tables = {
      vlans: table(site.vlans),
      hosts: table(site.hosts),
      shares: table(site.shares),
      services: table(site.services),
      receivers: table(site.receivers),
    };
  }

  error(path: Path, message: string): void {
    this.issues.push({ entity: entityAt(this.site.name, path), path, message });
  }

  /**
   * Checks that `name` is declared in `collection`; reports a "did you mean" otherwise. A name whose
   * entity failed to parse is known but unresolved: no second error for it.
   */
  ref(collection: Collection, name: string, what: string, path: Path): boolean {
    if (this.tables[collection].has(name)) return true;
    if (!this.broken.has(collection, name))
      this.error(path, `unknown ${what} \`${name}\`; ${suggest(name, this.tables[collection].keys())}`);
    return false;
  }

  resolve(): R.ResolvedSite {
    const s = this.site;
    const vlans = new Map(sortedEntries(s.vlans).map(([name, v]) => [name, { name, ...v }]));
    this.checkVlans(vlans);
    const hosts = new Map(sortedEntries(s.hosts).map(([name, h]) => [name, this.host(name, h, vlans)]));
    this.checkAddresses([...hosts.values()]);
    resolveProbes(s, hosts, (p, m) => this.error(p, m));
    const shares = new Map(
      sortedEntries(s.shares).map(([name, sh]) => {
        const host = this.ref('hosts', sh.host, 'host', ['shares', name, 'host']) ? hosts.get(sh.host)! : undefined;
        (sh.writers ?? []).forEach((w, i) => this.ref('hosts', w, 'host', ['shares', name, 'writers', i]));
        const share: R.ResolvedShare = {
          id: `${sh.host}:${name}`,
          name,
          host: host ?? placeholderHost(sh.host),
          path: sh.path,
          content: sh.content,
          protocols: [...(sh.protocols ?? D.DEFAULT_SHARE_PROTOCOLS)],
          writers: [...(sh.writers ?? [])].sort(),
          ...(sh.description !== undefined && { description: sh.description }),
        };
        return [name, share] as const;
      }),
    );
    const mounts = this.mounts(hosts, shares);
    const receivers = sortedEntries(s.receivers).map(([name, r]) => this.receiver(name, r));
    const routing = this.routing();
    this.checkReceiversUsed(routing);
    const services = this.services(hosts);
    const prometheus = this.server('prometheus', hosts, s.prometheus, D.DEFAULT_PROMETHEUS_PORT);
    const alertmanager = this.server('alertmanager', hosts, s.alertmanager, D.DEFAULT_ALERTMANAGER_PORT);
    this.checkPortClashes([...hosts.values()], services, [
      ['Prometheus', 'prometheus', prometheus],
      ['Alertmanager', 'alertmanager', alertmanager],
    ]);
    this.checkExporterJobs([...hosts.values()]);
    const alerts = sortedEntries(s.alerts).map(([name, a]) => this.alert(name, a));
    const scrape = this.scrapeSettings();
    const derivedJobs = new Set([...SELF_SCRAPE_JOBS, ...[...hosts.values()].flatMap((h) => h.exporters.map((e) => e.kind))]);
    const scrapeJobs = sortedEntries(s.scrapeJobs).map(([name, j]) => this.scrapeJob(name, j, scrape.interval, derivedJobs, services));
    const p = s.prometheus;
    const exposedVia = p.exposedVia && !this.broken.whole.has('prometheus') ? this.exposure(p.exposedVia, services, prometheus) : undefined;
    return {
      name: s.name,
      ...(s.description !== undefined && { description: s.description }),
      runbookUrl: s.runbookUrl,
      vlans: [...vlans.values()],
      hosts: [...hosts.values()],
      shares: [...shares.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      mounts,
      services,
      scrapeJobs,
      alerts,
      recordingRules: resolveRecordingRules(s, (p, m) => this.error(p, m)),
      receivers,
      routing,
      prometheus: {
        ...prometheus,
        scrapeInterval: scrape.interval,
        scrapeTimeout: scrape.timeout,
        evaluationInterval: p.evaluationInterval ?? D.DEFAULT_EVALUATION_INTERVAL,
        retentionTime: p.retentionTime ?? D.DEFAULT_RETENTION_TIME,
        ...(p.retentionSize !== undefined && { retentionSize: p.retentionSize }),
        externalLabels: dict({ site: s.name, ...p.externalLabels }),
        instanceDownSeverity: instanceDownSeverity(p.instanceDownSeverity),
        ...(p.tsdbPath !== undefined && { tsdbPath: p.tsdbPath }),
        instanceLabel: p.instanceLabel ?? D.DEFAULT_INSTANCE_LABEL,
        externalUrl: exposedVia ? exposedVia.url : `http://${prometheus.address}`,
        ...(exposedVia && { exposedVia: { service: exposedVia.service, endpoint: exposedVia.endpoint } }),
      },
      alertmanager,
      ...(s.grafana !== undefined && { grafana: { url: s.grafana.url.replace(/\/+$/, '') } }),
      lint: s.lint ?? {},
      deploy: this.deploy(hosts, services, prometheus, alertmanager),
      routingTests: this.routingTests(),
      testing: s.testing ?? {},
    };
  }

  routingTests(): R.ResolvedRoutingTest[] {
    return (this.site.routingTests ?? []).map((t, i) => {
      t.expect.forEach((name, j) => this.ref('receivers', name, 'receiver', ['routingTests', i, 'expect', j]));
      const shown = Object.entries(t.labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ');
      return {
        name: t.name ?? shown,
        labels: dict(t.labels),
        expect: t.expect,
        ...(t.inhibitedBy !== undefined && { inhibitedBy: dict(t.inhibitedBy) }),
      };
    });
  }

  checkVlans(vlans: Map<string, R.ResolvedVlan>): void {
    const ids = new Map<number, string>();
    for (const v of vlans.values()) {
      const other = ids.get(v.id);
      if (other) this.error(['vlans', v.name, 'id'], `VLAN id ${v.id} is already used by VLAN \`${other}\`; VLAN ids must be unique`);
      ids.set(v.id, v.name);
      const range = cidrRange(v.cidr);
      if (range && LEADING_ZERO.test(v.cidr.split('/')[0]!)) {
        this.error(
          ['vlans', v.name, 'cidr'],
          `${v.cidr} has a number with a leading zero, which some tools read as octal; write ${intToIpv4(range.first)}/${range.bits}`,
        );
      } else if (!range) {
        this.error(['vlans', v.name, 'cidr'], `\`${v.cidr}\` is not a valid IPv4 CIDR (four numbers 0–255 and a prefix length 0–32)`);
      } else if (range.first !== ipv4ToInt(v.cidr.split('/')[0]!)) {
        this.error(
          ['vlans', v.name, 'cidr'],
          `${v.cidr} has host bits set; write the network address: ${intToIpv4(range.first)}/${range.bits}`,
        );
      }
    }
    // Sorted by first address, a subnet overlaps an earlier one exactly when it starts before the furthest end so far.
    const ranges = [...vlans.values()]
      .map((v) => ({ v, r: cidrRange(v.cidr) }))
      .filter((x): x is { v: R.ResolvedVlan; r: CidrRange } => x.r !== undefined)
      .sort((a, b) => a.r.first - b.r.first || b.r.last - a.r.last || (a.v.name < b.v.name ? -1 : 1));
    let widest: { v: R.ResolvedVlan; r: CidrRange } | undefined;
    for (const x of ranges) {
      if (widest && x.r.first <= widest.r.last) {
        this.error(
          ['vlans', x.v.name, 'cidr'],
          `${x.v.cidr} overlaps VLAN \`${widest.v.name}\` (${widest.v.cidr}); VLAN subnets must not overlap, or an address would belong to two VLANs`,
        );
      }
      if (!widest || x.r.last > widest.r.last) widest = x;
    }
  }

  /** Every fixed address belongs to one interface of one host. */
  checkAddresses(hosts: R.ResolvedHost[]): void {
    const owner = new Map<number, string>();
    for (const h of hosts) {
      for (const i of h.interfaces) {
        const n = i.address === 'dhcp' ? undefined : ipv4ToInt(i.address);
        if (n === undefined) continue;
        const other = owner.get(n);
        if (other !== undefined) {
          this.error(
            ['hosts', h.name, 'interfaces', i.name, 'address'],
            `${i.address} is already the address of ${other}; every interface needs its own address`,
          );
        } else owner.set(n, `host \`${h.name}\` interface \`${i.name}\``);
      }
    }
  }

  host(name: string, h: Parsed['hosts'][string], vlans: Map<string, R.ResolvedVlan>): R.ResolvedHost {
    const at = (...rest: Path): Path => ['hosts', name, ...rest];
    const interfaces: R.ResolvedInterface[] = sortedEntries(h.interfaces).map(([ifName, i]) => {
      const vlan = this.ref('vlans', i.vlan, 'VLAN', at('interfaces', ifName, 'vlan')) ? vlans.get(i.vlan) : undefined;
      if (i.address === 'dhcp') {
        if (!i.dnsName) {
          this.error(
            at('interfaces', ifName, 'dnsName'),
            'is required when `address` is `dhcp`: Kiln needs a stable name to reach the interface (add a DHCP reservation and its DNS name)',
          );
        }
      } else if (ipv4ToInt(i.address) === undefined) {
        this.error(at('interfaces', ifName, 'address'), `${shown(i.address)} is neither an IPv4 address nor \`dhcp\``);
      } else if (LEADING_ZERO.test(i.address)) {
        this.error(
          at('interfaces', ifName, 'address'),
          `${i.address} has a number with a leading zero, which some tools read as octal; write ${intToIpv4(ipv4ToInt(i.address)!)}`,
        );
      } else if (!vlan || cidrRange(vlan.cidr) === undefined) {
        // The VLAN or its CIDR is wrong and reported as such; the address cannot be checked against it.
      } else if (!cidrContains(vlan.cidr, i.address)) {
        this.error(
          at('interfaces', ifName, 'address'),
          `${i.address} is outside VLAN \`${vlan.name}\` (${vlan.cidr}); use an address in that subnet or fix \`vlan\``,
        );
      } else {
        const r = cidrRange(vlan.cidr);
        const a = ipv4ToInt(i.address)!;
        // /31 (RFC 3021) and /32 have no network or broadcast address.
        if (r && r.bits <= 30 && (a === r.first || a === r.last)) {
          this.error(
            at('interfaces', ifName, 'address'),
            `${i.address} is the ${a === r.first ? 'network' : 'broadcast'} address of VLAN \`${vlan.name}\` (${vlan.cidr}); use a host address such as ${intToIpv4(r.first + 1)}–${intToIpv4(r.last - 1)}`,
          );
        }
      }
      return {
        name: ifName,
        host: name,
        vlan: vlan ?? { name: i.vlan, id: 0, cidr: '0.0.0.0/0', zone: 'servers' },
        address: i.address,
        ...(i.dnsName !== undefined && { dnsName: i.dnsName }),
        reachableAs: i.dnsName ?? i.address,
      };
    });
    if (interfaces.length === 0) this.error(at('interfaces'), 'a host needs at least one interface');
    const disks: R.ResolvedDisk[] = sortedEntries(h.disks).map(([diskName, d]) => ({
      name: diskName,
      role: d.role,
      mountPoint: d.mountPoint,
      ...(d.device !== undefined && { device: d.device }),
      ...(d.media !== undefined && { media: d.media }),
      pressureThreshold: d.pressureThreshold ?? D.DEFAULT_SCRATCH_PRESSURE_THRESHOLD,
    }));
    this.unique(
      disks.map((d) => [d.mountPoint, ['hosts', name, 'disks', d.name, 'mountPoint']]),
      'mount point',
    );
    const instanceLabel = this.site.prometheus.instanceLabel ?? D.DEFAULT_INSTANCE_LABEL;
    const exporters: R.ResolvedExporter[] = sortedEntries(h.exporters).map(([kind, e]) => {
      const path = at('exporters', kind);
      if (kind === 'nvidia-gpu' && (h.gpus ?? []).length === 0) {
        this.error(path, 'the NVIDIA GPU exporter needs at least one GPU in `gpus` of this host');
      }
      if (e.tls && e.scheme !== 'https') this.error([...path, 'tls'], 'TLS settings need `scheme: https`');
      this.checkTls(e.tls, [...path, 'tls']);
      const bind =
        e.interface !== undefined
          ? this.bind(interfaces, e.interface, [...path, 'interface'])
          : this.staticBind(defaultBind(interfaces), path, true);
      const port = e.port ?? D.DEFAULT_EXPORTER_PORTS[kind as R.ExporterKind];
      const target = `${addressOf(bind, name)}:${port}`;
      return {
        kind: kind as R.ExporterKind,
        host: name,
        port,
        bind,
        target,
        instance: instanceLabel === 'host' ? name : target,
        scheme: e.scheme ?? 'http',
        ...(e.tls !== undefined && { tls: e.tls }),
        collectors: this.collectors(kind, e.collectors ?? [], [...path, 'collectors']),
      };
    });
    return {
      name,
      role: h.role,
      disposition: h.disposition,
      ...(h.os !== undefined && { os: h.os }),
      interfaces,
      disks,
      gpus: h.gpus ?? [],
      exporters,
      labels: dict(h.labels),
    };
  }

  /** Known collector names only, and only for exporters that have selectable collectors (node). */
  collectors(kind: string, names: string[], path: Path): string[] {
    if (names.length === 0) return [];
    if (kind !== 'node') {
      this.error(path, `the \`${kind}\` exporter has no selectable collectors; remove \`collectors\``);
      return [];
    }
    names.forEach((c, i) => {
      if (!(NODE_COLLECTORS as readonly string[]).includes(c)) {
        this.error([...path, i], `unknown node exporter collector \`${c}\`; ${suggest(c, NODE_COLLECTORS)}`);
      }
    });
    return [...new Set(names)].sort();
  }

  /** Exporters of one kind share one scrape job, so they must agree on what is set per job. */
  checkExporterJobs(hosts: R.ResolvedHost[]): void {
    const first = new Map<string, R.ResolvedExporter>();
    for (const h of hosts) {
      for (const e of h.exporters) {
        const f = first.get(e.kind);
        if (!f) {
          first.set(e.kind, e);
          continue;
        }
        if (f.scheme !== e.scheme || sameKeysJson(f.tls) !== sameKeysJson(e.tls)) {
          const field = f.scheme !== e.scheme ? 'scheme' : 'tls';
          this.error(
            ['hosts', h.name, 'exporters', e.kind, field],
            `differs from the \`${e.kind}\` exporter of host \`${f.host}\`; every \`${e.kind}\` exporter is scraped by one job, so all must use the same \`scheme\` and \`tls\``,
          );
        }
      }
    }
  }

  /** The reverse proxy in front of Prometheus; a loopback-bound Prometheus is reachable only from its own host. */
  exposure(
    via: NonNullable<Parsed['prometheus']['exposedVia']>,
    services: R.ResolvedService[],
    prometheus: R.ResolvedServer,
  ): { service: R.ResolvedService; endpoint: R.ResolvedEndpoint; url: string } | undefined {
    const at: Path = ['prometheus', 'exposedVia'];
    if (!this.ref('services', via.service, 'service', [...at, 'service'])) return undefined;
    const service = services.find((x) => x.name === via.service)!;
    const endpoint = service.endpoints.find((x) => x.name === via.endpoint);
    if (!endpoint) {
      this.error(
        [...at, 'endpoint'],
        `service \`${service.name}\` has no endpoint \`${via.endpoint}\`; ${suggest(
          via.endpoint,
          service.endpoints.map((x) => x.name),
        )}`,
      );
      return undefined;
    }
    if (prometheus.bind.kind === 'loopback' && service.host.name !== prometheus.host.name) {
      this.error(
        [...at, 'service'],
        `service \`${service.name}\` runs on host \`${service.host.name}\` but Prometheus listens on loopback of host \`${prometheus.host.name}\`; run the proxy on \`${prometheus.host.name}\` or bind Prometheus to an interface`,
      );
    }
    const url = `${via.scheme ?? 'http'}://${addressOf(endpoint.bind, service.host.name)}:${endpoint.port}`;
    return { service, endpoint, url };
  }

  deploy(
    hosts: Map<string, R.ResolvedHost>,
    services: R.ResolvedService[],
    prometheus: R.ResolvedServer,
    alertmanager: R.ResolvedServer,
  ): R.ResolvedDeploy {
    const c = this.site.deploy?.compose;
    const compose =
      c && resolveComposeDeploy(c, { error: (path, message) => this.error(path, message), hosts, services, prometheus, alertmanager });
    return { ...this.ansibleDeploy(hosts), ...(compose && { compose }) };
  }

  ansibleDeploy(hosts: Map<string, R.ResolvedHost>): R.ResolvedDeploy {
    const a = this.site.deploy?.ansible;
    if (!a) return {};
    const listed = new Map<string, R.ResolvedHost>();
    (a.nodeExporterHosts ?? []).forEach((name, i) => {
      const path: Path = ['deploy', 'ansible', 'nodeExporterHosts', i];
      const host = this.ref('hosts', name, 'host', path) ? hosts.get(name)! : undefined;
      if (!host) return;
      if (listed.has(name)) this.error(path, `host \`${name}\` is listed twice`);
      else if (!host.exporters.some((e) => e.kind === 'node'))
        this.error(path, `host \`${name}\` has no node exporter; add \`exporters: { node: {} }\` to it or remove it from this list`);
      else listed.set(name, host);
    });
    return { ansible: { configDir: a.configDir ?? D.DEFAULT_ANSIBLE_CONFIG_DIR, nodeExporterHosts: [...listed.values()].sort(byName) } };
  }

  bind(interfaces: R.ResolvedInterface[], value: string, path: Path): R.Bind {
    if (value === 'loopback') return { kind: 'loopback' };
    if (value === '0.0.0.0' || value === '::') return { kind: 'wildcard', address: value };
    const i = interfaces.find((x) => x.name === value);
    if (i) return this.staticBind({ kind: 'interface', interface: i }, path);
    this.error(path, `unknown interface \`${value}\`; ${suggest(value, [...interfaces.map((x) => x.name), 'loopback', ...WILDCARDS])}`);
    return { kind: 'loopback' };
  }

  /**
   * A listener binds an IP address: a DHCP interface has none Kiln knows, and its DNS name fails
   * when DNS is late and goes stale after a lease change (`--web.listen-address=name:9090`).
   */
  staticBind(bind: R.Bind, path: Path, implicit = false): R.Bind {
    // On a Kubernetes site the stack runs in pods (their own addresses) and the node exporter
    // DaemonSet on each node's network: no listener is configured with a node's address.
    if (this.site.kubernetes !== undefined) return bind;
    if (bind.kind === 'interface' && bind.interface.address === 'dhcp') {
      const name = bind.interface.name;
      this.error(
        path,
        `${implicit ? `listens by default on interface \`${name}\`, which` : `interface \`${name}\``} has no static address (\`dhcp\`); a listener must bind an IP — give \`${name}\` its DHCP reservation as \`address\` (keep \`dnsName\` for scraping)${implicit ? ', or bind another interface' : ''}`,
      );
    }
    return bind;
  }

  mounts(hosts: Map<string, R.ResolvedHost>, shares: Map<string, R.ResolvedShare>): R.ResolvedMount[] {
    const out: R.ResolvedMount[] = [];
    (this.site.mounts ?? []).forEach((m, i) => {
      const at = (f: string): Path => ['mounts', i, f];
      const host = this.ref('hosts', m.host, 'host', at('host')) ? hosts.get(m.host)! : undefined;
      const share = this.ref('shares', m.share, 'share', at('share')) ? shares.get(m.share)! : undefined;
      if (share && !share.protocols.includes(m.protocol)) {
        this.error(at('protocol'), `share \`${share.id}\` is not exported over ${m.protocol} (it offers ${share.protocols.join(', ')})`);
      }
      if (host && share) {
        out.push({
          index: i,
          host,
          share,
          mountPoint: m.mountPoint,
          mode: m.mode,
          protocol: m.protocol,
          required: m.required ?? true,
          ...(m.purpose !== undefined && { purpose: m.purpose }),
        });
      }
    });
    const seen = new Map<string, number>();
    (this.site.mounts ?? []).forEach((m, i) => {
      const key = `${m.host} ${m.mountPoint}`;
      if (seen.has(key))
        this.error(
          ['mounts', i, 'mountPoint'],
          `host \`${m.host}\` already mounts something at ${m.mountPoint} (mounts[${seen.get(key)}])`,
        );
      seen.set(key, i);
    });
    return out.sort((a, b) => (a.host.name + a.mountPoint < b.host.name + b.mountPoint ? -1 : 1));
  }

  services(hosts: Map<string, R.ResolvedHost>): R.ResolvedService[] {
    return sortedEntries(this.site.services).map(([name, svc]) => {
      const host = this.ref('hosts', svc.host, 'host', ['services', name, 'host']) ? hosts.get(svc.host)! : undefined;
      const endpoints = sortedEntries(svc.endpoints).map(([epName, ep]) => ({
        name: epName,
        port: ep.port,
        protocol: ep.protocol ?? 'tcp',
        kind: ep.kind,
        // Without its host there are no interfaces to check the bind against (the host error is reported).
        bind: host ? this.bind(host.interfaces, ep.bind, ['services', name, 'endpoints', epName, 'bind']) : loopback,
        ...(ep.public !== undefined && { publicReason: ep.public.reason }),
        ...(ep.description !== undefined && { description: ep.description }),
      }));
      return {
        name,
        host: host ?? placeholderHost(svc.host),
        ...(svc.description !== undefined && { description: svc.description }),
        endpoints,
        dataPaths: [...(svc.dataPaths ?? [])],
      };
    });
  }

  /** Two listeners on one host, port and protocol clash unless they bind distinct interfaces. */
  checkPortClashes(
    hosts: R.ResolvedHost[],
    services: R.ResolvedService[],
    servers: [string, 'prometheus' | 'alertmanager', R.ResolvedServer][],
  ): void {
    const listeners: { host: string; port: number; proto: string; bind: R.Bind; owner: string; path: Path }[] = [];
    for (const h of hosts) {
      for (const e of h.exporters) {
        listeners.push({
          host: h.name,
          port: e.port,
          proto: 'tcp',
          bind: e.bind,
          owner: `exporter ${e.kind}`,
          path: ['hosts', h.name, 'exporters', e.kind, 'port'],
        });
      }
    }
    for (const s of services) {
      for (const e of s.endpoints) {
        listeners.push({
          host: s.host.name,
          port: e.port,
          proto: e.protocol,
          bind: e.bind,
          owner: `service ${s.name} endpoint ${e.name}`,
          path: ['services', s.name, 'endpoints', e.name, 'port'],
        });
      }
    }
    for (const [owner, key, server] of servers) {
      if (this.broken.whole.has(key) || !this.tables.hosts.has(server.host.name)) continue;
      listeners.push({ host: server.host.name, port: server.port, proto: 'tcp', bind: server.bind, owner, path: [key, 'port'] });
    }
    // Interfaces are compared by address where they have one: two names for one address are one socket.
    const bindKey = (b: R.Bind) =>
      b.kind === 'interface' ? (b.interface.address === 'dhcp' ? `if:${b.interface.name}` : b.interface.address) : b.kind;
    // Only listeners on the same host, port and protocol can clash: compare within those groups (linear overall).
    const groups = new Map<string, typeof listeners>();
    for (const l of listeners) {
      const key = `${l.host}\u0000${l.port}\u0000${l.proto}`;
      const earlier = groups.get(key) ?? [];
      for (const b of earlier) {
        if (l.bind.kind === 'wildcard' || b.bind.kind === 'wildcard' || bindKey(l.bind) === bindKey(b.bind)) {
          this.error(l.path, `port ${l.port}/${l.proto} on host \`${l.host}\` is already taken by ${b.owner}; choose another port`);
        }
      }
      groups.set(key, [...earlier, l]);
    }
  }

  receiver(name: string, r: Parsed['receivers'][string]): R.ResolvedReceiver {
    (r.webhooks ?? []).forEach((w, i) => {
      const u = new URL(w.url);
      if (u.username || u.password) {
        this.error(
          ['receivers', name, 'webhooks', i, 'url'],
          'carries credentials in the URL; move them to a file and set `bearerTokenFile`',
        );
      }
      // Slack, Discord and Teams incoming webhooks carry their secret in the URL itself.
      const secretUrl = SECRET_URL_HOSTS.find(([re]) => re.test(u.hostname + u.pathname));
      if (secretUrl) {
        this.error(
          ['receivers', name, 'webhooks', i, 'url'],
          `is a ${secretUrl[1]} incoming-webhook URL, and such a URL is the secret itself (anyone holding it can post); it would be written into alertmanager.yml — ${secretUrl[2]}`,
        );
      }
    });
    return {
      name,
      ...(r.description !== undefined && { description: r.description }),
      webhooks: r.webhooks ?? [],
      emails: r.emails ?? [],
      slack: r.slack ?? [],
      ntfy: (r.ntfy ?? []).map((n) => resolveNtfy(n, this.site.name, this.site.grafana?.url.replace(/\/+$/, ''))),
    };
  }

  matchers(list: string[], path: Path): void {
    list.forEach((m, i) => {
      if (!MATCHER.test(m))
        this.error([...path, i], `\`${m}\` is not a matcher; write it as label="value", label!="value", label=~"regex" or label!~"regex"`);
    });
  }

  routing(): R.ResolvedRouting {
    const r = this.site.routing;
    if (this.broken.whole.has('routing'))
      return {
        receiver: r.receiver,
        groupBy: [],
        groupWait: '',
        groupInterval: '',
        repeatInterval: '',
        routes: [],
        inhibitions: [],
        hostDownInhibits: false,
      };
    this.ref('receivers', r.receiver, 'receiver', ['routing', 'receiver']);
    this.uniqueGroupBy(r.groupBy, ['routing', 'groupBy']);
    const routes = (r.routes ?? []).map((route, i) => {
      route.receivers.forEach((name, j) => this.ref('receivers', name, 'receiver', ['routing', 'routes', i, 'receivers', j]));
      this.matchers(route.matchers, ['routing', 'routes', i, 'matchers']);
      this.uniqueGroupBy(route.groupBy, ['routing', 'routes', i, 'groupBy']);
      return { ...route, continue: route.continue ?? false };
    });
    const inhibitions = (r.inhibitions ?? []).map((inh, i) => {
      this.matchers(inh.source, ['routing', 'inhibitions', i, 'source']);
      this.matchers(inh.target, ['routing', 'inhibitions', i, 'target']);
      return inh;
    });
    return {
      receiver: r.receiver,
      groupBy: r.groupBy ?? [...D.DEFAULT_GROUP_BY],
      groupWait: r.groupWait ?? D.DEFAULT_GROUP_WAIT,
      groupInterval: r.groupInterval ?? D.DEFAULT_GROUP_INTERVAL,
      repeatInterval: r.repeatInterval ?? D.DEFAULT_REPEAT_INTERVAL,
      routes,
      inhibitions,
      hostDownInhibits: r.hostDownInhibits ?? true,
    };
  }

  uniqueGroupBy(labels: string[] | undefined, path: Path): void {
    const seen = new Set<string>();
    (labels ?? []).forEach((l, i) => {
      if (seen.has(l))
        this.error(
          [...path, i],
          `\`${l}\` is listed twice; Alertmanager rejects it ("duplicated label in group_by"); remove the second one`,
        );
      seen.add(l);
    });
  }

  /** A receiver no route reaches never gets a notification: almost always a forgotten route. */
  checkReceiversUsed(routing: R.ResolvedRouting): void {
    if (this.broken.whole.has('routing')) return;
    const used = new Set([routing.receiver, ...routing.routes.flatMap((r) => r.receivers)]);
    for (const name of this.tables.receivers.keys()) {
      if (!used.has(name)) {
        this.error(
          ['receivers', name],
          'is not used by `routing.receiver` or any route, so it never gets a notification; route to it or remove it',
        );
      }
    }
  }

  /** The global scrape interval and timeout as Prometheus applies them; the default timeout never exceeds the interval. */
  scrapeSettings(): { interval: string; timeout: string } {
    const p = this.site.prometheus;
    const interval = p.scrapeInterval ?? D.DEFAULT_SCRAPE_INTERVAL;
    if (p.scrapeTimeout !== undefined && !this.broken.whole.has('prometheus') && seconds(p.scrapeTimeout) > seconds(interval)) {
      const inherited = p.scrapeInterval === undefined ? ' (the default; set `scrapeInterval` to change it)' : '';
      this.error(
        ['prometheus', 'scrapeTimeout'],
        `${p.scrapeTimeout} is longer than the scrape interval ${interval}${inherited}; Prometheus rejects it ("global scrape timeout greater than scrape interval"); use a timeout of at most ${interval}`,
      );
    }
    // Prometheus does the same when scrape_timeout is unset: min(10s, interval).
    const timeout = p.scrapeTimeout ?? (seconds(D.DEFAULT_SCRAPE_TIMEOUT) > seconds(interval) ? interval : D.DEFAULT_SCRAPE_TIMEOUT);
    return { interval, timeout };
  }

  /** prometheus/common rejects a client certificate without its key and the reverse. */
  checkTls(tls: R.ResolvedTls | undefined, path: Path): void {
    if (!tls) return;
    if (tls.certFile !== undefined && tls.keyFile === undefined)
      this.error(
        [...path, 'keyFile'],
        'is required with `certFile`: a client certificate needs its key (Prometheus rejects one without the other)',
      );
    if (tls.keyFile !== undefined && tls.certFile === undefined)
      this.error(
        [...path, 'certFile'],
        'is required with `keyFile`: a client key needs its certificate (Prometheus rejects one without the other)',
      );
  }

  alert(name: string, a: NonNullable<Parsed['alerts']>[string]): R.ResolvedAlert {
    for (const reserved of ['severity', 'alertname']) {
      if (a.labels && Object.hasOwn(a.labels, reserved)) {
        this.error(
          ['alerts', name, 'labels', reserved],
          `\`${reserved}\` is set by Kiln; remove it from \`labels\`${reserved === 'severity' ? ' and use the `severity` field' : ''}`,
        );
      }
    }
    return {
      name,
      expr: a.expr,
      ...(a.for !== undefined && { for: a.for }),
      severity: a.severity,
      summary: a.summary,
      description: a.description,
      labels: dict(a.labels),
      tests: a.tests ?? [],
    };
  }

  scrapeJob(
    name: string,
    j: NonNullable<Parsed['scrapeJobs']>[string],
    globalInterval: string,
    derivedJobs: ReadonlySet<string>,
    services: R.ResolvedService[],
  ): R.ResolvedScrapeJob {
    const at = (...rest: Path): Path => ['scrapeJobs', name, ...rest];
    if (j.tls && j.scheme !== 'https') this.error(at('tls'), 'TLS settings need `scheme: https`');
    this.checkTls(j.tls, at('tls'));
    if (derivedJobs.has(name)) {
      const what = SELF_SCRAPE_JOBS.includes(name)
        ? `Kiln's own ${name} self-scrape job`
        : `the job Kiln derives for the \`${name}\` exporters of the hosts`;
      this.error(
        at(),
        `the name is taken by ${what}, and Prometheus rejects two scrape configs with one job name ("found multiple scrape configs with job name"); rename it (e.g. \`${name}-static\`). Derived job names: ${[
          ...derivedJobs,
        ]
          .sort()
          .map((n) => `\`${n}\``)
          .join(', ')}`,
      );
    }
    const interval = j.interval ?? globalInterval;
    if (j.timeout !== undefined && !this.broken.whole.has('prometheus') && seconds(j.timeout) > seconds(interval)) {
      const inherited = j.interval === undefined ? ' (inherited from `prometheus.scrapeInterval`)' : '';
      this.error(
        at('timeout'),
        `${j.timeout} is longer than the job's scrape interval ${interval}${inherited}; Prometheus rejects it ("scrape timeout greater than scrape interval"); use a timeout of at most ${interval} or a longer \`interval\``,
      );
    }
    if (j.bearerTokenFile !== undefined && j.basicAuth !== undefined) {
      this.error(
        at('bearerTokenFile'),
        'cannot be combined with `basicAuth`: Prometheus accepts one authorization method per job ("at most one of basic_auth, oauth2, bearer_token & bearer_token_file"); keep one',
      );
    }
    const httpSd = resolveHttpSd(name, j, services, (p, m) => this.error(p, m));
    return {
      name,
      targets: [...(j.targets ?? [])].sort(),
      ...(httpSd !== undefined && { httpSd }),
      ...(j.exporter !== undefined && { exporter: j.exporter }),
      scheme: j.scheme ?? 'http',
      metricsPath: j.metricsPath ?? '/metrics',
      ...(j.interval !== undefined && { interval: j.interval }),
      ...(j.timeout !== undefined && { timeout: j.timeout }),
      ...(j.tls !== undefined && { tls: j.tls }),
      ...(j.bearerTokenFile !== undefined && { bearerTokenFile: j.bearerTokenFile }),
      ...(j.basicAuth !== undefined && { basicAuth: j.basicAuth }),
      labels: dict(j.labels),
    };
  }

  server(
    key: 'prometheus' | 'alertmanager',
    hosts: Map<string, R.ResolvedHost>,
    cfg: { host: string; port?: number | undefined; bind?: string | undefined },
    defaultPort: number,
  ): R.ResolvedServer {
    if (this.broken.whole.has(key)) return { host: placeholderHost(''), port: defaultPort, bind: { kind: 'loopback' }, address: '' };
    const known = this.ref('hosts', cfg.host, 'host', [key, 'host']);
    const h = known ? hosts.get(cfg.host)! : placeholderHost(cfg.host);
    const bind =
      cfg.bind !== undefined && known
        ? this.bind(h.interfaces, cfg.bind, [key, 'bind'])
        : this.staticBind(defaultBind(h.interfaces), [key, 'host'], true);
    const port = cfg.port ?? defaultPort;
    return { host: h, port, bind, address: `${addressOf(bind, cfg.host)}:${port}` };
  }

  unique(items: [string, Path][], what: string): void {
    const seen = new Set<string>();
    for (const [value, path] of items) {
      if (seen.has(value)) this.error(path, `duplicate ${what} \`${value}\``);
      seen.add(value);
    }
  }
}

const loopback: R.Bind = { kind: 'loopback' };

/** Incoming-webhook URLs whose path is their credential: [host+path, service, fix]. */
const SECRET_URL_HOSTS: [RegExp, string, string][] = [
  [/^hooks\.slack\.com\/services\//, 'Slack', 'use a `slack` receiver with the URL in a file (`apiUrlFile`)'],
  [
    /^(discord(app)?\.com)\/api\/webhooks\//,
    'Discord',
    'put it in a file and post through a relay that reads it, or use Alertmanager ≥ 0.25 `discord_configs` with `webhook_url_file`',
  ],
  [
    /(\.webhook\.office\.com|^outlook\.office\.com\/webhook)/,
    'Microsoft Teams',
    'put it in a file and post through a relay that reads it (Alertmanager ≥ 0.26 `msteams_configs` with `webhook_url_file`)',
  ],
];

/** InstanceDown severity per job: a single value for all, or a map with an optional `default`. */
function instanceDownSeverity(v: SiteInput['prometheus']['instanceDownSeverity']): R.ResolvedPrometheus['instanceDownSeverity'] {
  if (v === undefined) return { default: 'warning', jobs: dict({ node: 'critical' }) };
  if (typeof v === 'string') return { default: v, jobs: dict({}) };
  const { default: fallback, ...jobs } = v;
  return { default: fallback ?? 'warning', jobs: dict(jobs) };
}

/** Stands in for a host that a reference names but that could not be resolved (an error is already reported). */
function placeholderHost(name: string): R.ResolvedHost {
  return { name, role: '', disposition: 'disposable', interfaces: [], disks: [], gpus: [], exporters: [], labels: dict({}) };
}

/** JSON of a flat settings object with sorted keys, for comparing settings written in any order. */
const sameKeysJson = (o: object | undefined) => JSON.stringify(Object.entries(o ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)));

/** The first servers-zone interface, else the first interface by name. */
function defaultBind(interfaces: R.ResolvedInterface[]): R.Bind {
  const i = interfaces.find((x) => x.vlan.zone === 'servers') ?? interfaces[0];
  return i ? { kind: 'interface', interface: i } : { kind: 'loopback' };
}

function addressOf(bind: R.Bind, host: string): string {
  if (bind.kind === 'interface') return bind.interface.reachableAs;
  if (bind.kind === 'loopback') return '127.0.0.1';
  return host;
}

/** The site name for the error header: the name when it is one, else a placeholder. */
function siteNameOf(input: unknown): string {
  const name = typeof input === 'object' && input !== null && Object.hasOwn(input, 'name') ? (input as { name: unknown }).name : undefined;
  if (typeof name !== 'string' || name.length === 0) return '(unnamed)';
  return name.length > 63 ? `${name.slice(0, 40)}…` : name;
}

/**
 * Validates and resolves a site. Throws SiteError listing every issue found — never another error.
 * When parsing fails, the cross-references of the parts that did parse are checked in the same pass
 * (see partial.ts), so schema and reference errors come together.
 */
export function resolve(input: unknown): R.ResolvedSite {
  const name = siteNameOf(input);
  const hostile = scanInput(name, input);
  const parsed = Site.safeParse(input);
  if (parsed.success && hostile.length === 0) {
    const resolver = new Resolver(parsed.data);
    const report = (path: Path, message: string) => resolver.error(path, message);
    const site = withScaleOut(parsed.data, withCluster(parsed.data.kubernetes, resolver.resolve(), report), report);
    if (resolver.issues.length > 0) throw new SiteError(name, resolver.issues);
    return site;
  }
  const issues = [...hostile, ...(parsed.success ? [] : zodIssuesToSiteIssues(name, parsed.error, input, Site))];
  const partial = parsed.success ? { site: parsed.data, broken: NOTHING_BROKEN } : parsePartially(input);
  if (partial) {
    const resolver = new Resolver(partial.site as Parsed, partial.broken);
    try {
      const report = (path: Path, message: string) => resolver.error(path, message);
      withScaleOut(partial.site as Parsed, withCluster((partial.site as Parsed).kubernetes, resolver.resolve(), report), report);
      issues.push(...resolver.issues);
    } catch {
      // Best effort on a site that is already known to be broken: the schema errors above stand on their own.
    }
  }
  throw new SiteError(name, issues);
}
