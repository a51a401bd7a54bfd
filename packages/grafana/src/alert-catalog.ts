/**
 * The alerts Kiln generates for a site, by name: `deriveAlerts` of @kiln/exporters (the same list the
 * Prometheus generator writes as rules) plus the site's own alerts.
 */
import { deriveAlerts } from '@kiln/exporters';
import type { ResolvedSite, Severity } from '@kiln/model';

export interface CatalogAlert {
  alert: string;
  /** Every severity the rules of this name carry, sorted. */
  severities: Severity[];
  /** One-line summary of the first rule (may contain Prometheus templates). */
  summary: string;
  source: 'inventory' | 'site';
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
  for (const a of deriveAlerts(site)) add(a.alert, a.severity, a.summary, 'inventory');
  for (const a of site.alerts) add(a.name, a.severity, a.summary, 'site');
  return [...byName.values()].sort((a, b) => (a.alert < b.alert ? -1 : a.alert > b.alert ? 1 : 0));
}
