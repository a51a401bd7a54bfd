import type { ResolvedScrapeJob, ResolvedSite, ResolvedTls } from '@kiln/model';
import { EXPORTERS, scrapeTargets, serverInstance } from '@kiln/exporters';
import { layout, listenAddress as listenOn } from '@kiln/plan';

const FILE_SD_REFRESH = '1m';

/** `tls_config` of a scrape job. */
export function tlsConfig(tls: ResolvedTls): Record<string, unknown> {
  return {
    ...(tls.caFile !== undefined && { ca_file: tls.caFile }),
    ...(tls.certFile !== undefined && { cert_file: tls.certFile }),
    ...(tls.keyFile !== undefined && { key_file: tls.keyFile }),
    ...(tls.serverName !== undefined && { server_name: tls.serverName }),
    ...(tls.insecureSkipVerify !== undefined && { insecure_skip_verify: tls.insecureSkipVerify }),
  };
}

export function staticJob(job: ResolvedScrapeJob): Record<string, unknown> {
  const tls = job.tls && tlsConfig(job.tls);
  return {
    job_name: job.name,
    ...(job.interval !== undefined && { scrape_interval: job.interval }),
    ...(job.timeout !== undefined && { scrape_timeout: job.timeout }),
    ...(job.metricsPath !== '/metrics' && { metrics_path: job.metricsPath }),
    ...(job.scheme !== 'http' && { scheme: job.scheme }),
    ...(tls && { tls_config: tls }),
    ...(job.bearerTokenFile !== undefined && { authorization: { credentials_file: job.bearerTokenFile } }),
    ...(job.basicAuth !== undefined && { basic_auth: { username: job.basicAuth.username, password_file: job.basicAuth.passwordFile } }),
    ...(job.httpSd !== undefined
      ? { http_sd_configs: [{ url: job.httpSd.url, refresh_interval: job.httpSd.refreshInterval }] }
      : { static_configs: [{ targets: job.targets, ...(Object.keys(job.labels).length > 0 && { labels: job.labels }) }] }),
  };
}

/**
 * A multi-target exporter (pve): the target list names the hosts it queries; relabelling passes
 * each as `?target=`, keeps it as `instance`, and sends the scrape to the exporter itself.
 */
export function multiTargetSettings(kind: string, exporterAddress: string): Record<string, unknown> {
  const scrape = EXPORTERS[kind as keyof typeof EXPORTERS]?.scrape;
  if (scrape === undefined) return {};
  return {
    metrics_path: scrape.metricsPath,
    params: scrape.params,
    relabel_configs: [
      { source_labels: ['__address__'], target_label: '__param_target' },
      { source_labels: ['__param_target'], target_label: 'instance' },
      { target_label: '__address__', replacement: exporterAddress },
    ],
  };
}

/**
 * prometheus.yml: global settings, Alertmanager, rule files and one scrape job per exporter kind.
 * `fileSdPath` names the target file of a job as the deployment lays it out (default `file_sd/<job>.json`).
 */
export function prometheusConfig(
  site: ResolvedSite,
  ruleFiles: string[],
  fileSdPath: (job: string) => string = layout.prometheus.fileSdRef,
): Record<string, unknown> {
  const p = site.prometheus;
  const inventoryJobs = scrapeTargets(site).filter((j) => site.hosts.some((h) => h.exporters.some((e) => e.kind === j.job)));
  // resolve() guarantees that all exporters of one kind share scheme and TLS settings.
  const exporterOf = (kind: string) => site.hosts.flatMap((h) => h.exporters).find((e) => e.kind === kind)!;
  const selfLabels = (host: string, instance: string) => ({ host, ...(p.instanceLabel === 'host' && { instance }) });
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
      { job_name: 'prometheus', static_configs: [{ targets: [p.address], labels: selfLabels(p.host.name, serverInstance(site, p)) }] },
      {
        job_name: 'alertmanager',
        static_configs: [
          {
            targets: [site.alertmanager.address],
            labels: selfLabels(site.alertmanager.host.name, serverInstance(site, site.alertmanager)),
          },
        ],
      },
      ...inventoryJobs.map((j) => {
        const e = exporterOf(j.job);
        return {
          job_name: j.job,
          ...(e.scheme !== 'http' && { scheme: e.scheme }),
          ...(e.tls && { tls_config: tlsConfig(e.tls) }),
          ...multiTargetSettings(j.job, e.target),
          file_sd_configs: [{ files: [fileSdPath(j.job)], refresh_interval: FILE_SD_REFRESH }],
        };
      }),
      ...site.scrapeJobs.map(staticJob),
    ],
  };
}

/**
 * file_sd JSON per exporter kind: one target group per host, labelled with the inventory host and the
 * job, so a file still names its job when a deployment scrapes the folder with one glob.
 */
export function fileSd(site: ResolvedSite): Map<string, { targets: string[]; labels: Record<string, string> }[]> {
  const files = new Map<string, { targets: string[]; labels: Record<string, string> }[]>();
  for (const host of site.hosts) {
    for (const e of host.exporters) {
      const list = files.get(e.kind) ?? [];
      const instance: Record<string, string> = e.instance !== e.target ? { instance: e.instance } : {};
      if (e.probes !== undefined) {
        // Multi-target: one target per queried host, labelled with that host (see multiTargetSettings).
        for (const p of e.probes)
          list.push({ targets: [p.address], labels: { ...site.hosts.find((x) => x.name === p.host)?.labels, host: p.host, job: e.kind } });
      } else list.push({ targets: [e.target], labels: { ...host.labels, host: host.name, ...instance, job: e.kind } });
      files.set(e.kind, list);
    }
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** `host:port` Prometheus listens on (`--web.listen-address`). */
export const listenAddress = (site: ResolvedSite): string => listenOn(site.prometheus.bind, site.prometheus.port);

/** Command-line flags for settings prometheus.yml cannot hold (storage, retention, listen address, external URL). */
export function prometheusArgs(site: ResolvedSite): string {
  const p = site.prometheus;
  const flags = [
    `--config.file=prometheus.yml`,
    ...(p.tsdbPath !== undefined ? [`--storage.tsdb.path=${p.tsdbPath}`] : []),
    `--storage.tsdb.retention.time=${p.retentionTime}`,
    ...(p.retentionSize !== undefined ? [`--storage.tsdb.retention.size=${p.retentionSize}`] : []),
    `--web.listen-address=${listenAddress(site)}`,
    ...(p.exposedVia !== undefined ? [`--web.external-url=${p.externalUrl}/`] : []),
  ];
  return flags.join('\n') + '\n';
}
