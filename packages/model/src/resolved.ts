/**
 * The resolved site: every default applied, every reference checked and replaced by the entity it
 * names, every collection an array sorted by name. Generators read only this.
 */
import type { z } from 'zod';
import type * as S from './schema.js';
import type { ResolvedComposeDeploy } from './compose-schema.js';

export type { ResolvedComposeDeploy, ComposeComponent } from './compose-schema.js';
import type { ResolvedHttpSd, ResolvedProbe, ResolvedRecordingRule } from './resolved-extensions.js';

export type { ResolvedHttpSd, ResolvedProbe, ResolvedRecordingRule } from './resolved-extensions.js';
import type { ResolvedCluster } from './cluster-resolved.js';
import type { NTFY_PRIORITIES } from './ntfy-schema.js';
import type { ResolvedScaleOut } from './scale-resolved.js';

export type * from './scale-resolved.js';

export type Zone = (typeof S.ZONES)[number];
export type Severity = (typeof S.SEVERITIES)[number];
export type ExporterKind = (typeof S.EXPORTER_KINDS)[number];
export type Labels = Record<string, string>;
export type ResolvedTls = z.output<typeof S.Tls>;

export interface ResolvedVlan {
  name: string;
  id: number;
  cidr: string;
  zone: Zone;
  description?: string;
}

export interface ResolvedInterface {
  name: string;
  host: string;
  vlan: ResolvedVlan;
  /** IPv4 address, or `dhcp`. */
  address: string;
  dnsName?: string;
  /** What other machines use to reach this interface: the DNS name when set, else the address. */
  reachableAs: string;
}

export type Bind =
  { kind: 'interface'; interface: ResolvedInterface } | { kind: 'loopback' } | { kind: 'wildcard'; address: '0.0.0.0' | '::' };

export interface ResolvedDisk {
  name: string;
  role: (typeof S.DISK_ROLES)[number];
  mountPoint: string;
  device?: string;
  media?: 'ssd' | 'nvme' | 'hdd';
  pressureThreshold: number;
}

export interface ResolvedExporter {
  kind: ExporterKind;
  host: string;
  port: number;
  bind: Bind;
  /** `address:port` Prometheus scrapes. */
  target: string;
  /** Value of the `instance` label of this target: `target`, or the host name (see `prometheus.instanceLabel`). */
  instance: string;
  scheme: 'http' | 'https';
  tls?: ResolvedTls;
  /** Extra collectors to enable, sorted and without duplicates. */
  collectors: string[];
  /** Multi-target exporters: the hosts queried through this exporter (`?target=`). */
  probes?: ResolvedProbe[];
}

export interface ResolvedHost {
  name: string;
  role: string;
  disposition: 'disposable' | 'authoritative';
  os?: string;
  interfaces: ResolvedInterface[];
  disks: ResolvedDisk[];
  gpus: z.output<typeof S.Gpu>[];
  exporters: ResolvedExporter[];
  labels: Labels;
}

export interface ResolvedShare {
  /** `<host>:<name>`, unique across the site and readable in messages. */
  id: string;
  name: string;
  host: ResolvedHost;
  path: string;
  content: (typeof S.SHARE_CONTENT)[number];
  protocols: ('nfs' | 'smb')[];
  writers: string[];
  description?: string;
}

export interface ResolvedMount {
  /** Position in the site's `mounts` list, for messages and model paths. */
  index: number;
  host: ResolvedHost;
  share: ResolvedShare;
  mountPoint: string;
  mode: 'ro' | 'rw';
  protocol: 'nfs' | 'smb';
  required: boolean;
  purpose?: string;
}

export interface ResolvedEndpoint {
  name: string;
  port: number;
  protocol: 'tcp' | 'udp';
  kind: (typeof S.ENDPOINT_KINDS)[number];
  bind: Bind;
  /** Set when the endpoint is intentionally reachable from users/guests zones. */
  publicReason?: string;
  description?: string;
}

export interface ResolvedService {
  name: string;
  host: ResolvedHost;
  description?: string;
  endpoints: ResolvedEndpoint[];
  dataPaths: string[];
}

export interface ResolvedScrapeJob {
  name: string;
  targets: string[];
  scheme: 'http' | 'https';
  metricsPath: string;
  interval?: string;
  timeout?: string;
  tls?: z.output<typeof S.Tls>;
  bearerTokenFile?: string;
  basicAuth?: { username: string; passwordFile: string };
  labels: Labels;
  /** Targets discovered over HTTP (`targets` is then empty). */
  httpSd?: ResolvedHttpSd;
  /** The exporter the targets run, whose catalog and alert pack apply. */
  exporter?: ExporterKind;
}

export interface ResolvedAlert {
  name: string;
  expr: string;
  for?: string;
  severity: Severity;
  summary: string;
  description: string;
  labels: Labels;
  tests: z.output<typeof S.AlertTest>[];
}

export interface ResolvedReceiver {
  name: string;
  description?: string;
  webhooks: z.output<typeof S.Webhook>[];
  emails: z.output<typeof S.Email>[];
  slack: z.output<typeof S.Slack>[];
  ntfy: ResolvedNtfy[];
}

/** An ntfy topic with its defaults applied (ntfy-schema.ts). */
export interface ResolvedNtfy {
  server: string;
  topic: string;
  tokenFile?: string;
  /** One fixed priority, or the priority by severity (and for resolved notifications). */
  priority: NtfyPriority | Record<'critical' | 'warning' | 'info' | 'none' | 'resolved', NtfyPriority>;
  tags: string[];
  click?: string;
  maxAlerts: number;
}
export type NtfyPriority = (typeof NTFY_PRIORITIES)[number];

export interface ResolvedRoute {
  matchers: string[];
  receivers: string[];
  continue: boolean;
  groupBy?: string[];
  groupWait?: string;
  groupInterval?: string;
  repeatInterval?: string;
}

export interface ResolvedInhibition {
  source: string[];
  target: string[];
  equal: string[];
  reason?: string;
}

export interface ResolvedRouting {
  receiver: string;
  groupBy: string[];
  groupWait: string;
  groupInterval: string;
  repeatInterval: string;
  routes: ResolvedRoute[];
  inhibitions: ResolvedInhibition[];
  hostDownInhibits: boolean;
}

export interface ResolvedServer {
  host: ResolvedHost;
  port: number;
  bind: Bind;
  /** `address:port` others use to reach the server. */
  address: string;
}

export interface ResolvedPrometheus extends ResolvedServer {
  scrapeInterval: string;
  scrapeTimeout: string;
  evaluationInterval: string;
  retentionTime: string;
  retentionSize?: string;
  externalLabels: Labels;
  /** Severity of InstanceDown per scrape job, `default` for jobs not listed. */
  instanceDownSeverity: { default: Severity; jobs: Record<string, Severity> };
  tsdbPath?: string;
  instanceLabel: 'address' | 'host';
  /** URL users, Grafana and alert links reach Prometheus at: the `exposedVia` proxy, else the listen address. */
  externalUrl: string;
  /** The reverse proxy in front of Prometheus, when there is one. */
  exposedVia?: { service: ResolvedService; endpoint: ResolvedEndpoint };
}

export interface ResolvedAnsibleDeploy {
  configDir: string;
  /** Hosts whose node exporter the `node_exporter` role installs, sorted by name. */
  nodeExporterHosts: ResolvedHost[];
}

export interface ResolvedDeploy {
  ansible?: ResolvedAnsibleDeploy;
  compose?: ResolvedComposeDeploy;
}

export interface ResolvedRoutingTest {
  /** As written, or the labels (`alertname=X, severity=critical`). */
  name: string;
  labels: Labels;
  /** Receiver names in routing-tree order. */
  expect: string[];
  inhibitedBy?: Labels;
}

export interface ResolvedTesting {
  /** Minimum share (0–1) of alert rules with a firing unit test and of routes exercised by routing tests; none when unset. */
  minCoverage?: number;
}

export interface ResolvedSite {
  name: string;
  description?: string;
  runbookUrl: string;
  vlans: ResolvedVlan[];
  hosts: ResolvedHost[];
  shares: ResolvedShare[];
  mounts: ResolvedMount[];
  services: ResolvedService[];
  scrapeJobs: ResolvedScrapeJob[];
  alerts: ResolvedAlert[];
  recordingRules: ResolvedRecordingRule[];
  receivers: ResolvedReceiver[];
  routing: ResolvedRouting;
  prometheus: ResolvedPrometheus;
  alertmanager: ResolvedServer;
  /** Grafana's base URL without a trailing slash, when the site declares one. */
  grafana?: { url: string };
  lint: z.output<typeof S.LintConfig>;
  deploy: ResolvedDeploy;
  routingTests: ResolvedRoutingTest[];
  testing: ResolvedTesting;
  /** The Kubernetes cluster, when the site is one (see cluster-resolved.ts). */
  kubernetes?: ResolvedCluster;
  /** Replicas, shards, remote write, federation and the Alertmanager cluster, when declared (see scale-resolved.ts). */
  scaleOut?: ResolvedScaleOut;
}
