import type { ResolvedScrapeJob, ResolvedSite } from '@kiln/model';
import { scrapeTargets } from './targets.js';

export const FILE_SD_DIR = 'file_sd';
export const RULES_DIR = 'rules';
export const TESTS_DIR = 'tests';
const FILE_SD_REFRESH = '1m';

function staticJob(job: ResolvedScrapeJob): Record<string, unknown> {
  const tls = job.tls && {
    ...(job.tls.caFile !== undefined && { ca_file: job.tls.caFile }),
    ...(job.tls.certFile !== undefined && { cert_file: job.tls.certFile }),
    ...(job.tls.keyFile !== undefined && { key_file: job.tls.keyFile }),
    ...(job.tls.serverName !== undefined && { server_name: job.tls.serverName }),
    ...(job.tls.insecureSkipVerify !== undefined && { insecure_skip_verify: job.tls.insecureSkipVerify }),
  };
  return {
    job_name: job.name,
    ...(job.interval !== undefined && { scrape_interval: job.interval }),
    ...(job.timeout !== undefined && { scrape_timeout: job.timeout }),
    ...(job.metricsPath !== '/metrics' && { metrics_path: job.metricsPath }),
    ...(job.scheme !== 'http' && { scheme: job.scheme }),
    ...(tls && { tls_config: tls }),
    ...(job.bearerTokenFile !== undefined && { authorization: { credentials_file: job.bearerTokenFile } }),
    ...(job.basicAuth !== undefined && { basic_auth: { username: job.basicAuth.username, password_file: job.basicAuth.passwordFile } }),
    static_configs: [{ targets: job.targets, ...(Object.keys(job.labels).length > 0 && { labels: job.labels }) }],
  };
}

/** prometheus.yml: global settings, Alertmanager, rule files and one scrape job per exporter kind. */
export function prometheusConfig(site: ResolvedSite, ruleFiles: string[]): Record<string, unknown> {
  const p = site.prometheus;
  const inventoryJobs = scrapeTargets(site).filter((j) => site.hosts.some((h) => h.exporters.some((e) => e.kind === j.job)));
  return {
    global: {
      scrape_interval: p.scrapeInterval,
      scrape_timeout: p.scrapeTimeout,
      evaluation_interval: p.evaluationInterval,
      external_labels: p.externalLabels,
    },
    alerting: { alertmanagers: [{ static_configs: [{ targets: [site.alertmanager.address] }] }] },
    rule_files: ruleFiles,
    scrape_configs: [
      { job_name: 'prometheus', static_configs: [{ targets: [p.address], labels: { host: p.host.name } }] },
      { job_name: 'alertmanager', static_configs: [{ targets: [site.alertmanager.address], labels: { host: site.alertmanager.host.name } }] },
      ...inventoryJobs.map((j) => ({
        job_name: j.job,
        file_sd_configs: [{ files: [`${FILE_SD_DIR}/${j.job}.json`], refresh_interval: FILE_SD_REFRESH }],
      })),
      ...site.scrapeJobs.map(staticJob),
    ],
  };
}

/** file_sd JSON per exporter kind: one target group per host, labelled with the inventory host. */
export function fileSd(site: ResolvedSite): Map<string, { targets: string[]; labels: Record<string, string> }[]> {
  const files = new Map<string, { targets: string[]; labels: Record<string, string> }[]>();
  for (const host of site.hosts) {
    for (const e of host.exporters) {
      const list = files.get(e.kind) ?? [];
      list.push({ targets: [e.target], labels: { ...host.labels, host: host.name } });
      files.set(e.kind, list);
    }
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Command-line flags for settings prometheus.yml cannot hold (retention, listen address). */
export function prometheusArgs(site: ResolvedSite): string {
  const p = site.prometheus;
  const listen = p.bind.kind === 'interface' ? p.bind.interface.address : p.bind.kind === 'loopback' ? '127.0.0.1' : p.bind.address;
  const flags = [
    `--config.file=prometheus.yml`,
    `--storage.tsdb.retention.time=${p.retentionTime}`,
    ...(p.retentionSize !== undefined ? [`--storage.tsdb.retention.size=${p.retentionSize}`] : []),
    `--web.listen-address=${listen === 'dhcp' ? (p.bind.kind === 'interface' ? p.bind.interface.reachableAs : '') : listen.includes(':') ? `[${listen}]` : listen}:${p.port}`,
  ];
  return flags.join('\n') + '\n';
}
