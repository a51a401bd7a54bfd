/**
 * One-defect sites: each row breaks `smallSite()` in one way and names the error it must get, with
 * entity and field. Every row must end in a SiteError (never a TypeError or RangeError) or, where
 * the defect is a matter of policy, resolve cleanly and be left to lint (`lint: true`).
 */
import { describe, expect, it } from 'vitest';
import { SiteError, formatIssue } from './errors.js';
import { resolve } from './resolve.js';
import type { SiteInput } from './schema.js';
import { smallSite } from './testing.js';

type Category = 'schema' | 'reference' | 'semantic' | 'security' | 'hostile';
// Rows mutate freely, also into shapes the types forbid: that is the point.
type AnySite = Record<string, any>;
interface Row {
  name: string;
  category: Category;
  /** Breaks the site in place… */
  mutate?: (site: AnySite) => void;
  /** …or replaces it (input as a loader would hand it over). */
  input?: () => unknown;
  /** Patterns that must each match one formatted issue; omitted for rows left to lint. */
  expect?: RegExp[];
  /** Other issues may be reported too (by default the row's patterns are all there is). */
  more?: true;
  /** The site resolves: the defect is a policy matter left to lint, or (said in the name) not a defect at all. */
  lint?: true;
}

const job = { targets: ['probe.example.org:9115'] };
const bigString = (n: number) => 'x'.repeat(n);
function nested(depth: number): unknown {
  let v: unknown = {};
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}
/** JSON as a YAML or JSON loader would produce it: `__proto__` becomes an own key. */
const fromJson = (site: SiteInput, patch: (s: AnySite) => string): AnySite =>
  JSON.parse(patch(JSON.parse(JSON.stringify(site)))) as AnySite;

const ROWS: Row[] = [
  // schema: shape and types, with messages that say what is expected
  {
    name: 'missing required string',
    category: 'schema',
    mutate: (s) => void delete s.hosts.storage.role,
    expect: [/^host `storage`: role: missing required field `role` \(text: What the host does, in a few words\)$/],
  },
  {
    name: 'missing required enum',
    category: 'schema',
    mutate: (s) => void delete s.hosts.storage.disposition,
    expect: [
      /^host `storage`: disposition: missing required field `disposition` \(one of `disposable`, `authoritative`: disposable: rebuildable/,
    ],
  },
  {
    name: 'missing required section',
    category: 'schema',
    mutate: (s) => void delete s.alertmanager,
    expect: [
      /^alertmanager `lab`: \(root\): missing required field `alertmanager` \(an object with `host`, `port`, `bind`, `cluster`: The Alertmanager server\)$/,
    ],
  },
  {
    name: 'misspelled top-level key',
    category: 'schema',
    mutate: (s) => {
      s.recievers = s.receivers;
      delete s.receivers;
    },
    expect: [
      /^site `lab`: recievers: unknown field; did you mean `receivers`\?$/,
      /^site `lab`: receivers: missing required field `receivers`/,
    ],
  },
  {
    name: 'misspelled collection key',
    category: 'schema',
    mutate: (s) => {
      s.hostss = {};
    },
    expect: [/^site `lab`: hostss: unknown field; did you mean `hosts`\?$/],
  },
  {
    name: 'unknown nested key lists the valid ones',
    category: 'schema',
    mutate: (s) => {
      s.hosts.storage.gpu = [];
    },
    expect: [/^host `storage`: gpu: unknown field; did you mean `gpus`\?$/],
  },
  {
    name: 'unknown exporter kind',
    category: 'schema',
    mutate: (s) => {
      s.hosts.storage.exporters = { nodee: {} };
    },
    expect: [/^host `storage`: exporters\.nodee: unknown field; did you mean `node`\?$/],
  },
  {
    name: 'unknown enum value',
    category: 'schema',
    mutate: (s) => {
      s.vlans.servers.zone = 'server';
    },
    expect: [
      /^vlan `servers`: zone: `server` is not one of `management`, `servers`, `users`, `guests`, `iot`, `storage`; did you mean `servers`\?$/,
    ],
  },
  {
    name: 'number as a string',
    category: 'schema',
    mutate: (s) => {
      s.services.sshd.endpoints.ssh.port = '22';
    },
    expect: [/^service `sshd`: endpoints\.ssh\.port: must be a number, not the text `22`$/],
  },
  {
    name: 'fractional port',
    category: 'schema',
    mutate: (s) => {
      s.services.sshd.endpoints.ssh.port = 22.5;
    },
    expect: [/^service `sshd`: endpoints\.ssh\.port: must be a whole number, not the number 22\.5$/],
  },
  {
    name: 'port out of range',
    category: 'schema',
    mutate: (s) => {
      s.services.sshd.endpoints.ssh.port = 70000;
    },
    expect: [/^service `sshd`: endpoints\.ssh\.port: must be at most 65535, not the number 70000$/],
  },
  {
    name: 'string where a number is expected',
    category: 'schema',
    mutate: (s) => {
      s.hosts.storage.role = 42;
    },
    expect: [/^host `storage`: role: must be text, not the number 42$/],
  },
  {
    name: 'empty route receiver list',
    category: 'schema',
    mutate: (s) => {
      s.routing.routes[0].receivers = [];
    },
    expect: [/^routing `lab`: routes\[0\]\.receivers: must list at least 1 item$/],
  },
  {
    name: 'webhook with a non-HTTP scheme',
    category: 'schema',
    mutate: (s) => {
      s.receivers.email.webhooks = [{ url: 'ftp://hooks.example.org/x' }];
    },
    expect: [/^receiver `email`: webhooks\[0\]\.url: must be an http:\/\/ or https:\/\/ URL/],
  },
  {
    name: 'CIDR prefix out of range',
    category: 'schema',
    mutate: (s) => {
      s.vlans.servers.cidr = '10.60.0.0/33';
    },
    expect: [/^vlan `servers`: cidr: `10\.60\.0\.0\/33` is not a valid IPv4 CIDR/],
  },
  {
    name: 'lint rule set to an unknown severity',
    category: 'schema',
    mutate: (s) => {
      s.lint = { rules: { 'alerting/for': 'fatal' } };
    },
    expect: [/^site `lab`: lint\.rules\.alerting\/for: `fatal` is not one of `error`, `warning`, `info`, `off`/],
  },

  // semantic: cross-field rules Prometheus and Alertmanager enforce
  {
    name: 'global timeout longer than the default interval',
    category: 'semantic',
    mutate: (s) => {
      s.prometheus.scrapeTimeout = '45s';
    },
    expect: [
      /^prometheus `lab`: scrapeTimeout: 45s is longer than the scrape interval 30s \(the default; set `scrapeInterval` to change it\); Prometheus rejects it/,
    ],
  },
  {
    name: 'global timeout longer than the interval',
    category: 'semantic',
    mutate: (s) => void Object.assign(s.prometheus, { scrapeInterval: '15s', scrapeTimeout: '20s' }),
    expect: [/^prometheus `lab`: scrapeTimeout: 20s is longer than the scrape interval 15s; .*use a timeout of at most 15s$/],
  },
  {
    name: 'job timeout longer than the inherited interval',
    category: 'semantic',
    mutate: (s) => {
      s.prometheus.scrapeInterval = '15s';
      s.scrapeJobs = { blackbox: { ...job, timeout: '20s' } };
    },
    expect: [
      /^scrape job `blackbox`: timeout: 20s is longer than the job's scrape interval 15s \(inherited from `prometheus\.scrapeInterval`\)/,
    ],
  },
  {
    name: 'job timeout longer than its interval',
    category: 'semantic',
    mutate: (s) => {
      s.scrapeJobs = { blackbox: { ...job, interval: '10s', timeout: '30s' } };
    },
    expect: [/^scrape job `blackbox`: timeout: 30s is longer than the job's scrape interval 10s;/],
  },
  {
    name: 'job named like an exporter job',
    category: 'semantic',
    mutate: (s) => {
      s.scrapeJobs = { node: job };
    },
    expect: [
      /^scrape job `node`: \(root\): the name is taken by the job Kiln derives for the `node` exporters of the hosts.*rename it \(e\.g\. `node-static`\)/,
    ],
  },
  {
    name: 'job named after an exporter kind no host runs (no job is derived)',
    category: 'semantic',
    mutate: (s) => {
      s.scrapeJobs = { loki: job };
    },
    lint: true,
  },
  {
    name: 'job named like the self-scrape job',
    category: 'semantic',
    mutate: (s) => {
      s.scrapeJobs = { prometheus: job };
    },
    expect: [/^scrape job `prometheus`: \(root\): the name is taken by Kiln's own prometheus self-scrape job/],
  },
  {
    name: 'two authorizations on one job',
    category: 'semantic',
    mutate: (s) => {
      s.scrapeJobs = { blackbox: { ...job, bearerTokenFile: '/t', basicAuth: { username: 'u', passwordFile: '/p' } } };
    },
    expect: [/^scrape job `blackbox`: bearerTokenFile: cannot be combined with `basicAuth`/],
  },
  {
    name: 'client certificate without key',
    category: 'semantic',
    mutate: (s) => {
      s.scrapeJobs = { blackbox: { ...job, scheme: 'https', tls: { certFile: '/c.pem' } } };
    },
    expect: [/^scrape job `blackbox`: tls\.keyFile: is required with `certFile`/],
  },
  {
    name: 'exporter client key without certificate',
    category: 'semantic',
    mutate: (s) => {
      s.hosts.storage.exporters.node = { scheme: 'https', tls: { keyFile: '/k.pem' } };
      s.hosts.compute.exporters.node = { scheme: 'https', tls: { keyFile: '/k.pem' } };
    },
    expect: [
      /^host `compute`: exporters\.node\.tls\.certFile: is required with `keyFile`/,
      /^host `storage`: exporters\.node\.tls\.certFile: is required with `keyFile`/,
    ],
  },
  {
    name: 'zero repeat interval',
    category: 'semantic',
    mutate: (s) => {
      s.routing.repeatInterval = '0s';
    },
    expect: [
      /^routing `lab`: repeatInterval: must be longer than 0: Alertmanager rejects it \("repeat_interval cannot be zero"\); use a duration such as `4h`$/,
    ],
  },
  {
    name: 'zero group interval on a route',
    category: 'semantic',
    mutate: (s) => {
      s.routing.routes[0].groupInterval = '0';
    },
    expect: [/^routing `lab`: routes\[0\]\.groupInterval: must be longer than 0: Alertmanager rejects it/],
  },
  {
    name: 'zero retention time',
    category: 'semantic',
    mutate: (s) => {
      s.prometheus.retentionTime = '0d';
    },
    expect: [/^prometheus `lab`: retentionTime: must be longer than 0: Prometheus treats a zero retention as unset/],
  },
  {
    name: 'zero retention size',
    category: 'semantic',
    mutate: (s) => {
      s.prometheus.retentionSize = '0GB';
    },
    expect: [/^prometheus `lab`: retentionSize: must be larger than 0: Prometheus treats a zero size as "no size limit"/],
  },
  {
    name: 'zero evaluation interval',
    category: 'semantic',
    mutate: (s) => {
      s.prometheus.evaluationInterval = '0s';
    },
    expect: [/^prometheus `lab`: evaluationInterval: must be longer than 0/],
  },
  {
    name: 'zero scrape interval on a job',
    category: 'semantic',
    mutate: (s) => {
      s.scrapeJobs = { blackbox: { ...job, interval: '0s' } };
    },
    expect: [/^scrape job `blackbox`: interval: must be longer than 0/],
  },
  {
    name: 'label twice in group_by',
    category: 'semantic',
    mutate: (s) => {
      s.routing.groupBy = ['alertname', 'host', 'alertname'];
    },
    expect: [/^routing `lab`: groupBy\[2\]: `alertname` is listed twice; Alertmanager rejects it/],
  },
  {
    name: 'repeat interval shorter than group interval (Alertmanager only warns)',
    category: 'semantic',
    mutate: (s) => void Object.assign(s.routing, { groupInterval: '10m', repeatInterval: '5m' }),
    lint: true,
  },
  // semantic: inventory
  {
    name: 'two hosts with one address',
    category: 'semantic',
    mutate: (s) => {
      s.hosts.storage.interfaces.nic1.address = '10.60.0.20';
    },
    expect: [
      /^host `storage`: interfaces\.nic1\.address: 10\.60\.0\.20 is already the address of host `compute` interface `nic1`; every interface needs its own address$/,
    ],
  },
  {
    name: 'network address of the VLAN',
    category: 'semantic',
    mutate: (s) => {
      s.hosts.storage.interfaces.nic1.address = '10.60.0.0';
    },
    expect: [
      /^host `storage`: interfaces\.nic1\.address: 10\.60\.0\.0 is the network address of VLAN `servers` \(10\.60\.0\.0\/24\); use a host address such as 10\.60\.0\.1–10\.60\.0\.254$/,
    ],
  },
  {
    name: 'broadcast address of the VLAN',
    category: 'semantic',
    mutate: (s) => {
      s.hosts.storage.interfaces.nic1.address = '10.60.0.255';
    },
    expect: [/^host `storage`: interfaces\.nic1\.address: 10\.60\.0\.255 is the broadcast address of VLAN `servers`/],
  },
  {
    name: 'first address of a /31 (point-to-point, RFC 3021)',
    category: 'semantic',
    mutate: (s) => {
      s.vlans.link = { id: 7, cidr: '10.7.0.0/31', zone: 'servers' };
      s.hosts.storage.interfaces.p2p = { vlan: 'link', address: '10.7.0.0' };
    },
    lint: true,
  },
  {
    name: 'overlapping VLAN subnets',
    category: 'semantic',
    mutate: (s) => {
      s.vlans.wide = { id: 61, cidr: '10.60.0.0/16', zone: 'servers' };
    },
    expect: [/^vlan `servers`: cidr: 10\.60\.0\.0\/24 overlaps VLAN `wide` \(10\.60\.0\.0\/16\); VLAN subnets must not overlap/],
  },
  {
    name: 'address with a leading zero (octal to some tools)',
    category: 'semantic',
    mutate: (s) => {
      s.hosts.storage.interfaces.nic1.address = '10.60.0.010';
    },
    expect: [
      /^host `storage`: interfaces\.nic1\.address: 10\.60\.0\.010 has a number with a leading zero, which some tools read as octal; write 10\.60\.0\.10$/,
    ],
  },
  {
    name: 'one address written two ways',
    category: 'semantic',
    mutate: (s) => {
      s.hosts.storage.interfaces.nic1.address = '10.60.0.020';
    },
    expect: [
      /^host `storage`: interfaces\.nic1\.address: 10\.60\.0\.020 has a number with a leading zero/,
      /^host `storage`: interfaces\.nic1\.address: 10\.60\.0\.020 is already the address of host `compute` interface `nic1`/,
    ],
  },
  {
    name: 'CIDR with host bits',
    category: 'semantic',
    mutate: (s) => {
      s.vlans.servers.cidr = '10.60.0.7/24';
    },
    expect: [/^vlan `servers`: cidr: 10\.60\.0\.7\/24 has host bits set; write the network address: 10\.60\.0\.0\/24$/],
  },
  {
    name: 'Prometheus on the node exporter port',
    category: 'semantic',
    mutate: (s) => {
      s.prometheus.port = 9100;
    },
    expect: [/^prometheus `lab`: port: port 9100\/tcp on host `compute` is already taken by exporter node; choose another port$/],
  },
  {
    name: 'Alertmanager on the Prometheus port',
    category: 'semantic',
    mutate: (s) => {
      s.alertmanager.port = 9090;
    },
    expect: [/^alertmanager `lab`: port: port 9090\/tcp on host `compute` is already taken by Prometheus; choose another port$/],
  },
  {
    name: 'service on the Alertmanager port of the same address',
    category: 'semantic',
    mutate: (s) => {
      s.services.web = { host: 'compute', endpoints: { http: { port: 9093, kind: 'service', bind: 'nic1' } } };
    },
    expect: [/^alertmanager `lab`: port: port 9093\/tcp on host `compute` is already taken by service web endpoint http/],
  },
  {
    name: 'receiver no route uses',
    category: 'semantic',
    mutate: (s) => {
      s.receivers.pager = { webhooks: [{ url: 'https://pager.example.org/hook' }] };
    },
    expect: [
      /^receiver `pager`: \(root\): is not used by `routing\.receiver` or any route, so it never gets a notification; route to it or remove it$/,
    ],
  },

  // reference: names that must point at declared entities
  {
    name: 'dangling share reference',
    category: 'reference',
    mutate: (s) => {
      s.mounts[0].share = 'meda';
    },
    expect: [/^mount `0`: share: unknown share `meda`; did you mean `media`\?$/],
  },
  {
    name: 'undeclared host named `constructor`',
    category: 'reference',
    mutate: (s) => {
      s.mounts[0].host = 'constructor';
    },
    expect: [/^mount `0`: host: unknown host `constructor`; declared: `compute`, `storage`$/],
  },
  {
    name: 'undeclared receiver named `constructor`',
    category: 'reference',
    mutate: (s) => {
      s.routing.receiver = 'constructor';
    },
    expect: [/^routing `lab`: receiver: unknown receiver `constructor`/],
  },
  {
    name: 'undeclared VLAN named `constructor`',
    category: 'reference',
    mutate: (s) => {
      s.hosts.storage.interfaces.nic1.vlan = 'constructor';
    },
    expect: [/^host `storage`: interfaces\.nic1\.vlan: unknown VLAN `constructor`/],
  },
  {
    name: 'schema and reference errors in one pass',
    category: 'reference',
    mutate: (s) => {
      delete s.hosts.compute.role;
      s.mounts[0].share = 'meda';
    },
    expect: [/^host `compute`: role: missing required field `role`/, /^mount `0`: share: unknown share `meda`; did you mean `media`\?$/],
  },
  {
    name: 'reference to a host that failed to parse',
    category: 'reference',
    mutate: (s) => {
      s.hosts.storage.disposition = 'precious';
    },
    expect: [/^host `storage`: disposition: `precious` is not one of `disposable`, `authoritative`$/],
  },
  {
    name: 'broken routing section and a dangling reference elsewhere',
    category: 'reference',
    mutate: (s) => {
      delete s.routing.receiver;
      s.mounts[0].share = 'meda';
    },
    expect: [
      /^routing `lab`: receiver: missing required field `receiver` \(text: Default receiver/,
      /^mount `0`: share: unknown share `meda`; did you mean `media`\?$/,
    ],
  },
  {
    name: 'broken Prometheus section and a dangling reference elsewhere',
    category: 'reference',
    mutate: (s) => {
      s.prometheus.port = 'http';
      s.services.sshd.host = 'compte';
    },
    expect: [
      /^prometheus `lab`: port: must be a number, not the text `http`$/,
      /^service `sshd`: host: unknown host `compte`; did you mean `compute`\?$/,
    ],
  },
  {
    name: 'broken mount keeps the positions of the others',
    category: 'reference',
    mutate: (s) => {
      s.mounts.unshift({ host: 'compute' });
      s.mounts[1].share = 'meda';
    },
    expect: [
      /^mount `0`: share: missing required field `share`/,
      /^mount `0`: mountPoint: missing required field/,
      /^mount `0`: mode: missing required field/,
      /^mount `0`: protocol: missing required field/,
      /^mount `1`: share: unknown share `meda`/,
    ],
  },
  {
    name: 'no hosts at all',
    category: 'reference',
    mutate: (s) => {
      s.hosts = {};
      s.shares = {};
      s.mounts = [];
    },
    expect: [
      /^prometheus `lab`: host: unknown host `compute`; none are declared$/,
      /^alertmanager `lab`: host: unknown host `compute`; none are declared$/,
      /^service `sshd`: host: unknown host `compute`/,
    ],
  },

  // security: names that would reach paths, shells and look-alikes
  {
    name: 'path traversal as a host name',
    category: 'security',
    mutate: (s) => {
      s.hosts['../../etc'] = s.hosts.storage;
    },
    expect: [
      /^host `\.\.\/\.\.\/etc`: \(root\): `\.\.\/\.\.\/etc` is not a valid name: it contains `\.`, `\/`; names are RFC 1123 DNS labels.*\(e\.g\. `atlas`, `nic-1`\)$/,
    ],
  },
  {
    name: 'Cyrillic look-alike host name',
    category: 'security',
    mutate: (s) => {
      s.hosts['\u0430tlas'] = s.hosts.storage;
    },
    expect: [/is not a valid name: it contains the non-ASCII character `а` \(U\+0430\), which can look like an ASCII letter/],
  },
  {
    name: 'shell substitution as a service name',
    category: 'security',
    mutate: (s) => {
      s.services['docker$(reboot)'] = s.services.sshd;
    },
    expect: [/^service `docker\$\(reboot\)`: \(root\): `docker\$\(reboot\)` is not a valid name: it contains `\$`, `\(`, `\)`/],
  },
  {
    name: 'shell substitution as a DNS name',
    category: 'security',
    mutate: (s) => {
      s.hosts.storage.interfaces.nic1.dnsName = 'nas$(reboot)';
    },
    expect: [/^host `storage`: interfaces\.nic1\.dnsName: must be a DNS name/],
  },
  {
    name: 'shell substitution as a scrape target',
    category: 'security',
    mutate: (s) => {
      s.scrapeJobs = { blackbox: { targets: ['$(reboot):9115'] } };
    },
    expect: [/^scrape job `blackbox`: targets\[0\]: must be `host:port`/],
  },
  {
    name: 'upper-case host name',
    category: 'security',
    mutate: (s) => {
      s.hosts.Atlas = s.hosts.storage;
    },
    expect: [/`Atlas` is not a valid name: it contains upper-case letters/],
  },
  {
    name: 'host name ending in a dash',
    category: 'security',
    mutate: (s) => {
      s.hosts['nas-'] = s.hosts.storage;
    },
    expect: [/`nas-` is not a valid name: it ends with `-`/],
  },
  {
    name: 'receiver named `toString`',
    category: 'security',
    mutate: (s) => {
      s.receivers.toString = s.receivers.email;
      s.routing.receiver = 'toString';
    },
    expect: [
      /^receiver `toString`: \(root\): `toString` is not a valid name: it contains upper-case letters \(write `tostring`\)/,
      /^routing `lab`: receiver: `toString` is not a valid name/,
    ],
  },
  {
    name: 'share named `hasOwnProperty`',
    category: 'security',
    mutate: (s) => {
      s.shares.hasOwnProperty = s.shares.media;
    },
    expect: [/`hasOwnProperty` is not a valid name/],
  },
  {
    name: 'host named `__proto__` (from JSON)',
    category: 'security',
    input: () =>
      fromJson(smallSite(), (j) =>
        JSON.stringify(j).replace('"storage":{', '"__proto__":{"role":"x","disposition":"disposable","interfaces":{}},"storage":{'),
      ),
    expect: [/^host `__proto__`: \(root\): `__proto__` cannot be a name or a field: .*silently disappear/],
  },
  {
    name: 'label named `__proto__` (from JSON)',
    category: 'security',
    input: () =>
      fromJson(smallSite(), (j) =>
        JSON.stringify({ ...j, hosts: { ...j.hosts, storage: { ...j.hosts.storage, labels: { rack: 'a' } } } }).replace(
          '"rack":"a"',
          '"rack":"a","__proto__":"b"',
        ),
      ),
    expect: [/^host `storage`: labels\.__proto__: `__proto__` cannot be a name/],
  },
  {
    name: 'label name with the reserved `__` prefix',
    category: 'security',
    mutate: (s) => {
      s.hosts.storage.labels = { __address__: 'x' };
    },
    expect: [/^host `storage`: labels\.__address__: `__address__` is not a valid name: it starts with `__`, which Prometheus reserves/],
  },
  {
    name: 'alert name with a dot',
    category: 'security',
    mutate: (s) => {
      s.alerts = { 'Disk.Full': { expr: 'up == 0', severity: 'warning', summary: 's', description: 'd' } };
    },
    expect: [/^alert `Disk\.Full`: \(root\): `Disk\.Full` is not a valid name: it contains `\.`; alert names are UpperCamelCase/],
  },
  {
    name: 'credentials in the Grafana URL (copied into every alert)',
    category: 'security',
    mutate: (s) => {
      s.grafana = { url: 'https://admin:hunter2@grafana.example.org' };
    },
    expect: [/^site `lab`: grafana\.url: carries credentials \(`user:password@`\) that Kiln would copy into every alert/],
  },
  {
    name: 'credentials in the runbook URL (copied into every alert)',
    category: 'security',
    mutate: (s) => {
      s.runbookUrl = 'https://wiki:secret@wiki.example/{alertname}';
    },
    expect: [/^site `lab`: runbookUrl: carries credentials/],
  },
  {
    name: 'credentials in a webhook URL',
    category: 'security',
    mutate: (s) => {
      s.receivers.email.webhooks = [{ url: 'https://user:pw@hooks.example.org/x' }];
    },
    expect: [/^receiver `email`: webhooks\[0\]\.url: carries credentials in the URL/],
  },
  {
    name: 'a Slack incoming-webhook URL inline',
    category: 'security',
    mutate: (s) => {
      s.receivers.email.webhooks = [{ url: 'https://hooks.slack.com/services/T000/B000/XXXXSECRET' }];
    },
    expect: [/^receiver `email`: webhooks\[0\]\.url: is a Slack incoming-webhook URL, and such a URL is the secret itself/],
  },
  {
    name: 'line break in a secret file path',
    category: 'security',
    mutate: (s) => {
      s.receivers.email.emails[0].authPasswordFile = '/etc/x\nrm -rf /';
    },
    expect: [/^receiver `email`: emails\[0\]\.authPasswordFile: must be a file path on one line/],
  },

  // hostile: sizes, shapes and values no one writes on purpose
  {
    name: '300-character host name',
    category: 'hostile',
    mutate: (s) => {
      s.hosts[bigString(300)] = s.hosts.storage;
    },
    expect: [
      /^host `x{60}…\(300 characters\)`: \(root\): `x{40}…` \(300 characters\) is not a valid name: it is 300 characters long \(at most 63\)/,
    ],
  },
  {
    name: '300-character site name',
    category: 'hostile',
    mutate: (s) => {
      s.name = bigString(300);
    },
    expect: [/^site `x{40}…`: name: `x{40}…` \(300 characters\) is not a valid name: it is 300 characters long \(at most 63\)/],
  },
  {
    name: '10 MB description',
    category: 'hostile',
    mutate: (s) => {
      s.description = bigString(10 * 1024 * 1024);
    },
    expect: [/^site `lab`: description: is 10485760 characters long; the limit is 4096: shorten it$/],
  },
  {
    name: 'deeply nested lint options',
    category: 'hostile',
    mutate: (s) => {
      s.lint = { rules: { 'alerting/for': { options: nested(10_000) } } };
    },
    expect: [/^site `lab`: lint\.rules\.alerting\/for\.options(\.a)+: is nested deeper than 32 levels/],
  },
  {
    name: 'cycle in lint options',
    category: 'hostile',
    mutate: (s) => {
      const o: AnySite = {};
      o.self = o;
      s.lint = { rules: { 'alerting/for': { options: o } } };
    },
    expect: [/^site `lab`: lint\.rules\.alerting\/for\.options\.self: refers back to an object that contains it \(a cycle\)/],
  },
  {
    name: 'hosts as a string',
    category: 'hostile',
    mutate: (s) => {
      s.hosts = 'atlas';
    },
    expect: [/^site `lab`: hosts: must be a map of names to entries, not the text `atlas`$/],
  },
  {
    name: 'hosts as a list',
    category: 'hostile',
    mutate: (s) => {
      s.hosts = [s.hosts.storage];
    },
    expect: [/^site `lab`: hosts: must be a map of names to entries, not a list$/],
  },
  {
    name: 'null host',
    category: 'hostile',
    mutate: (s) => {
      s.hosts.storage = null;
    },
    expect: [/^host `storage`: \(root\): must be an object with `role`, .* not null$/],
  },
  {
    name: 'NaN port',
    category: 'hostile',
    mutate: (s) => {
      s.services.sshd.endpoints.ssh.port = NaN;
    },
    expect: [/^service `sshd`: endpoints\.ssh\.port: must be a number, not NaN$/],
  },
  {
    name: 'Infinity VLAN id',
    category: 'hostile',
    mutate: (s) => {
      s.vlans.servers.id = Infinity;
    },
    expect: [/^vlan `servers`: id: must be a number, not Infinity$/],
  },
  {
    name: 'site is null',
    category: 'hostile',
    input: () => null,
    expect: [/^site `\(unnamed\)`: \(root\): must be an object with `\$schema`, `name`/],
  },
  { name: 'site is a string', category: 'hostile', input: () => 'pantheon', expect: [/^site `\(unnamed\)`: \(root\): must be an object/] },
  {
    name: 'empty host name',
    category: 'hostile',
    mutate: (s) => {
      s.hosts[''] = s.hosts.storage;
    },
    expect: [/`` is not a valid name: it is empty/],
  },
  {
    name: 'control character in a name',
    category: 'hostile',
    mutate: (s) => {
      s.vlans['a\u0000b'] = s.vlans.servers;
    },
    expect: [/`a\\u0000b` is not a valid name: it contains the control character U\+0000/],
  },
  {
    name: 'function and bigint where data is expected',
    category: 'hostile',
    mutate: (s) => {
      s.hosts.storage.role = () => 'nas';
      s.vlans.servers.id = 60n;
    },
    expect: [/^host `storage`: role: must be text, not a function$/, /^vlan `servers`: id: must be a number, not a bigint$/],
  },
  {
    name: 'boolean where an object is expected',
    category: 'hostile',
    mutate: (s) => {
      s.routing = true;
    },
    expect: [/^routing `lab`: \(root\): must be an object with `receiver`, .*, not `true`$/],
  },
  {
    name: 'lone surrogate in a label value',
    category: 'hostile',
    mutate: (s) => {
      s.prometheus.externalLabels = { env: 'lab\uD83D' };
    },
    expect: [/^prometheus `lab`: externalLabels\.env: contains a lone UTF-16 surrogate/],
  },
  {
    name: 'required field explicitly undefined',
    category: 'hostile',
    mutate: (s) => {
      s.hosts.storage.role = undefined;
    },
    expect: [/^host `storage`: role: missing required field `role`/],
  },
  {
    name: 'duration with absurd digits',
    category: 'hostile',
    mutate: (s) => {
      s.prometheus.scrapeInterval = `${'9'.repeat(40)}s`;
    },
    expect: [/^prometheus `lab`: scrapeInterval: duration out of range: Prometheus durations end at about 292 years$/],
  },
  {
    name: 'size larger than Prometheus can count',
    category: 'hostile',
    mutate: (s) => {
      s.prometheus.retentionSize = '99999999999EB';
    },
    expect: [/^prometheus `lab`: retentionSize: is larger than Prometheus can count/],
  },
];

function run(row: Row): { ok: true } | { ok: false; issues: string[] } {
  let input: unknown;
  if (row.input) input = row.input();
  else {
    input = smallSite();
    row.mutate!(input as AnySite);
  }
  try {
    resolve(input);
    return { ok: true };
  } catch (err) {
    // Anything but a SiteError (a TypeError, a RangeError) fails the row.
    if (!(err instanceof SiteError)) throw err;
    return { ok: false, issues: err.issues.map(formatIssue) };
  }
}

describe('one-defect sites', () => {
  it('has a row for every category and at least 40 rows', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(ROWS.map((r) => r.category))).toEqual(new Set(['schema', 'reference', 'semantic', 'security', 'hostile']));
    expect(new Set(ROWS.map((r) => r.name)).size).toBe(ROWS.length);
  });

  it.each(ROWS.map((r) => [`${r.category}: ${r.name}`, r] as const))('%s', (_, row) => {
    const result = run(row);
    if (row.lint) {
      expect(result).toEqual({ ok: true });
      return;
    }
    expect(result.ok, 'resolve() accepted a broken site').toBe(false);
    const issues = result.ok ? [] : result.issues;
    for (const pattern of row.expect ?? []) expect(issues).toContainEqual(expect.stringMatching(pattern));
    if (!row.more) expect(issues, 'unexpected follow-on errors').toHaveLength(row.expect?.length ?? 0);
  });
});

/** A site with one host renamed everywhere it is referenced. */
function renamed(from: string, to: string): unknown {
  return JSON.parse(JSON.stringify(smallSite()).replaceAll(`"${from}"`, `"${to}"`));
}

describe('names that are also Object.prototype properties', () => {
  it('a host named `constructor` resolves exactly like one named `ctor`', () => {
    const asCtor = JSON.stringify(resolve(renamed('storage', 'ctor')));
    const asConstructor = JSON.stringify(resolve(renamed('storage', 'constructor')));
    expect(asConstructor.replace(/\bconstructor\b/g, 'ctor')).toBe(asCtor);
    expect(resolve(renamed('storage', 'constructor')).shares[0]!.host.name).toBe('constructor');
  });

  it('a VLAN, share and receiver named `constructor` resolve and are referenced like any other', () => {
    const input = smallSite();
    input.vlans['constructor'] = input.vlans['mgmt']!;
    delete input.vlans['mgmt'];
    input.hosts['compute']!.interfaces['nic2']!.vlan = 'constructor';
    input.shares = { constructor: input.shares!['media']! };
    input.mounts![0]!.share = 'constructor';
    input.receivers = { constructor: input.receivers['email']! };
    input.routing = { receiver: 'constructor', routes: [{ matchers: ['severity="critical"'], receivers: ['constructor'] }] };
    const site = resolve(input);
    expect([site.vlans[0]!.name, site.mounts[0]!.share.name, site.receivers[0]!.name, site.routing.receiver]).toEqual([
      'constructor',
      'constructor',
      'constructor',
      'constructor',
    ]);
    expect(site.hosts[0]!.interfaces[1]!.vlan.zone).toBe('management');
  });

  it('resolved label maps have no prototype, so no label name can reach Object.prototype', () => {
    const input = smallSite();
    input.hosts['storage']!.labels = { rack: 'a' };
    const site = resolve(input);
    expect(Object.getPrototypeOf(site.hosts[1]!.labels)).toBeNull();
    expect(Object.getPrototypeOf(site.prometheus.externalLabels)).toBeNull();
    expect({ ...site.hosts[1]!.labels }).toEqual({ rack: 'a' });
  });
});

describe('scrape timeout defaults', () => {
  it('never exceed the scrape interval (Prometheus: min(10s, interval))', () => {
    const input = smallSite();
    input.prometheus.scrapeInterval = '5s';
    expect(resolve(input).prometheus.scrapeTimeout).toBe('5s');
    expect(resolve(smallSite()).prometheus.scrapeTimeout).toBe('10s');
  });
});
