/**
 * Past one Prometheus: the configuration of each replica and shard, remote write per engine,
 * federation jobs, and which rule files a shard can evaluate on its own. Pure: reads the resolved
 * site (`site.scaleOut`) and the configuration the single-server generator built.
 */
import type { ResolvedPrometheusInstance, ResolvedRemoteWrite, ResolvedSite } from '@kiln/model';
import { syntaxTree, walk } from '@kiln/promql';
import { listenAddress } from '@kiln/plan';
import { tlsConfig } from './config.js';

/** The labels that identify a scraped target: an aggregation or join that keeps them stays on one shard. */
const TARGET_LABELS = ['instance', 'job'];
/** Label hashmod writes the shard number to before `keep` (a `__tmp` label, dropped after relabelling). */
const SHARD_HASH_LABEL = '__tmp_hash';

/**
 * Whether an expression reads only series of single targets, so a shard that scrapes a target
 * computes the same result for it as one server scraping everything. `absent()` (a series missing
 * here may exist on another shard), aggregations or joins across targets, and `scalar()` need every
 * shard's series.
 */
export function shardLocal(expr: string): boolean {
  const tree = syntaxTree(expr);
  if (tree === undefined) return false;
  for (const node of walk(tree)) {
    if (node.type === 'Call' && ['absent', 'absent_over_time', 'scalar'].includes(node.name)) return false;
    if (node.type === 'AggregateExpr') {
      const g = node.grouping ?? [];
      const keeps = node.without ? TARGET_LABELS.every((l) => !g.includes(l)) : TARGET_LABELS.every((l) => g.includes(l));
      if (!keeps) return false;
    }
    if (node.type === 'BinaryExpr' && node.matching.labels !== undefined) {
      const l = node.matching.labels;
      const keeps = node.matching.on ? TARGET_LABELS.every((x) => l.includes(x)) : TARGET_LABELS.every((x) => !l.includes(x));
      if (!keeps) return false;
    }
  }
  return true;
}

interface RuleFileValue {
  groups: { rules: { expr: string }[] }[];
}

/** Rule files a shard evaluates itself (every rule shard-local) and those the store's ruler must, by file reference. */
export function splitRuleFiles(files: [ref: string, value: RuleFileValue][]): { local: string[]; cross: string[] } {
  const local: string[] = [];
  const cross: string[] = [];
  for (const [ref, value] of files) (value.groups.every((g) => g.rules.every((r) => shardLocal(r.expr))) ? local : cross).push(ref);
  return { local, cross };
}

/** hashmod of `__address__`: the shard keeps the targets whose hash is its number (before any other relabelling). */
export function shardRelabel(shard: number, shards: number): Record<string, unknown>[] {
  return [
    { source_labels: ['__address__'], modulus: shards, target_label: SHARD_HASH_LABEL, action: 'hashmod' },
    { source_labels: [SHARD_HASH_LABEL], regex: String(shard), action: 'keep' },
  ];
}

/** One `remote_write` entry, with what its engine needs (headers, dropped replica label). */
export function remoteWrite(t: ResolvedRemoteWrite): Record<string, unknown> {
  const q = t.queue;
  const queue = {
    ...(q.capacity !== undefined && { capacity: q.capacity }),
    ...(q.maxShards !== undefined && { max_shards: q.maxShards }),
    ...(q.minShards !== undefined && { min_shards: q.minShards }),
    ...(q.maxSamplesPerSend !== undefined && { max_samples_per_send: q.maxSamplesPerSend }),
    ...(q.batchSendDeadline !== undefined && { batch_send_deadline: q.batchSendDeadline }),
    ...(q.minBackoff !== undefined && { min_backoff: q.minBackoff }),
    ...(q.maxBackoff !== undefined && { max_backoff: q.maxBackoff }),
  };
  return {
    name: t.name,
    url: t.url,
    ...(t.remoteTimeout !== undefined && { remote_timeout: t.remoteTimeout }),
    ...(Object.keys(t.headers).length > 0 && { headers: t.headers }),
    ...(t.basicAuth !== undefined && { basic_auth: { username: t.basicAuth.username, password_file: t.basicAuth.passwordFile } }),
    ...(t.bearerTokenFile !== undefined && { authorization: { credentials_file: t.bearerTokenFile } }),
    ...(t.tls !== undefined && { tls_config: tlsConfig(t.tls) }),
    ...(t.dropLabels.length > 0 && { write_relabel_configs: [{ action: 'labeldrop', regex: t.dropLabels.join('|') }] }),
    ...(Object.keys(queue).length > 0 && { queue_config: queue }),
  };
}

/** Federation jobs: `/federate` with `match[]`, keeping the federated servers' labels. */
export function federationJobs(site: ResolvedSite): Record<string, unknown>[] {
  return (site.scaleOut?.federation ?? []).map((f) => ({
    job_name: f.name,
    honor_labels: true,
    metrics_path: '/federate',
    params: { 'match[]': f.match },
    ...(f.interval !== undefined && { scrape_interval: f.interval }),
    ...(f.timeout !== undefined && { scrape_timeout: f.timeout }),
    ...(f.scheme !== 'http' && { scheme: f.scheme }),
    ...(f.tls !== undefined && { tls_config: tlsConfig(f.tls) }),
    ...(f.bearerTokenFile !== undefined && { authorization: { credentials_file: f.bearerTokenFile } }),
    ...(f.basicAuth !== undefined && { basic_auth: { username: f.basicAuth.username, password_file: f.basicAuth.passwordFile } }),
    static_configs: [{ targets: f.targets }],
  }));
}

/** Every Alertmanager Prometheus sends to: each member of the cluster, or the one Alertmanager. */
export const alertmanagerAddresses = (site: ResolvedSite): string[] =>
  site.scaleOut?.alertmanagers?.map((m) => m.address) ?? [site.alertmanager.address];

type Job = Record<string, unknown> & { job_name: string; relabel_configs?: unknown[]; static_configs?: unknown[] };

/**
 * The single-server prometheus.yml turned into one instance's: its external labels (the replica
 * label), every Alertmanager, its shard of the targets, the federation jobs and remote write. The
 * self-scrape jobs watch every Prometheus and every Alertmanager from each instance, unsharded, so a
 * dead instance is noticed by the others.
 */
export function instanceConfig(
  site: ResolvedSite,
  base: Record<string, unknown>,
  instance: ResolvedPrometheusInstance,
): Record<string, unknown> {
  const so = site.scaleOut!;
  const global = base['global'] as Record<string, unknown>;
  // With `instanceLabel: host` the instance is the host name, or `host:port` where a host runs several.
  const selfTargets = (job: string, servers: { host: { name: string }; address: string; port: number }[]) => ({
    job_name: job,
    static_configs: servers.map((s) => {
      const shared = servers.filter((x) => x.host.name === s.host.name).length > 1;
      const instance = site.prometheus.instanceLabel === 'host' && { instance: shared ? `${s.host.name}:${s.port}` : s.host.name };
      return { targets: [s.address], labels: { host: s.host.name, ...instance } };
    }),
  });
  const alertmanagers = so.alertmanagers ?? [
    { host: site.alertmanager.host, address: site.alertmanager.address, port: site.alertmanager.port },
  ];
  const jobs = [...(base['scrape_configs'] as Job[]), ...(federationJobs(site) as Job[])].map((job): Job => {
    if (job.job_name === 'prometheus' && job.static_configs !== undefined) return selfTargets('prometheus', so.instances);
    if (job.job_name === 'alertmanager' && job.static_configs !== undefined) return selfTargets('alertmanager', alertmanagers);
    if (so.shards < 2) return job;
    return { ...job, relabel_configs: [...shardRelabel(instance.shard, so.shards), ...(job.relabel_configs ?? [])] };
  });
  const label = so.replicaLabel;
  return {
    ...base,
    global: { ...global, external_labels: instance.externalLabels },
    alerting: {
      // Replicas send the same alerts: without their replica label the Alertmanagers see one alert.
      ...(label !== undefined && { alert_relabel_configs: [{ action: 'labeldrop', regex: label }] }),
      alertmanagers: [{ static_configs: [{ targets: alertmanagerAddresses(site) }] }],
    },
    scrape_configs: jobs,
    ...(so.remoteWrite.length > 0 && { remote_write: so.remoteWrite.map(remoteWrite) }),
  };
}

/** Flags of an instance: its listen address, and a TSDB folder of its own when the site names one. */
export function instanceArgs(site: ResolvedSite, instance: ResolvedPrometheusInstance): string {
  const p = site.prometheus;
  const first = instance.shard === 0 && instance.replica === 0;
  const flags = [
    '--config.file=prometheus.yml',
    ...(p.tsdbPath !== undefined ? [`--storage.tsdb.path=${first ? p.tsdbPath : `${p.tsdbPath}-${instance.id}`}`] : []),
    `--storage.tsdb.retention.time=${p.retentionTime}`,
    ...(p.retentionSize !== undefined ? [`--storage.tsdb.retention.size=${p.retentionSize}`] : []),
    `--web.listen-address=${listenAddress(instance.bind, instance.port)}`,
    ...(first && p.exposedVia !== undefined ? [`--web.external-url=${p.externalUrl}/`] : []),
  ];
  return flags.join('\n') + '\n';
}

/**
 * vmalert for the rules that need several shards' series: it reads them from VictoriaMetrics,
 * writes recording results and alert state back, and sends alerts to every Alertmanager.
 */
export function vmalertArgs(site: ResolvedSite, t: ResolvedRemoteWrite, ruleRefs: string[]): string {
  const ruler = t.ruler!;
  const labels = Object.entries(site.prometheus.externalLabels).map(([k, v]) => `-external.label=${k}=${v}`);
  // The store's credentials and TLS, by file, for each of vmalert's three clients.
  const client = (c: 'datasource' | 'remoteWrite' | 'remoteRead') => [
    `-${c}.url=${t.queryUrl}`,
    ...(t.basicAuth !== undefined
      ? [`-${c}.basicAuth.username=${t.basicAuth.username}`, `-${c}.basicAuth.passwordFile=${t.basicAuth.passwordFile}`]
      : []),
    ...(t.bearerTokenFile !== undefined ? [`-${c}.bearerTokenFile=${t.bearerTokenFile}`] : []),
    ...(t.tls?.caFile !== undefined ? [`-${c}.tlsCAFile=${t.tls.caFile}`] : []),
    ...(t.tls?.certFile !== undefined ? [`-${c}.tlsCertFile=${t.tls.certFile}`] : []),
    ...(t.tls?.keyFile !== undefined ? [`-${c}.tlsKeyFile=${t.tls.keyFile}`] : []),
    ...(t.tls?.serverName !== undefined ? [`-${c}.tlsServerName=${t.tls.serverName}`] : []),
  ];
  return (
    [
      ...ruleRefs.map((r) => `-rule=../${r}`),
      ...client('datasource'),
      ...client('remoteWrite'),
      ...client('remoteRead'),
      ...alertmanagerAddresses(site).map((a) => `-notifier.url=http://${a}`),
      `-evaluationInterval=${site.prometheus.evaluationInterval}`,
      ...labels,
      `-httpListenAddr=${listenAddress(ruler.bind, ruler.port)}`,
    ].join('\n') + '\n'
  );
}

/** Which rule files each shard evaluates, and which need a ruler over the store. */
export function shardsReadme(site: ResolvedSite, local: string[], cross: string[]): string {
  const so = site.scaleOut!;
  const vm = so.remoteWrite.filter((t) => t.engine === 'victoriametrics');
  const list = (refs: string[]) => (refs.length === 0 ? ['- (none)'] : refs.map((r) => `- \`${r}\``));
  return [
    `# Shards of ${site.name}`,
    '',
    'Generated by kiln - do not edit; change the site definition and run `kiln build`.',
    '',
    `${so.shards} shards split the targets by \`hashmod\` of \`__address__\`; each shard keeps the targets whose hash is its number.`,
    '',
    'Rule files every shard evaluates (each rule reads series of single targets):',
    '',
    ...list(local),
    '',
    "Rule files that need every shard's series (`absent()`, aggregations or joins across targets), evaluated by the store's ruler:",
    '',
    ...list(cross),
    '',
    ...(cross.length === 0
      ? []
      : vm.length > 0
        ? vm.map((t) => `vmalert for \`${t.name}\`: \`vmalert/${t.name}.args\` (flags, one per line; run it from that folder).`)
        : [
            'No VictoriaMetrics target is declared, so Kiln writes no vmalert flags: load these files into the ruler of your store',
            '(Thanos Ruler `--rule-file`, `mimirtool rules load`).',
          ]),
    '',
  ].join('\n');
}
