/**
 * resolve(): parse → normalize (apply named defaults) → check every cross-reference.
 * All issues are collected; the first error never hides the others.
 */
import type { z } from 'zod';
import * as D from './defaults.js';
import { SiteError, entityAt, suggest, type SiteIssue } from './errors.js';
import type * as R from './resolved.js';
import { NODE_COLLECTORS, Site, type SiteInput } from './schema.js';
import { withCluster } from './cluster-resolve.js';

type Parsed = z.output<typeof Site>;
type Path = (string | number)[];

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const sortedEntries = <T>(record: Record<string, T> | undefined): [string, T][] =>
  Object.entries(record ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

const WILDCARDS = ['0.0.0.0', '::'] as const;
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

export function cidrContains(cidr: string, ip: string): boolean {
  const [base, bits] = cidr.split('/');
  const b = ipv4ToInt(base ?? '');
  const a = ipv4ToInt(ip);
  const n = Number(bits);
  if (b === undefined || a === undefined || !(n >= 0 && n <= 32)) return false;
  const size = 2 ** (32 - n);
  return Math.floor(a / size) === Math.floor(b / size);
}

/** Turns zod issues into site issues with entity and path. */
function zodIssues(siteName: string, error: z.ZodError): SiteIssue[] {
  return error.issues.map((i) => {
    const path = i.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    let message = i.message;
    if (i.code === 'unrecognized_keys') {
      message = `unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `\`${k}\``).join(', ')} (remove ${i.keys.length > 1 ? 'them' : 'it'} or check the spelling)`;
    } else if (i.code === 'invalid_type' && /received undefined/.test(i.message)) {
      message = `is required (${i.message.replace(/^Invalid input: /, '')})`;
    }
    return { entity: entityAt(siteName, path), path, message };
  });
}

class Resolver {
  readonly issues: SiteIssue[] = [];
  constructor(readonly site: Parsed) {}

  error(path: Path, message: string): void {
    this.issues.push({ entity: entityAt(this.site.name, path), path, message });
  }

  /** Checks that `name` is a key of `record`; reports a "did you mean" otherwise. */
  ref<T>(record: Record<string, T> | undefined, name: string, what: string, path: Path): T | undefined {
    const found = record?.[name];
    if (found === undefined) this.error(path, `unknown ${what} \`${name}\`; ${suggest(name, Object.keys(record ?? {}))}`);
    return found;
  }

  resolve(): R.ResolvedSite {
    const s = this.site;
    const vlans = new Map(sortedEntries(s.vlans).map(([name, v]) => [name, { name, ...v } as R.ResolvedVlan]));
    this.checkVlans(vlans);
    const hosts = new Map(sortedEntries(s.hosts).map(([name, h]) => [name, this.host(name, h, vlans)]));
    const shares = new Map(
      sortedEntries(s.shares).map(([name, sh]) => {
        const host = this.ref(s.hosts, sh.host, 'host', ['shares', name, 'host']) && hosts.get(sh.host)!;
        (sh.writers ?? []).forEach((w, i) => this.ref(s.hosts, w, 'host', ['shares', name, 'writers', i]));
        const share: R.ResolvedShare = {
          id: `${sh.host}:${name}`,
          name,
          host: host ?? hosts.values().next().value!,
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
    const services = this.services(hosts);
    this.checkPortClashes([...hosts.values()], services);
    this.checkExporterJobs([...hosts.values()]);
    const receivers = sortedEntries(s.receivers).map(([name, r]) => this.receiver(name, r));
    const routing = this.routing();
    const alerts = sortedEntries(s.alerts).map(([name, a]) => this.alert(name, a));
    const scrapeJobs = sortedEntries(s.scrapeJobs).map(([name, j]) => this.scrapeJob(name, j));
    const prometheus = this.server('prometheus', hosts, s.prometheus, D.DEFAULT_PROMETHEUS_PORT);
    const alertmanager = this.server('alertmanager', hosts, s.alertmanager, D.DEFAULT_ALERTMANAGER_PORT);
    const p = s.prometheus;
    const exposedVia = p.exposedVia && this.exposure(p.exposedVia, services, prometheus);
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
      receivers,
      routing,
      prometheus: {
        ...prometheus,
        scrapeInterval: p.scrapeInterval ?? D.DEFAULT_SCRAPE_INTERVAL,
        scrapeTimeout: p.scrapeTimeout ?? D.DEFAULT_SCRAPE_TIMEOUT,
        evaluationInterval: p.evaluationInterval ?? D.DEFAULT_EVALUATION_INTERVAL,
        retentionTime: p.retentionTime ?? D.DEFAULT_RETENTION_TIME,
        ...(p.retentionSize !== undefined && { retentionSize: p.retentionSize }),
        externalLabels: { site: s.name, ...p.externalLabels },
        ...(p.tsdbPath !== undefined && { tsdbPath: p.tsdbPath }),
        instanceLabel: p.instanceLabel ?? D.DEFAULT_INSTANCE_LABEL,
        externalUrl: exposedVia ? exposedVia.url : `http://${prometheus.address}`,
        ...(exposedVia && { exposedVia: { service: exposedVia.service, endpoint: exposedVia.endpoint } }),
      },
      alertmanager,
      ...(s.grafana !== undefined && { grafana: { url: s.grafana.url.replace(/\/+$/, '') } }),
      lint: s.lint ?? {},
      deploy: this.deploy(hosts),
      routingTests: this.routingTests(),
      testing: s.testing ?? {},
    };
  }

  routingTests(): R.ResolvedRoutingTest[] {
    return (this.site.routingTests ?? []).map((t, i) => {
      t.expect.forEach((name, j) => this.ref(this.site.receivers, name, 'receiver', ['routingTests', i, 'expect', j]));
      const shown = Object.entries(t.labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ');
      return {
        name: t.name ?? shown,
        labels: t.labels,
        expect: t.expect,
        ...(t.inhibitedBy !== undefined && { inhibitedBy: t.inhibitedBy }),
      };
    });
  }

  checkVlans(vlans: Map<string, R.ResolvedVlan>): void {
    const ids = new Map<number, string>();
    for (const v of vlans.values()) {
      const other = ids.get(v.id);
      if (other) this.error(['vlans', v.name, 'id'], `VLAN id ${v.id} is already used by VLAN \`${other}\`; VLAN ids must be unique`);
      ids.set(v.id, v.name);
      const [base, bits] = v.cidr.split('/');
      if (ipv4ToInt(base ?? '') === undefined || Number(bits) > 32) {
        this.error(['vlans', v.name, 'cidr'], `\`${v.cidr}\` is not a valid IPv4 CIDR`);
      }
    }
  }

  host(name: string, h: Parsed['hosts'][string], vlans: Map<string, R.ResolvedVlan>): R.ResolvedHost {
    const at = (...rest: Path): Path => ['hosts', name, ...rest];
    const interfaces: R.ResolvedInterface[] = sortedEntries(h.interfaces).map(([ifName, i]) => {
      const vlan = this.ref(this.site.vlans, i.vlan, 'VLAN', at('interfaces', ifName, 'vlan')) && vlans.get(i.vlan)!;
      if (i.address === 'dhcp') {
        if (!i.dnsName) {
          this.error(at('interfaces', ifName, 'dnsName'), 'is required when `address` is `dhcp`: Kiln needs a stable name to reach the interface (add a DHCP reservation and its DNS name)');
        }
      } else if (ipv4ToInt(i.address) === undefined) {
        this.error(at('interfaces', ifName, 'address'), `\`${i.address}\` is neither an IPv4 address nor \`dhcp\``);
      } else if (vlan && !cidrContains(vlan.cidr, i.address)) {
        this.error(at('interfaces', ifName, 'address'), `${i.address} is outside VLAN \`${vlan.name}\` (${vlan.cidr}); use an address in that subnet or fix \`vlan\``);
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
    this.unique(disks.map((d) => [d.mountPoint, ['hosts', name, 'disks', d.name, 'mountPoint']]), 'mount point');
    const instanceLabel = this.site.prometheus.instanceLabel ?? D.DEFAULT_INSTANCE_LABEL;
    const exporters: R.ResolvedExporter[] = sortedEntries(h.exporters).map(([kind, e]) => {
      const path = at('exporters', kind);
      if (kind === 'nvidia-gpu' && (h.gpus ?? []).length === 0) {
        this.error(path, 'the NVIDIA GPU exporter needs at least one GPU in `gpus` of this host');
      }
      if (e.tls && e.scheme !== 'https') this.error([...path, 'tls'], 'TLS settings need `scheme: https`');
      const bind = e.interface !== undefined ? this.bind(interfaces, e.interface, [...path, 'interface']) : defaultBind(interfaces);
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
      labels: h.labels ?? {},
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
          this.error(['hosts', h.name, 'exporters', e.kind, field], `differs from the \`${e.kind}\` exporter of host \`${f.host}\`; every \`${e.kind}\` exporter is scraped by one job, so all must use the same \`scheme\` and \`tls\``);
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
    if (!this.ref(this.site.services, via.service, 'service', [...at, 'service'])) return undefined;
    const service = services.find((x) => x.name === via.service)!;
    const endpoint = service.endpoints.find((x) => x.name === via.endpoint);
    if (!endpoint) {
      this.error([...at, 'endpoint'], `service \`${service.name}\` has no endpoint \`${via.endpoint}\`; ${suggest(via.endpoint, service.endpoints.map((x) => x.name))}`);
      return undefined;
    }
    if (prometheus.bind.kind === 'loopback' && service.host.name !== prometheus.host.name) {
      this.error([...at, 'service'], `service \`${service.name}\` runs on host \`${service.host.name}\` but Prometheus listens on loopback of host \`${prometheus.host.name}\`; run the proxy on \`${prometheus.host.name}\` or bind Prometheus to an interface`);
    }
    const url = `${via.scheme ?? 'http'}://${addressOf(endpoint.bind, service.host.name)}:${endpoint.port}`;
    return { service, endpoint, url };
  }

  deploy(hosts: Map<string, R.ResolvedHost>): R.ResolvedDeploy {
    const a = this.site.deploy?.ansible;
    if (!a) return {};
    const listed = new Map<string, R.ResolvedHost>();
    (a.nodeExporterHosts ?? []).forEach((name, i) => {
      const path: Path = ['deploy', 'ansible', 'nodeExporterHosts', i];
      const host = this.ref(this.site.hosts, name, 'host', path) && hosts.get(name)!;
      if (!host) return;
      if (listed.has(name)) this.error(path, `host \`${name}\` is listed twice`);
      else if (!host.exporters.some((e) => e.kind === 'node')) this.error(path, `host \`${name}\` has no node exporter; add \`exporters: { node: {} }\` to it or remove it from this list`);
      else listed.set(name, host);
    });
    return { ansible: { configDir: a.configDir ?? D.DEFAULT_ANSIBLE_CONFIG_DIR, nodeExporterHosts: [...listed.values()].sort(byName) } };
  }

  bind(interfaces: R.ResolvedInterface[], value: string, path: Path): R.Bind {
    if (value === 'loopback') return { kind: 'loopback' };
    if (value === '0.0.0.0' || value === '::') return { kind: 'wildcard', address: value };
    const i = interfaces.find((x) => x.name === value);
    if (i) return { kind: 'interface', interface: i };
    this.error(path, `unknown interface \`${value}\`; ${suggest(value, [...interfaces.map((x) => x.name), 'loopback', ...WILDCARDS])}`);
    return { kind: 'loopback' };
  }

  mounts(hosts: Map<string, R.ResolvedHost>, shares: Map<string, R.ResolvedShare>): R.ResolvedMount[] {
    const out: R.ResolvedMount[] = [];
    (this.site.mounts ?? []).forEach((m, i) => {
      const at = (f: string): Path => ['mounts', i, f];
      const host = this.ref(this.site.hosts, m.host, 'host', at('host')) && hosts.get(m.host)!;
      const share = this.ref(this.site.shares, m.share, 'share', at('share')) && shares.get(m.share)!;
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
      if (seen.has(key)) this.error(['mounts', i, 'mountPoint'], `host \`${m.host}\` already mounts something at ${m.mountPoint} (mounts[${seen.get(key)}])`);
      seen.set(key, i);
    });
    return out.sort((a, b) => (a.host.name + a.mountPoint < b.host.name + b.mountPoint ? -1 : 1));
  }

  services(hosts: Map<string, R.ResolvedHost>): R.ResolvedService[] {
    return sortedEntries(this.site.services).map(([name, svc]) => {
      const host = this.ref(this.site.hosts, svc.host, 'host', ['services', name, 'host']) && hosts.get(svc.host)!;
      const endpoints = sortedEntries(svc.endpoints).map(([epName, ep]) => ({
        name: epName,
        port: ep.port,
        protocol: ep.protocol ?? 'tcp',
        kind: ep.kind,
        bind: this.bind(host?.interfaces ?? [], ep.bind, ['services', name, 'endpoints', epName, 'bind']),
        ...(ep.public !== undefined && { publicReason: ep.public.reason }),
        ...(ep.description !== undefined && { description: ep.description }),
      }));
      return {
        name,
        host: host ?? hosts.values().next().value!,
        ...(svc.description !== undefined && { description: svc.description }),
        endpoints,
        dataPaths: [...(svc.dataPaths ?? [])],
      };
    });
  }

  /** Two listeners on one host, port and protocol clash unless they bind distinct interfaces. */
  checkPortClashes(hosts: R.ResolvedHost[], services: R.ResolvedService[]): void {
    const listeners: { host: string; port: number; proto: string; bind: R.Bind; owner: string; path: Path }[] = [];
    for (const h of hosts) {
      for (const e of h.exporters) {
        listeners.push({ host: h.name, port: e.port, proto: 'tcp', bind: e.bind, owner: `exporter ${e.kind}`, path: ['hosts', h.name, 'exporters', e.kind, 'port'] });
      }
    }
    for (const s of services) {
      for (const e of s.endpoints) {
        listeners.push({ host: s.host.name, port: e.port, proto: e.protocol, bind: e.bind, owner: `service ${s.name} endpoint ${e.name}`, path: ['services', s.name, 'endpoints', e.name, 'port'] });
      }
    }
    const bindKey = (b: R.Bind) => (b.kind === 'interface' ? b.interface.name : b.kind);
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
        this.error(['receivers', name, 'webhooks', i, 'url'], 'carries credentials in the URL; move them to a file and set `bearerTokenFile`');
      }
    });
    return {
      name,
      ...(r.description !== undefined && { description: r.description }),
      webhooks: r.webhooks ?? [],
      emails: r.emails ?? [],
      slack: r.slack ?? [],
    };
  }

  matchers(list: string[], path: Path): void {
    list.forEach((m, i) => {
      if (!MATCHER.test(m)) this.error([...path, i], `\`${m}\` is not a matcher; write it as label="value", label!="value", label=~"regex" or label!~"regex"`);
    });
  }

  routing(): R.ResolvedRouting {
    const r = this.site.routing;
    this.ref(this.site.receivers, r.receiver, 'receiver', ['routing', 'receiver']);
    const routes = (r.routes ?? []).map((route, i) => {
      route.receivers.forEach((name, j) => this.ref(this.site.receivers, name, 'receiver', ['routing', 'routes', i, 'receivers', j]));
      this.matchers(route.matchers, ['routing', 'routes', i, 'matchers']);
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

  alert(name: string, a: NonNullable<Parsed['alerts']>[string]): R.ResolvedAlert {
    for (const reserved of ['severity', 'alertname']) {
      if (a.labels && reserved in a.labels) {
        this.error(['alerts', name, 'labels', reserved], `\`${reserved}\` is set by Kiln; remove it from \`labels\`${reserved === 'severity' ? ' and use the `severity` field' : ''}`);
      }
    }
    return {
      name,
      expr: a.expr,
      ...(a.for !== undefined && { for: a.for }),
      severity: a.severity,
      summary: a.summary,
      description: a.description,
      labels: a.labels ?? {},
      tests: a.tests ?? [],
    };
  }

  scrapeJob(name: string, j: NonNullable<Parsed['scrapeJobs']>[string]): R.ResolvedScrapeJob {
    if (j.tls && j.scheme !== 'https') this.error(['scrapeJobs', name, 'tls'], 'TLS settings need `scheme: https`');
    return {
      name,
      targets: [...j.targets].sort(),
      scheme: j.scheme ?? 'http',
      metricsPath: j.metricsPath ?? '/metrics',
      ...(j.interval !== undefined && { interval: j.interval }),
      ...(j.timeout !== undefined && { timeout: j.timeout }),
      ...(j.tls !== undefined && { tls: j.tls }),
      ...(j.bearerTokenFile !== undefined && { bearerTokenFile: j.bearerTokenFile }),
      ...(j.basicAuth !== undefined && { basicAuth: j.basicAuth }),
      labels: j.labels ?? {},
    };
  }

  server(
    key: 'prometheus' | 'alertmanager',
    hosts: Map<string, R.ResolvedHost>,
    cfg: { host: string; port?: number | undefined; bind?: string | undefined },
    defaultPort: number,
  ): R.ResolvedServer {
    const host = this.ref(this.site.hosts, cfg.host, 'host', [key, 'host']) && hosts.get(cfg.host)!;
    const h = host ?? hosts.values().next().value!;
    const bind = cfg.bind !== undefined ? this.bind(h?.interfaces ?? [], cfg.bind, [key, 'bind']) : defaultBind(h?.interfaces ?? []);
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

/** Validates and resolves a site. Throws SiteError listing every issue found. */
export function resolve(input: SiteInput | unknown): R.ResolvedSite {
  const parsed = Site.safeParse(input);
  const name = typeof (input as { name?: unknown })?.name === 'string' ? (input as { name: string }).name : '(unnamed)';
  if (!parsed.success) throw new SiteError(name, zodIssues(name, parsed.error));
  const resolver = new Resolver(parsed.data);
  const site = withCluster(parsed.data.kubernetes, resolver.resolve(), (path, message) => resolver.error(path, message));
  if (resolver.issues.length > 0) throw new SiteError(name, resolver.issues);
  return site;
}
