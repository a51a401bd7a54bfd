/**
 * The Kiln language as zod schemas. Every entity collection is a record keyed by the entity's
 * name, so names are unique by construction and YAML sites read naturally.
 * Defaults are named constants (see defaults.ts) and applied during normalization, not here, so the
 * JSON Schema shows what the author wrote rather than what Kiln filled in.
 */
import { durationSeconds } from '@kiln/promql';
import { z } from 'zod';
import { EXPORTER_KINDS } from './exporter-kinds.js';
import {
  ALERT_NAME_PATTERN,
  ALERT_NAME_RULE,
  DNS_LABEL_PATTERN,
  DNS_NAME_PATTERN,
  LABEL_NAME_PATTERN,
  LABEL_NAME_RULE,
  MAX_DNS_NAME_LENGTH,
  MAX_EXPR_LENGTH,
  MAX_IDENTIFIER_LENGTH,
  MAX_NAME_LENGTH,
  MAX_PATH_LENGTH,
  MAX_SHORT_TEXT_LENGTH,
  MAX_TEXT_LENGTH,
  MAX_URL_LENGTH,
  NAME_RULE,
  alertNameProblem,
  labelNameProblem,
  nameMessage,
  nameProblem,
} from './names.js';
import { ComposeDeploy } from './compose-schema.js';
import { HttpSd } from './http-sd-schema.js';
import { RecordingRules } from './recording-schema.js';
import { Cluster } from './cluster-schema.js';
import { Ntfy } from './ntfy-schema.js';
import { alertmanagerScaleFields, prometheusScaleFields } from './scale-schema.js';

export { ALERT_NAME_PATTERN, LABEL_NAME_PATTERN } from './names.js';
/** Kept for compatibility: the name rule is `DNS_LABEL_PATTERN` plus the 63-character limit. */
export const NAME_PATTERN = DNS_LABEL_PATTERN;
/** Units largest first, each at most once (prometheus/common model.ParseDuration). */
export const DURATION_PATTERN = /^(0|(?=\d)(\d+y)?(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?(\d+ms)?)$/;
export const SIZE_PATTERN = /^\d+(B|KB|MB|GB|TB|PB|EB)$/;
/** `host:port` with a DNS name, an IPv4 address or a bracketed IPv6 address. */
export const HOST_PORT_PATTERN =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\]):\d{1,5}$/;

/** A name under `rule`: one message that says what is wrong and shows a valid example. */
function nameSchema(pattern: RegExp, max: number, problem: (v: string) => string | undefined, rule: string) {
  const error = (iss: { input?: unknown }) => nameMessage(iss.input, typeof iss.input === 'string' ? problem(iss.input) : undefined, rule);
  return z
    .string()
    .max(max, { error, abort: true })
    .regex(pattern, { error })
    .describe(rule.replace(/^./, (c) => c.toUpperCase()));
}
/** Free text with a length limit. */
export const Text = (max = MAX_TEXT_LENGTH) =>
  z
    .string()
    .max(max, {
      error: (iss) => `is ${String((iss.input as string).length)} characters long; the limit is ${max}: shorten it`,
      abort: true,
    })
    // A lone UTF-16 surrogate is not Unicode: written out it silently becomes U+FFFD, and Prometheus rejects invalid UTF-8 label values.
    .refine((v) => !LONE_SURROGATE.test(v), 'contains a lone UTF-16 surrogate (broken Unicode, e.g. half of an emoji); retype the text');
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const ShortText = () => Text(MAX_SHORT_TEXT_LENGTH);
/** A file the tools read (a secret, a certificate): an absolute or relative path, one line. */
const FilePath = () => Text(MAX_PATH_LENGTH).regex(/^[^\0\r\n]+$/, 'must be a file path on one line (no line breaks or NUL characters)');
const HttpUrl = () =>
  z
    .url({
      protocol: /^https?$/,
      error: 'must be an http:// or https:// URL (Alertmanager and Grafana accept no other scheme), e.g. `https://alerts.example.org/hook`',
    })
    .max(MAX_URL_LENGTH);
/** `scheme://user:password@host`: a URL Kiln copies into generated files must not carry credentials. */
const USERINFO = /^[a-z][a-z0-9+.-]*:\/\/[^/?#@]*@/i;
const noCredentials = (what: string) => ({
  error: `carries credentials (\`user:password@\`) that Kiln would copy into ${what}; remove them — the link must work without a password in it`,
});
const HostPort = () =>
  z
    .string()
    .max(MAX_DNS_NAME_LENGTH + 6, { abort: true, error: 'is too long for `host:port`' })
    .regex(HOST_PORT_PATTERN, 'must be `host:port` with a DNS name or IP address and a port, e.g. `mail.example.org:587`')
    .refine(
      (v) => Number(v.slice(v.lastIndexOf(':') + 1)) >= 1 && Number(v.slice(v.lastIndexOf(':') + 1)) <= 65535,
      'port must be 1–65535',
    );

export const Name = nameSchema(DNS_LABEL_PATTERN, MAX_NAME_LENGTH, nameProblem, NAME_RULE);
export const AlertName = nameSchema(ALERT_NAME_PATTERN, MAX_IDENTIFIER_LENGTH, alertNameProblem, ALERT_NAME_RULE);
/** A Prometheus duration, checked by the same parser Prometheus uses (units largest first, each once). */
export const Duration = z
  .string()
  .max(64, { error: 'is not a duration (too long)', abort: true })
  .regex(DURATION_PATTERN, {
    message: 'must be a Prometheus duration such as `30s`, `5m`, `1h30m` or `15d`: each unit once, largest first (`1h30m`, not `30m1h`)',
    abort: true,
  })
  .refine((d) => durationSeconds(d) !== undefined, { message: 'duration out of range: Prometheus durations end at about 292 years' });
/**
 * A duration that must not be zero: `why` says what the tool does with 0 (rejects it, or silently
 * treats it as unset), `example` is a sensible value.
 */
export const PositiveDuration = (why: string, example: string) =>
  Duration.refine((d) => (durationSeconds(d) ?? 1) > 0, {
    message: `must be longer than 0: ${why}; use a duration such as \`${example}\``,
  });
const SIZE_UNITS: Record<string, number> = { B: 1, KB: 2 ** 10, MB: 2 ** 20, GB: 2 ** 30, TB: 2 ** 40, PB: 2 ** 50, EB: 2 ** 60 };
export const Size = z
  .string()
  .max(32, { error: 'is not a size (too long)', abort: true })
  .regex(SIZE_PATTERN, { message: 'must be a size such as `512MB` or `5GB`', abort: true })
  .refine(
    (v) => Number(v.replace(/\D+$/, '')) * SIZE_UNITS[v.replace(/^\d+/, '')]! < 2 ** 63,
    'is larger than Prometheus can count (2^63 bytes)',
  );
export const LabelName = nameSchema(LABEL_NAME_PATTERN, MAX_IDENTIFIER_LENGTH, labelNameProblem, LABEL_NAME_RULE);
export const LabelValue = Text(MAX_TEXT_LENGTH);
export const Labels = z.record(LabelName, LabelValue).describe('Label names to values.');
export const Port = z.number().int().min(1).max(65535).describe('TCP/UDP port number, 1–65535.');
const AbsolutePath = () => Text(MAX_PATH_LENGTH).regex(/^\/[^\0\r\n]*$/, 'must be an absolute path starting with `/`, on one line');
export const DnsName = z
  .string()
  .max(MAX_DNS_NAME_LENGTH, { error: `is longer than ${MAX_DNS_NAME_LENGTH} characters, the limit of a DNS name`, abort: true })
  .regex(DNS_NAME_PATTERN, 'must be a DNS name: labels of letters, digits and `-` separated by dots, e.g. `nas.servers.example.lan`');

export const ZONES = ['management', 'servers', 'users', 'guests', 'iot', 'storage'] as const;
export const Zone = z.enum(ZONES).describe('Security zone of the VLAN; policies are written against zones, not VLAN numbers.');

export const Vlan = z
  .strictObject({
    id: z.number().int().min(1).max(4094).describe('802.1Q VLAN id.'),
    cidr: z
      .string()
      .regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, 'must be an IPv4 CIDR such as `10.60.0.0/24`')
      .describe('IPv4 subnet of the VLAN.'),
    zone: Zone,
    description: Text().optional().describe('What the VLAN is for.'),
  })
  .describe('A VLAN and the zone it belongs to.');

export const Interface = z
  .strictObject({
    vlan: Name.describe('Name of the VLAN (key of `vlans`) this interface is on.'),
    address: ShortText().describe(
      'IPv4 address on the VLAN, or `dhcp` when the address is leased (then `dnsName` is required to reach it).',
    ),
    dnsName: DnsName.optional().describe('Stable DNS name that resolves to this interface; used as scrape address when set.'),
    description: Text().optional(),
  })
  .describe('A network interface of a host.');

export const DISK_ROLES = ['os', 'scratch', 'data', 'containers'] as const;
export const Disk = z
  .strictObject({
    role: z.enum(DISK_ROLES).describe('os: boot/system; scratch: disposable caches; data: persistent data; containers: images/volumes.'),
    mountPoint: AbsolutePath().describe('Where the filesystem is mounted.'),
    device: ShortText().optional().describe('Block device, e.g. `nvme0n1p1`.'),
    media: z.enum(['ssd', 'nvme', 'hdd']).optional().describe('Kind of media.'),
    pressureThreshold: z
      .number()
      .gt(0)
      .lt(1)
      .optional()
      .describe(
        'Free-space ratio below which the disk-space alert fires (ScratchDiskPressure for scratch disks, DiskSpaceLow for the others; default 0.10).',
      ),
  })
  .describe('A local disk/filesystem of a host.');

export const Gpu = z
  .strictObject({
    vendor: z.enum(['nvidia']).describe('GPU vendor; only NVIDIA is monitored today.'),
    model: ShortText().describe('Model name as reported by nvidia-smi, e.g. `NVIDIA RTX 4000 Ada Generation`.'),
  })
  .describe('A GPU installed in a host.');

export { EXPORTER_KINDS };
export const ExporterKind = z.enum(EXPORTER_KINDS);

/** Collectors of node_exporter (1.x) that can be switched on with `--collector.<name>`. */
export const NODE_COLLECTORS = [
  'arp',
  'bcache',
  'bonding',
  'btrfs',
  'buddyinfo',
  'cgroups',
  'conntrack',
  'cpu',
  'cpu_vulnerabilities',
  'cpufreq',
  'diskstats',
  'dmi',
  'drbd',
  'drm',
  'edac',
  'entropy',
  'ethtool',
  'fibrechannel',
  'filefd',
  'filesystem',
  'hwmon',
  'infiniband',
  'interrupts',
  'ipvs',
  'ksmd',
  'lnstat',
  'loadavg',
  'logind',
  'mdadm',
  'meminfo',
  'meminfo_numa',
  'mountstats',
  'netclass',
  'netdev',
  'netstat',
  'network_route',
  'nfs',
  'nfsd',
  'ntp',
  'nvme',
  'os',
  'perf',
  'powersupplyclass',
  'pressure',
  'processes',
  'qdisc',
  'rapl',
  'runit',
  'schedstat',
  'selinux',
  'slabinfo',
  'sockstat',
  'softnet',
  'stat',
  'supervisord',
  'sysctl',
  'systemd',
  'tapestats',
  'tcpstat',
  'textfile',
  'thermal_zone',
  'time',
  'timex',
  'udp_queues',
  'uname',
  'vmstat',
  'watchdog',
  'wifi',
  'xfs',
  'zfs',
  'zoneinfo',
] as const;

export const Tls = z
  .strictObject({
    caFile: FilePath().optional().describe('CA certificate file used to verify the target.'),
    certFile: FilePath().optional().describe('Client certificate file.'),
    keyFile: FilePath().optional().describe('Client key file.'),
    serverName: ShortText().optional().describe('Server name for SNI and verification.'),
    insecureSkipVerify: z.boolean().optional().describe('Disable certificate verification (a lint finding).'),
  })
  .describe('TLS settings for scraping.');

export const HostExporter = z
  .strictObject({
    port: Port.optional().describe("Port the exporter listens on (default: the exporter's standard port)."),
    interface: Name.optional().describe("Interface the exporter binds to (default: the host's first servers-zone interface)."),
    scheme: z
      .enum(['http', 'https'])
      .optional()
      .describe(
        'Protocol Prometheus scrapes with (default http). Every exporter of one kind must use the same scheme and TLS settings: they share one scrape job.',
      ),
    tls: Tls.optional().describe('TLS settings for scraping this exporter; needs `scheme: https`.'),
    collectors: z
      .array(ShortText())
      .optional()
      .describe(
        "Collectors to enable beyond the exporter's defaults (node exporter: `--collector.<name>`), e.g. `['systemd', 'processes']`.",
      ),
    targets: z
      .array(Name)
      .min(1)
      .optional()
      .describe(
        'Multi-target exporters (`pve`): hosts (keys of `hosts`) this exporter queries, each scraped as `?target=<host>` through this exporter (default: the host itself).',
      ),
  })
  .describe('An exporter running on a host.');

export const Host = z
  .strictObject({
    role: ShortText().describe('What the host does, in a few words.'),
    disposition: z
      .enum(['disposable', 'authoritative'])
      .describe('disposable: rebuildable, holds no primary data; authoritative: the primary copy of data lives here.'),
    os: ShortText().optional().describe('Operating system.'),
    interfaces: z.record(Name, Interface).describe('Network interfaces keyed by name (e.g. `nic1`).'),
    disks: z.record(Name, Disk).optional().describe('Local filesystems keyed by name.'),
    gpus: z.array(Gpu).optional().describe('GPUs installed in the host.'),
    exporters: z
      .partialRecord(ExporterKind, HostExporter)
      .optional()
      .describe(
        'Exporters running on the host, keyed by kind (`node`, `nvidia-gpu`, `haproxy`, `nginx`, `loki`). Each becomes a scrape target.',
      ),
    labels: Labels.optional().describe('Extra target labels for every scrape target of this host.'),
  })
  .describe('A machine of the site.');

export const SHARE_CONTENT = ['media', 'documents', 'appdata', 'datasets', 'backups', 'root'] as const;
export const Share = z
  .strictObject({
    host: Name.describe('Host (key of `hosts`) that exports the share.'),
    path: AbsolutePath().describe('Export path on the owning host.'),
    content: z.enum(SHARE_CONTENT).describe('What the share holds; policies (e.g. media read-only) key off this.'),
    protocols: z
      .array(z.enum(['nfs', 'smb']))
      .min(1)
      .optional()
      .describe('Protocols the share is exported over (default [nfs]).'),
    writers: z.array(Name).optional().describe('Hosts allowed to mount a media share read-write, e.g. the ingest host.'),
    description: Text().optional(),
  })
  .describe('A storage share exported by a host.');

export const Mount = z
  .strictObject({
    host: Name.describe('Host (key of `hosts`) that mounts the share.'),
    share: Name.describe('Share (key of `shares`) being mounted.'),
    mountPoint: AbsolutePath().describe('Where the share is mounted on the host.'),
    mode: z.enum(['ro', 'rw']).describe('Mount mode; media shares must be `ro` unless the host is a declared writer.'),
    protocol: z.enum(['nfs', 'smb']).describe('Protocol used for the mount.'),
    required: z.boolean().optional().describe('Alert as critical when unavailable (default true).'),
    purpose: Text().optional(),
  })
  .describe('A share mounted on a host.');

export const ENDPOINT_KINDS = ['admin', 'service', 'metrics'] as const;
export const Endpoint = z
  .strictObject({
    port: Port,
    protocol: z.enum(['tcp', 'udp']).optional().describe('Transport (default tcp).'),
    kind: z
      .enum(ENDPOINT_KINDS)
      .describe('admin: management access (SSH, web admin, Docker API); service: what users consume; metrics: scraped by Prometheus.'),
    bind: ShortText().describe(
      'Interface name of the host this endpoint listens on, `loopback`, or the wildcard `0.0.0.0`/`::` (a lint finding).',
    ),
    public: z
      .strictObject({ reason: Text().min(10, 'give the reason in a sentence') })
      .optional()
      .describe('Declares the endpoint intentionally reachable from users/guests zones, with the reason.'),
    description: Text().optional(),
  })
  .describe('A listening socket of a service.');

export const Service = z
  .strictObject({
    host: Name.describe('Host (key of `hosts`) the service runs on.'),
    description: Text().optional(),
    endpoints: z.record(Name, Endpoint).describe('Listening endpoints keyed by name.'),
    dataPaths: z.array(AbsolutePath()).optional().describe('Where the service keeps persistent state on its host.'),
  })
  .describe('A service running on a host.');

export const ScrapeJob = z
  .strictObject({
    targets: z.array(HostPort()).min(1).optional().describe('Static `host:port` targets (or `httpSd`).'),
    httpSd: HttpSd.optional().describe('Discover the targets over HTTP (`http_sd_configs`) instead of listing them.'),
    exporter: ExporterKind.optional().describe(
      'Exporter the discovered targets run (e.g. `windows`; needs `httpSd`): its alert pack applies to this job.',
    ),
    scheme: z.enum(['http', 'https']).optional(),
    metricsPath: AbsolutePath().optional(),
    interval: PositiveDuration('Prometheus treats a zero `scrape_interval` as unset and scrapes at the global interval', '30s').optional(),
    timeout: PositiveDuration('Prometheus treats a zero `scrape_timeout` as unset', '10s').optional(),
    tls: Tls.optional(),
    bearerTokenFile: FilePath().optional().describe('File holding a bearer token (never inline).'),
    basicAuth: z
      .strictObject({ username: ShortText(), passwordFile: FilePath().describe('File holding the password (never inline).') })
      .optional(),
    labels: Labels.optional(),
  })
  .describe('A scrape job with static or HTTP-discovered targets, for things not derived from the inventory.');

export const SEVERITIES = ['critical', 'warning', 'info', 'none'] as const;
export const Severity = z.enum(SEVERITIES);

export const AlertTestSeries = z.strictObject({
  series: Text(MAX_EXPR_LENGTH).describe('Series in promtool notation, e.g. `up{job="node",instance="a:9100"}`.'),
  values: Text(MAX_EXPR_LENGTH).describe('Expanding notation, e.g. `0x20` or `1+1x10`.'),
});
export const AlertTest = z
  .strictObject({
    name: Text().optional(),
    interval: PositiveDuration('promtool needs a positive evaluation interval', '1m').optional(),
    series: z.array(AlertTestSeries),
    evalTime: Duration,
    expect: z
      .array(z.strictObject({ labels: Labels, annotations: Labels.optional() }))
      .describe('Alerts expected to fire at evalTime (empty for a quiet case).'),
  })
  .describe('A promtool unit test case for a custom alert.');

export const Alert = z
  .strictObject({
    expr: Text(MAX_EXPR_LENGTH).min(1).describe('PromQL expression; the alert fires for each series it returns.'),
    for: Duration.optional().describe('How long the condition must hold before firing.'),
    severity: Severity,
    summary: Text().describe('One-line summary (annotation `summary`).'),
    description: Text().describe('What is wrong and what to do (annotation `description`).'),
    labels: Labels.optional(),
    tests: z.array(AlertTest).optional().describe('promtool unit tests (at least one firing and one quiet case recommended).'),
  })
  .describe('A hand-written alert rule.');

export const Webhook = z.strictObject({
  url: HttpUrl().describe('Webhook URL. Must not carry credentials: use `bearerTokenFile`.'),
  bearerTokenFile: FilePath().optional().describe('File holding a bearer token sent as Authorization header.'),
});
export const Email = z.strictObject({
  to: ShortText().min(1, 'give a recipient address').describe('Recipient address.'),
  from: ShortText().min(1, 'give a sender address').describe('Sender address.'),
  smarthost: HostPort().describe('SMTP relay `host:port`.'),
  authUsername: ShortText().optional(),
  authPasswordFile: FilePath().optional().describe('File holding the SMTP password (never inline).'),
  requireTls: z.boolean().optional(),
});
export const Slack = z.strictObject({
  apiUrlFile: z
    .string()
    .regex(/^\//, 'must be an absolute path')
    .describe('File holding the Slack incoming-webhook URL (the URL is a secret: never inline).'),
  channel: z
    .string()
    .regex(/^[#@]?[a-z0-9._-]+$/, 'must be a channel such as `#alerts`')
    .describe('Channel to post to, e.g. `#alerts`.'),
});
export const Receiver = z
  .strictObject({
    description: Text().optional(),
    webhooks: z.array(Webhook).optional(),
    emails: z.array(Email).optional(),
    slack: z.array(Slack).optional().describe('Slack channels, each with its webhook URL in a file.'),
    ntfy: z.array(Ntfy).optional().describe('ntfy topics: readable phone notifications (ntfy-schema.ts).'),
  })
  .describe('An Alertmanager receiver. A receiver without integrations is a black hole (allowed only for explicit silencing).');

const GroupInterval = PositiveDuration('Alertmanager rejects it ("group_interval cannot be zero")', '5m');
const RepeatInterval = PositiveDuration('Alertmanager rejects it ("repeat_interval cannot be zero")', '4h');

export const Route = z
  .strictObject({
    matchers: z
      .array(Text(MAX_EXPR_LENGTH))
      .min(1)
      .describe('Alertmanager matchers such as `severity="critical"` or `alertname=~"Host.*"`.'),
    receivers: z.array(Name).min(1).describe('Receivers (keys of `receivers`); several means every one of them is notified.'),
    continue: z.boolean().optional().describe('Keep matching sibling routes after this one.'),
    groupBy: z.array(LabelName).optional(),
    groupWait: Duration.optional(),
    groupInterval: GroupInterval.optional(),
    repeatInterval: RepeatInterval.optional(),
  })
  .describe('A routing rule.');

export const Inhibition = z
  .strictObject({
    source: z.array(Text(MAX_EXPR_LENGTH)).min(1).describe('Matchers of the alert that inhibits.'),
    target: z.array(Text(MAX_EXPR_LENGTH)).min(1).describe('Matchers of the alerts that are silenced.'),
    equal: z.array(LabelName).describe('Labels that must be equal between source and target.'),
    reason: Text().optional(),
  })
  .describe('An inhibition rule.');

export const Routing = z
  .strictObject({
    receiver: Name.describe('Default receiver (key of `receivers`) for alerts no route matches.'),
    groupBy: z.array(LabelName).optional(),
    groupWait: Duration.optional(),
    groupInterval: GroupInterval.optional(),
    repeatInterval: RepeatInterval.optional(),
    routes: z.array(Route).optional(),
    inhibitions: z.array(Inhibition).optional(),
    hostDownInhibits: z
      .boolean()
      .optional()
      .describe("When a host's node exporter is down, silence that host's other alerts (default true)."),
  })
  .describe('Alertmanager routing policy.');

export const PrometheusSettings = z
  .strictObject({
    host: Name.describe('Host (key of `hosts`) that runs Prometheus.'),
    port: Port.optional(),
    bind: ShortText().optional().describe("Interface name, `loopback`, or a wildcard; default the host's first servers-zone interface."),
    scrapeInterval: PositiveDuration('Prometheus treats a zero `scrape_interval` as unset and scrapes every minute', '30s').optional(),
    scrapeTimeout: PositiveDuration('Prometheus treats a zero `scrape_timeout` as unset', '10s').optional(),
    evaluationInterval: PositiveDuration(
      'Prometheus treats a zero `evaluation_interval` as unset and evaluates rules every minute',
      '30s',
    ).optional(),
    retentionTime: PositiveDuration(
      'Prometheus treats a zero retention as unset and keeps 15 days (omit `retentionTime` for that)',
      '15d',
    ).optional(),
    retentionSize: Size.refine(
      (v) => !/^0+[A-Z]/.test(v),
      'must be larger than 0: Prometheus treats a zero size as "no size limit" (omit `retentionSize` for that); use a size such as `50GB`',
    ).optional(),
    externalLabels: Labels.optional(),
    instanceDownSeverity: z
      .union([Severity, z.record(ShortText(), Severity)])
      .optional()
      .describe(
        'Severity of the derived `InstanceDown` alerts: one for every scrape job, or per job name with `default` for the rest (default: `critical` for `node`, `warning` for the others).',
      ),
    tsdbPath: AbsolutePath()
      .optional()
      .describe("Directory of Prometheus' time-series database (`--storage.tsdb.path`; default: Prometheus' own `data/`)."),
    instanceLabel: z
      .enum(['address', 'host'])
      .optional()
      .describe(
        'What the `instance` label of inventory targets holds: the scraped `address:port` (default, as Prometheus does) or the inventory host name.',
      ),
    exposedVia: z
      .strictObject({
        service: Name.describe('Service (key of `services`) that proxies to Prometheus, e.g. an nginx reverse proxy.'),
        endpoint: Name.describe('Endpoint of that service users and Grafana connect to.'),
        scheme: z.enum(['http', 'https']).optional().describe('Protocol the proxy serves on that endpoint (default http).'),
      })
      .optional()
      .describe(
        'Reverse proxy in front of the web UI and API. Users and Grafana reach Prometheus through it (its `--web.external-url`), so Prometheus itself can listen on `loopback`.',
      ),
    ...prometheusScaleFields,
  })
  .describe('The Prometheus server and its global settings.');

export const AlertmanagerSettings = z
  .strictObject({
    host: Name.describe('Host (key of `hosts`) that runs Alertmanager.'),
    port: Port.optional(),
    bind: ShortText().optional(),
    ...alertmanagerScaleFields,
  })
  .describe('The Alertmanager server.');

export const LintSeverity = z.enum(['error', 'warning', 'info', 'off']);
export const LintConfig = z
  .strictObject({
    rules: z
      .record(
        Text(MAX_IDENTIFIER_LENGTH),
        z.union([
          LintSeverity,
          z.strictObject({
            severity: LintSeverity.optional(),
            options: z.record(Text(MAX_IDENTIFIER_LENGTH), z.unknown()).optional().describe("The rule's options (see its docs page)."),
          }),
        ]),
      )
      .optional()
      .describe('Per rule id (`area/name`): a severity, `off`, or `{severity, options}`. Unknown ids are errors.'),
    suppressions: z
      .array(
        z.strictObject({
          rule: Text(MAX_IDENTIFIER_LENGTH).describe('Rule id to suppress.'),
          entity: ShortText().describe('Entity the finding is about, as `kind:name` (e.g. `service:jellyfin`) or a name.'),
          reason: Text().min(10, 'give the reason in a sentence').describe('Why this finding is accepted.'),
        }),
      )
      .optional()
      .describe('Accepted findings, each with a reason.'),
  })
  .describe('Linter configuration of the site.');

export const AnsibleDeploy = z
  .strictObject({
    configDir: AbsolutePath()
      .optional()
      .describe(
        '`prometheus_config_dir` of the role: where prometheus.yml, rules/ and file_sd/ live on the Prometheus host (default `/etc/prometheus`).',
      ),
    nodeExporterHosts: z
      .array(Name)
      .optional()
      .describe(
        'Hosts (keys of `hosts`) whose node exporter the `prometheus.prometheus.node_exporter` role installs; Kiln writes their `node_exporter_*` variables. Other hosts run their exporter by other means (Helm, packages).',
      ),
  })
  .describe(
    'Variables for the `prometheus.prometheus` Ansible collection (roles `prometheus` and `node_exporter`), written under `ansible/`.',
  );

export const Deploy = z
  .strictObject({
    ansible: AnsibleDeploy.optional().describe(
      'Install Prometheus with the `prometheus.prometheus.prometheus` Ansible role, configured by Kiln.',
    ),
    compose: ComposeDeploy.optional().describe(
      'Run the monitoring stack with Docker Compose: `compose/compose.yaml` (one per Docker host when the stack spans hosts).',
    ),
  })
  .describe('Deployment targets: tools that install the monitoring stack and take their configuration from Kiln.');

export const RoutingTest = z
  .strictObject({
    name: Text().optional().describe('What the test checks, shown in reports (default: the labels).'),
    labels: Labels.describe('Labels of the alert, e.g. `{alertname: NodeDown, severity: critical, host: atlas}`.'),
    expect: z
      .array(Name)
      .min(1)
      .describe('Receivers (keys of `receivers`) the alert must reach, in routing-tree order, as `amtool config routes test` prints them.'),
    inhibitedBy: Labels.optional().describe(
      "Labels of a firing alert that must inhibit this one under the site's inhibition rules (source matchers on that alert, target matchers on this one, `equal` labels equal).",
    ),
  })
  .describe(
    "A routing test: where an alert with these labels goes, checked by `kiln test` with Kiln's simulator and with `amtool config routes test`.",
  );

export const Testing = z
  .strictObject({
    minCoverage: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe(
        '`kiln test` fails when the share of alert rules with a firing unit test, or of routes exercised by a routing test, is below this ratio (e.g. 0.8).',
      ),
  })
  .describe('Settings of `kiln test`.');

export const GrafanaSettings = z
  .strictObject({
    url: HttpUrl()
      .refine((u) => !USERINFO.test(u), noCredentials('every alert (`dashboard_url`) and the dashboards'))
      .describe('Base URL users open Grafana at, e.g. `https://grafana.example.org`; alerts link to dashboards under it.'),
  })
  .describe('Where Grafana is reached; enables `dashboard_url` annotations on alerts.');

export const Site = z
  .strictObject({
    $schema: Text(MAX_URL_LENGTH).optional().describe('Path or URL of the JSON Schema, for editors.'),
    name: Name.describe('Site name; also the folder under generated/.'),
    description: Text().optional(),
    runbookUrl: Text(MAX_URL_LENGTH)
      .regex(/\{alertname\}/, 'must contain the placeholder `{alertname}`')
      .refine((u) => !USERINFO.test(u), noCredentials('every alert (`runbook_url`)'))
      .describe('Runbook URL pattern; `{alertname}` is replaced by the alert name.'),
    vlans: z.record(Name, Vlan),
    hosts: z.record(Name, Host),
    shares: z.record(Name, Share).optional(),
    mounts: z.array(Mount).optional(),
    services: z.record(Name, Service).optional(),
    scrapeJobs: z.record(Name, ScrapeJob).optional(),
    alerts: z.record(AlertName, Alert).optional(),
    recordingRules: RecordingRules.optional(),
    receivers: z.record(Name, Receiver),
    routing: Routing,
    prometheus: PrometheusSettings,
    alertmanager: AlertmanagerSettings,
    grafana: GrafanaSettings.optional(),
    lint: LintConfig.optional(),
    deploy: Deploy.optional().describe(
      'Deployment targets Kiln writes configuration for besides the plain files (e.g. Ansible role variables).',
    ),
    routingTests: z
      .array(RoutingTest)
      .optional()
      .describe('Expected receivers (and inhibitions) of alerts with given labels; run by `kiln test`.'),
    testing: Testing.optional(),
    kubernetes: Cluster.optional().describe(
      'The Kubernetes cluster the site is, and the monitoring stack deployed into it (`generated/<site>/kubernetes/`).',
    ),
  })
  .describe('A Kiln site: the whole infrastructure of one lab or cluster.');

export type SiteInput = z.input<typeof Site>;
export type SiteParsed = z.output<typeof Site>;
