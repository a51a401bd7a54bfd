/**
 * The alerts Kiln generates for a site, by name. It follows `deriveAlerts` of @kiln/prometheus rule
 * for rule, calling the same constructors of @kiln/exporters, but cannot import it: the Prometheus
 * generator is to import `dashboardLinks` from here. A test compares it with the generated rules.
 */
import {
  EXPORTERS,
  gpuUnavailableAlert,
  instanceDownAlert,
  nfsMountAlert,
  scratchPressureAlert,
  watchdogAlert,
  type DerivedAlert,
} from '@kiln/exporters';
import type { ResolvedHost, ResolvedSite, Severity } from '@kiln/model';

export interface CatalogAlert {
  alert: string;
  /** Every severity the rules of this name carry, sorted. */
  severities: Severity[];
  /** One-line summary of the first rule (may contain Prometheus templates). */
  summary: string;
  source: 'inventory' | 'site';
}

const runs = (h: ResolvedHost, kind: string) => h.exporters.some((e) => e.kind === kind);

/** Scrape jobs in the order of `scrapeTargets` (@kiln/prometheus): self-monitoring, exporters, static jobs. */
export function scrapeJobs(site: ResolvedSite): { job: string; targets: { host?: string; instance: string }[] }[] {
  const kinds = [...new Set(site.hosts.flatMap((h) => h.exporters.map((e) => e.kind)))].sort();
  return [
    { job: 'prometheus', targets: [{ host: site.prometheus.host.name, instance: site.prometheus.address }] },
    { job: 'alertmanager', targets: [{ host: site.alertmanager.host.name, instance: site.alertmanager.address }] },
    ...kinds.map((kind) => ({
      job: kind,
      targets: site.hosts.flatMap((h) => h.exporters.filter((e) => e.kind === kind).map((e) => ({ host: h.name, instance: e.target }))),
    })),
    ...site.scrapeJobs.map((j) => ({ job: j.name, targets: j.targets.map((t) => ({ instance: t })) })),
  ];
}

function derived(site: ResolvedSite): DerivedAlert[] {
  const out: DerivedAlert[] = [watchdogAlert(site)];
  for (const j of scrapeJobs(site)) {
    if (j.targets.length > 0) out.push(instanceDownAlert(j.job, j.targets, j.job === 'node' ? 'critical' : 'warning'));
  }
  for (const m of site.mounts) if (m.protocol === 'nfs' && runs(m.host, 'node')) out.push(nfsMountAlert(m));
  for (const h of site.hosts) {
    if (h.gpus.length > 0 && runs(h, 'nvidia-gpu')) out.push(gpuUnavailableAlert(h));
    if (runs(h, 'node')) for (const d of h.disks) if (d.role === 'scratch') out.push(scratchPressureAlert(h, d));
  }
  for (const module of Object.values(EXPORTERS)) {
    const hosts = site.hosts.filter((h) => runs(h, module.kind));
    out.push(...module.alertPack(hosts, module.kind));
  }
  return out;
}

/**
 * Deriving the alerts builds every rule with its test scenario (~40 ms per 1,000 hosts), and several
 * dashboards ask for the catalog of the same site object: remember it per site object.
 */
const memo = new WeakMap<ResolvedSite, readonly CatalogAlert[]>();

/** Every alert name of the site (derived and the site's own), sorted by name. */
export function alertCatalog(site: ResolvedSite): CatalogAlert[] {
  let catalog = memo.get(site);
  if (catalog === undefined) memo.set(site, (catalog = computeCatalog(site)));
  return catalog.map((a) => ({ ...a, severities: [...a.severities] }));
}

function computeCatalog(site: ResolvedSite): CatalogAlert[] {
  const byName = new Map<string, CatalogAlert>();
  const add = (alert: string, severity: Severity, summary: string, source: CatalogAlert['source']) => {
    const entry = byName.get(alert);
    if (entry === undefined) byName.set(alert, { alert, severities: [severity], summary, source });
    else if (!entry.severities.includes(severity)) entry.severities = [...entry.severities, severity].sort();
  };
  for (const a of derived(site)) add(a.alert, a.severity, a.summary, 'inventory');
  for (const a of site.alerts) add(a.name, a.severity, a.summary, 'site');
  return [...byName.values()].sort((a, b) => (a.alert < b.alert ? -1 : a.alert > b.alert ? 1 : 0));
}
