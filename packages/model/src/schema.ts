/**
 * The Kiln language as zod schemas. Every entity collection is a record keyed by the entity's
 * name, so names are unique by construction and YAML sites read naturally.
 * Defaults are named constants (see defaults.ts) and applied during normalization, not here, so the
 * JSON Schema shows what the author wrote rather than what Kiln filled in.
 */
import { durationSeconds } from '@kiln/promql';
import { z } from 'zod';
import { Cluster } from './cluster-schema.js';

export const NAME_PATTERN = /^[a-z][a-z0-9-]*$/;
export const ALERT_NAME_PATTERN = /^[A-Z][A-Za-z0-9]*$/;
/** Units largest first, each at most once (prometheus/common model.ParseDuration). */
export const DURATION_PATTERN = /^(0|(?=\d)(\d+y)?(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?(\d+ms)?)$/;
export const SIZE_PATTERN = /^\d+(B|KB|MB|GB|TB|PB|EB)$/;
export const LABEL_NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export const Name = z
  .string()
  .regex(NAME_PATTERN, 'must be lower-case letters, digits and dashes, starting with a letter (e.g. `atlas`, `nic-1`)');
/** A Prometheus duration, checked by the same parser Prometheus uses (units largest first, each once). */
export const Duration = z
  .string()
  .regex(DURATION_PATTERN, {
    message: 'must be a Prometheus duration such as `30s`, `5m`, `1h30m` or `15d`: each unit once, largest first (`1h30m`, not `30m1h`)',
    abort: true,
  })
  .refine((d) => durationSeconds(d) !== undefined, { message: 'duration out of range' });
export const Size = z.string().regex(SIZE_PATTERN, 'must be a size such as `512MB` or `5GB`');
export const LabelName = z.string().regex(LABEL_NAME_PATTERN, 'must be a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)');
export const Labels = z.record(LabelName, z.string()).describe('Label names to values.');
export const Port = z.number().int().min(1).max(65535).describe('TCP/UDP port number, 1–65535.');
const AbsolutePath = z.string().regex(/^\//, 'must be an absolute path starting with `/`');

export const ZONES = ['management', 'servers', 'users', 'guests', 'iot', 'storage'] as const;
export const Zone = z
  .enum(ZONES)
  .describe('Security zone of the VLAN; policies are written against zones, not VLAN numbers.');

export const Vlan = z
  .strictObject({
    id: z.number().int().min(1).max(4094).describe('802.1Q VLAN id.'),
    cidr: z
      .string()
      .regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, 'must be an IPv4 CIDR such as `10.60.0.0/24`')
      .describe('IPv4 subnet of the VLAN.'),
    zone: Zone,
    description: z.string().optional().describe('What the VLAN is for.'),
  })
  .describe('A VLAN and the zone it belongs to.');

export const Interface = z
  .strictObject({
    vlan: Name.describe('Name of the VLAN (key of `vlans`) this interface is on.'),
    address: z
      .string()
      .describe('IPv4 address on the VLAN, or `dhcp` when the address is leased (then `dnsName` is required to reach it).'),
    dnsName: z.string().optional().describe('Stable DNS name that resolves to this interface; used as scrape address when set.'),
    description: z.string().optional(),
  })
  .describe('A network interface of a host.');

export const DISK_ROLES = ['os', 'scratch', 'data', 'containers'] as const;
export const Disk = z
  .strictObject({
    role: z.enum(DISK_ROLES).describe('os: boot/system; scratch: disposable caches; data: persistent data; containers: images/volumes.'),
    mountPoint: AbsolutePath.describe('Where the filesystem is mounted.'),
    device: z.string().optional().describe('Block device, e.g. `nvme0n1p1`.'),
    media: z.enum(['ssd', 'nvme', 'hdd']).optional().describe('Kind of media.'),
    pressureThreshold: z
      .number()
      .gt(0)
      .lt(1)
      .optional()
      .describe('Free-space ratio below which the disk-space alert fires (ScratchDiskPressure for scratch disks, DiskSpaceLow for the others; default 0.10).'),
  })
  .describe('A local disk/filesystem of a host.');

export const Gpu = z
  .strictObject({
    vendor: z.enum(['nvidia']).describe('GPU vendor; only NVIDIA is monitored today.'),
    model: z.string().describe('Model name as reported by nvidia-smi, e.g. `NVIDIA RTX 4000 Ada Generation`.'),
  })
  .describe('A GPU installed in a host.');

export const EXPORTER_KINDS = ['node', 'nvidia-gpu', 'haproxy', 'nginx', 'loki', 'kube-state-metrics', 'kubelet', 'cadvisor'] as const;
export const ExporterKind = z.enum(EXPORTER_KINDS);

/** Collectors of node_exporter (1.x) that can be switched on with `--collector.<name>`. */
export const NODE_COLLECTORS = [
  'arp', 'bcache', 'bonding', 'btrfs', 'buddyinfo', 'cgroups', 'conntrack', 'cpu', 'cpu_vulnerabilities', 'cpufreq',
  'diskstats', 'dmi', 'drbd', 'drm', 'edac', 'entropy', 'ethtool', 'fibrechannel', 'filefd', 'filesystem', 'hwmon',
  'infiniband', 'interrupts', 'ipvs', 'ksmd', 'lnstat', 'loadavg', 'logind', 'mdadm', 'meminfo', 'meminfo_numa',
  'mountstats', 'netclass', 'netdev', 'netstat', 'network_route', 'nfs', 'nfsd', 'ntp', 'nvme', 'os', 'perf',
  'powersupplyclass', 'pressure', 'processes', 'qdisc', 'rapl', 'runit', 'schedstat', 'selinux', 'slabinfo', 'sockstat',
  'softnet', 'stat', 'supervisord', 'sysctl', 'systemd', 'tapestats', 'tcpstat', 'textfile', 'thermal_zone', 'time',
  'timex', 'udp_queues', 'uname', 'vmstat', 'watchdog', 'wifi', 'xfs', 'zfs', 'zoneinfo',
] as const;

export const Tls = z
  .strictObject({
    caFile: z.string().optional().describe('CA certificate file used to verify the target.'),
    certFile: z.string().optional().describe('Client certificate file.'),
    keyFile: z.string().optional().describe('Client key file.'),
    serverName: z.string().optional().describe('Server name for SNI and verification.'),
    insecureSkipVerify: z.boolean().optional().describe('Disable certificate verification (a lint finding).'),
  })
  .describe('TLS settings for scraping.');

export const HostExporter = z
  .strictObject({
    port: Port.optional().describe("Port the exporter listens on (default: the exporter's standard port)."),
    interface: Name.optional().describe('Interface the exporter binds to (default: the host\'s first servers-zone interface).'),
    scheme: z
      .enum(['http', 'https'])
      .optional()
      .describe('Protocol Prometheus scrapes with (default http). Every exporter of one kind must use the same scheme and TLS settings: they share one scrape job.'),
    tls: Tls.optional().describe('TLS settings for scraping this exporter; needs `scheme: https`.'),
    collectors: z
      .array(z.string())
      .optional()
      .describe("Collectors to enable beyond the exporter's defaults (node exporter: `--collector.<name>`), e.g. `['systemd', 'processes']`."),
  })
  .describe('An exporter running on a host.');

export const Host = z
  .strictObject({
    role: z.string().describe('What the host does, in a few words.'),
    disposition: z
      .enum(['disposable', 'authoritative'])
      .describe('disposable: rebuildable, holds no primary data; authoritative: the primary copy of data lives here.'),
    os: z.string().optional().describe('Operating system.'),
    interfaces: z.record(Name, Interface).describe('Network interfaces keyed by name (e.g. `nic1`).'),
    disks: z.record(Name, Disk).optional().describe('Local filesystems keyed by name.'),
    gpus: z.array(Gpu).optional().describe('GPUs installed in the host.'),
    exporters: z
      .partialRecord(ExporterKind, HostExporter)
      .optional()
      .describe('Exporters running on the host, keyed by kind (`node`, `nvidia-gpu`, `haproxy`, `nginx`, `loki`). Each becomes a scrape target.'),
    labels: Labels.optional().describe('Extra target labels for every scrape target of this host.'),
  })
  .describe('A machine of the site.');

export const SHARE_CONTENT = ['media', 'documents', 'appdata', 'datasets', 'backups', 'root'] as const;
export const Share = z
  .strictObject({
    host: Name.describe('Host (key of `hosts`) that exports the share.'),
    path: AbsolutePath.describe('Export path on the owning host.'),
    content: z.enum(SHARE_CONTENT).describe('What the share holds; policies (e.g. media read-only) key off this.'),
    protocols: z.array(z.enum(['nfs', 'smb'])).min(1).optional().describe('Protocols the share is exported over (default [nfs]).'),
    writers: z.array(Name).optional().describe('Hosts allowed to mount a media share read-write, e.g. the ingest host.'),
    description: z.string().optional(),
  })
  .describe('A storage share exported by a host.');

export const Mount = z
  .strictObject({
    host: Name.describe('Host (key of `hosts`) that mounts the share.'),
    share: Name.describe('Share (key of `shares`) being mounted.'),
    mountPoint: AbsolutePath.describe('Where the share is mounted on the host.'),
    mode: z.enum(['ro', 'rw']).describe('Mount mode; media shares must be `ro` unless the host is a declared writer.'),
    protocol: z.enum(['nfs', 'smb']).describe('Protocol used for the mount.'),
    required: z.boolean().optional().describe('Alert as critical when unavailable (default true).'),
    purpose: z.string().optional(),
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
    bind: z
      .string()
      .describe('Interface name of the host this endpoint listens on, `loopback`, or the wildcard `0.0.0.0`/`::` (a lint finding).'),
    public: z
      .strictObject({ reason: z.string().min(10, 'give the reason in a sentence') })
      .optional()
      .describe('Declares the endpoint intentionally reachable from users/guests zones, with the reason.'),
    description: z.string().optional(),
  })
  .describe('A listening socket of a service.');

export const Service = z
  .strictObject({
    host: Name.describe('Host (key of `hosts`) the service runs on.'),
    description: z.string().optional(),
    endpoints: z.record(Name, Endpoint).describe('Listening endpoints keyed by name.'),
    dataPaths: z.array(AbsolutePath).optional().describe('Where the service keeps persistent state on its host.'),
  })
  .describe('A service running on a host.');

export const ScrapeJob = z
  .strictObject({
    targets: z.array(z.string().regex(/^[^\s/]+:\d+$/, 'must be `host:port`')).min(1).describe('Static `host:port` targets.'),
    scheme: z.enum(['http', 'https']).optional(),
    metricsPath: z.string().optional(),
    interval: Duration.optional(),
    timeout: Duration.optional(),
    tls: Tls.optional(),
    bearerTokenFile: z.string().optional().describe('File holding a bearer token (never inline).'),
    basicAuth: z
      .strictObject({ username: z.string(), passwordFile: z.string().describe('File holding the password (never inline).') })
      .optional(),
    labels: Labels.optional(),
  })
  .describe('A scrape job with static targets, for things not derived from the inventory.');

export const SEVERITIES = ['critical', 'warning', 'info', 'none'] as const;
export const Severity = z.enum(SEVERITIES);

export const AlertTestSeries = z.strictObject({
  series: z.string().describe('Series in promtool notation, e.g. `up{job="node",instance="a:9100"}`.'),
  values: z.string().describe('Expanding notation, e.g. `0x20` or `1+1x10`.'),
});
export const AlertTest = z
  .strictObject({
    name: z.string().optional(),
    interval: Duration.optional(),
    series: z.array(AlertTestSeries),
    evalTime: Duration,
    expect: z
      .array(z.strictObject({ labels: Labels, annotations: Labels.optional() }))
      .describe('Alerts expected to fire at evalTime (empty for a quiet case).'),
  })
  .describe('A promtool unit test case for a custom alert.');

export const Alert = z
  .strictObject({
    expr: z.string().min(1).describe('PromQL expression; the alert fires for each series it returns.'),
    for: Duration.optional().describe('How long the condition must hold before firing.'),
    severity: Severity,
    summary: z.string().describe('One-line summary (annotation `summary`).'),
    description: z.string().describe('What is wrong and what to do (annotation `description`).'),
    labels: Labels.optional(),
    tests: z.array(AlertTest).optional().describe('promtool unit tests (at least one firing and one quiet case recommended).'),
  })
  .describe('A hand-written alert rule.');

export const Webhook = z.strictObject({
  url: z.url().describe('Webhook URL. Must not carry credentials: use `bearerTokenFile`.'),
  bearerTokenFile: z.string().optional().describe('File holding a bearer token sent as Authorization header.'),
});
export const Email = z.strictObject({
  to: z.string().describe('Recipient address.'),
  from: z.string().describe('Sender address.'),
  smarthost: z.string().regex(/^[^\s:]+:\d+$/, 'must be `host:port`').describe('SMTP relay `host:port`.'),
  authUsername: z.string().optional(),
  authPasswordFile: z.string().optional().describe('File holding the SMTP password (never inline).'),
  requireTls: z.boolean().optional(),
});
export const Slack = z.strictObject({
  apiUrlFile: z.string().regex(/^\//, 'must be an absolute path').describe('File holding the Slack incoming-webhook URL (the URL is a secret: never inline).'),
  channel: z.string().regex(/^[#@]?[a-z0-9._-]+$/, 'must be a channel such as `#alerts`').describe('Channel to post to, e.g. `#alerts`.'),
});
export const Receiver = z
  .strictObject({
    description: z.string().optional(),
    webhooks: z.array(Webhook).optional(),
    emails: z.array(Email).optional(),
    slack: z.array(Slack).optional().describe('Slack channels, each with its webhook URL in a file.'),
  })
  .describe('An Alertmanager receiver. A receiver without integrations is a black hole (allowed only for explicit silencing).');

export const Route = z
  .strictObject({
    matchers: z
      .array(z.string())
      .min(1)
      .describe('Alertmanager matchers such as `severity="critical"` or `alertname=~"Host.*"`.'),
    receivers: z.array(Name).min(1).describe('Receivers (keys of `receivers`); several means every one of them is notified.'),
    continue: z.boolean().optional().describe('Keep matching sibling routes after this one.'),
    groupBy: z.array(LabelName).optional(),
    groupWait: Duration.optional(),
    groupInterval: Duration.optional(),
    repeatInterval: Duration.optional(),
  })
  .describe('A routing rule.');

export const Inhibition = z
  .strictObject({
    source: z.array(z.string()).min(1).describe('Matchers of the alert that inhibits.'),
    target: z.array(z.string()).min(1).describe('Matchers of the alerts that are silenced.'),
    equal: z.array(LabelName).describe('Labels that must be equal between source and target.'),
    reason: z.string().optional(),
  })
  .describe('An inhibition rule.');

export const Routing = z
  .strictObject({
    receiver: Name.describe('Default receiver (key of `receivers`) for alerts no route matches.'),
    groupBy: z.array(LabelName).optional(),
    groupWait: Duration.optional(),
    groupInterval: Duration.optional(),
    repeatInterval: Duration.optional(),
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
    bind: z.string().optional().describe('Interface name, `loopback`, or a wildcard; default the host\'s first servers-zone interface.'),
    scrapeInterval: Duration.optional(),
    scrapeTimeout: Duration.optional(),
    evaluationInterval: Duration.optional(),
    retentionTime: Duration.optional(),
    retentionSize: Size.optional(),
    externalLabels: Labels.optional(),
    tsdbPath: AbsolutePath.optional().describe("Directory of Prometheus' time-series database (`--storage.tsdb.path`; default: Prometheus' own `data/`)."),
    instanceLabel: z
      .enum(['address', 'host'])
      .optional()
      .describe('What the `instance` label of inventory targets holds: the scraped `address:port` (default, as Prometheus does) or the inventory host name.'),
    exposedVia: z
      .strictObject({
        service: Name.describe('Service (key of `services`) that proxies to Prometheus, e.g. an nginx reverse proxy.'),
        endpoint: Name.describe('Endpoint of that service users and Grafana connect to.'),
        scheme: z.enum(['http', 'https']).optional().describe('Protocol the proxy serves on that endpoint (default http).'),
      })
      .optional()
      .describe('Reverse proxy in front of the web UI and API. Users and Grafana reach Prometheus through it (its `--web.external-url`), so Prometheus itself can listen on `loopback`.'),
  })
  .describe('The Prometheus server and its global settings.');

export const AlertmanagerSettings = z
  .strictObject({
    host: Name.describe('Host (key of `hosts`) that runs Alertmanager.'),
    port: Port.optional(),
    bind: z.string().optional(),
  })
  .describe('The Alertmanager server.');

export const LintSeverity = z.enum(['error', 'warning', 'info', 'off']);
export const LintConfig = z
  .strictObject({
    rules: z
      .record(
        z.string(),
        z.union([
          LintSeverity,
          z.strictObject({
            severity: LintSeverity.optional(),
            options: z.record(z.string(), z.unknown()).optional().describe("The rule's options (see its docs page)."),
          }),
        ]),
      )
      .optional()
      .describe('Per rule id (`area/name`): a severity, `off`, or `{severity, options}`. Unknown ids are errors.'),
    suppressions: z
      .array(
        z.strictObject({
          rule: z.string().describe('Rule id to suppress.'),
          entity: z.string().describe('Entity the finding is about, as `kind:name` (e.g. `service:jellyfin`) or a name.'),
          reason: z.string().min(10, 'give the reason in a sentence').describe('Why this finding is accepted.'),
        }),
      )
      .optional()
      .describe('Accepted findings, each with a reason.'),
  })
  .describe('Linter configuration of the site.');

export const AnsibleDeploy = z
  .strictObject({
    configDir: AbsolutePath.optional().describe('`prometheus_config_dir` of the role: where prometheus.yml, rules/ and file_sd/ live on the Prometheus host (default `/etc/prometheus`).'),
    nodeExporterHosts: z
      .array(Name)
      .optional()
      .describe('Hosts (keys of `hosts`) whose node exporter the `prometheus.prometheus.node_exporter` role installs; Kiln writes their `node_exporter_*` variables. Other hosts run their exporter by other means (Helm, packages).'),
  })
  .describe('Variables for the `prometheus.prometheus` Ansible collection (roles `prometheus` and `node_exporter`), written under `ansible/`.');

export const Deploy = z
  .strictObject({
    ansible: AnsibleDeploy.optional().describe('Install Prometheus with the `prometheus.prometheus.prometheus` Ansible role, configured by Kiln.'),
  })
  .describe('Deployment targets: tools that install the monitoring stack and take their configuration from Kiln.');

export const RoutingTest = z
  .strictObject({
    name: z.string().optional().describe('What the test checks, shown in reports (default: the labels).'),
    labels: Labels.describe('Labels of the alert, e.g. `{alertname: NodeDown, severity: critical, host: atlas}`.'),
    expect: z
      .array(Name)
      .min(1)
      .describe('Receivers (keys of `receivers`) the alert must reach, in routing-tree order, as `amtool config routes test` prints them.'),
    inhibitedBy: Labels.optional().describe(
      "Labels of a firing alert that must inhibit this one under the site's inhibition rules (source matchers on that alert, target matchers on this one, `equal` labels equal).",
    ),
  })
  .describe('A routing test: where an alert with these labels goes, checked by `kiln test` with Kiln\'s simulator and with `amtool config routes test`.');

export const Testing = z
  .strictObject({
    minCoverage: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('`kiln test` fails when the share of alert rules with a firing unit test, or of routes exercised by a routing test, is below this ratio (e.g. 0.8).'),
  })
  .describe('Settings of `kiln test`.');

export const GrafanaSettings = z
  .strictObject({
    url: z.url().describe('Base URL users open Grafana at, e.g. `https://grafana.example.org`; alerts link to dashboards under it.'),
  })
  .describe('Where Grafana is reached; enables `dashboard_url` annotations on alerts.');

export const Site = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of the JSON Schema, for editors.'),
    name: Name.describe('Site name; also the folder under generated/.'),
    description: z.string().optional(),
    runbookUrl: z
      .string()
      .regex(/\{alertname\}/, 'must contain the placeholder `{alertname}`')
      .describe('Runbook URL pattern; `{alertname}` is replaced by the alert name.'),
    vlans: z.record(Name, Vlan),
    hosts: z.record(Name, Host),
    shares: z.record(Name, Share).optional(),
    mounts: z.array(Mount).optional(),
    services: z.record(Name, Service).optional(),
    scrapeJobs: z.record(Name, ScrapeJob).optional(),
    alerts: z.record(z.string().regex(ALERT_NAME_PATTERN, 'must be an UpperCamelCase alert name'), Alert).optional(),
    receivers: z.record(Name, Receiver),
    routing: Routing,
    prometheus: PrometheusSettings,
    alertmanager: AlertmanagerSettings,
    grafana: GrafanaSettings.optional(),
    lint: LintConfig.optional(),
    deploy: Deploy.optional().describe('Deployment targets Kiln writes configuration for besides the plain files (e.g. Ansible role variables).'),
    routingTests: z.array(RoutingTest).optional().describe('Expected receivers (and inhibitions) of alerts with given labels; run by `kiln test`.'),
    testing: Testing.optional(),
    kubernetes: Cluster.optional().describe('The Kubernetes cluster the site is, and the monitoring stack deployed into it (`generated/<site>/kubernetes/`).'),
  })
  .describe('A Kiln site: the whole infrastructure of one lab or cluster.');

export type SiteInput = z.input<typeof Site>;
export type SiteParsed = z.output<typeof Site>;
