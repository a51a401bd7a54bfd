import type { ResolvedServer, ResolvedSite } from '@kiln/model';

export interface JobTargets {
  job: string;
  /** Targets with the inventory host they belong to, when known. */
  targets: { host?: string; instance: string }[];
}

/** Every scrape job of the site and its targets, in output order: self-monitoring, exporters, static jobs. */
export function scrapeTargets(site: ResolvedSite): JobTargets[] {
  const jobs: JobTargets[] = [
    { job: 'prometheus', targets: [{ host: site.prometheus.host.name, instance: serverInstance(site, site.prometheus) }] },
    { job: 'alertmanager', targets: [{ host: site.alertmanager.host.name, instance: serverInstance(site, site.alertmanager) }] },
  ];
  const kinds = [...new Set(site.hosts.flatMap((h) => h.exporters.map((e) => e.kind)))].sort();
  for (const kind of kinds) {
    // A multi-target exporter (pve) has one target per host it queries, labelled with that host.
    const targets = site.hosts.flatMap((h) =>
      h.exporters
        .filter((e) => e.kind === kind)
        .flatMap((e) => e.probes?.map((p) => ({ host: p.host, instance: p.address })) ?? [{ host: h.name, instance: e.instance }]),
    );
    jobs.push({ job: kind, targets });
  }
  for (const j of site.scrapeJobs) jobs.push({ job: j.name, targets: j.targets.map((t) => ({ instance: t })) });
  return jobs;
}

/** The `instance` label of the Prometheus or Alertmanager self-scrape target. */
export function serverInstance(site: ResolvedSite, server: ResolvedServer): string {
  return site.prometheus.instanceLabel === 'host' ? server.host.name : server.address;
}
