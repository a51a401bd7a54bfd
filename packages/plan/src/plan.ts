/**
 * The plan of a site: what every deployment target reads, computed once per site by the pipeline
 * (`@kiln/cli`). Targets are pure functions of the plan; none imports another target. What two
 * targets share — the alert list, the dashboards, which panel shows which alert — lives here.
 */
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { deriveAlerts, type DerivedAlert } from '@kiln/exporters';
import type { ResolvedSite, Severity } from '@kiln/model';

/** An alert whose signal a panel shows, and which dashboard variables to set from its labels. */
export interface PanelSignal {
  alert: string;
  /** Dashboard variable → alert label whose value selects it, e.g. `{ host: 'host' }`. */
  vars?: Record<string, string>;
}

/** A signal located on its panel. */
export interface LocatedSignal extends PanelSignal {
  panelId: number;
  panelTitle: string;
}

/**
 * A dashboard of the site: the Grafana model (built with the foundation SDK or by hand) and which
 * panels show the signal of which alerts.
 */
export interface KilnDashboard {
  model: Dashboard;
  signals?: LocatedSignal[];
}

/** Where an alert's signal is shown. */
export interface AlertDashboardLink {
  dashboardUid: string;
  dashboardTitle: string;
  panelId: number;
  panelTitle: string;
  /** `/d/<uid>/<slug>?viewPanel=<id>`: prefix Grafana's root URL to open it. */
  path: string;
  /** Dashboard variable → alert label that selects it (e.g. `{ host: 'host' }`). */
  vars: Record<string, string>;
  /**
   * `path` plus `&var-<v>={{ $labels.<label> }}` per variable: ready for a Prometheus rule
   * annotation, which Prometheus expands per alert (prefix the Grafana root URL).
   */
  annotationTemplate: string;
}

/** One alert name of the site, derived or the site's own. */
export interface CatalogAlert {
  alert: string;
  /** Every severity the rules of this name carry, sorted. */
  severities: Severity[];
  /** One-line summary of the first rule (may contain Prometheus templates). */
  summary: string;
  source: 'inventory' | 'site';
}

export interface Plan {
  readonly site: ResolvedSite;
  /** The alert rules derived from the inventory, in derivation order (the site's own are `site.alerts`). */
  readonly alerts: readonly DerivedAlert[];
  /** Every alert name (derived and the site's own), sorted by name. */
  readonly catalog: readonly CatalogAlert[];
  /** The standard dashboards the inventory calls for, then the site's own. */
  readonly dashboards: readonly KilnDashboard[];
  /** Alert name → the panel that shows its signal. */
  readonly alertLinks: ReadonlyMap<string, AlertDashboardLink>;
}

/** Every alert name of the site, sorted by name, from the derived alerts and the site's own. */
export function alertCatalog(site: ResolvedSite, derived: readonly DerivedAlert[]): CatalogAlert[] {
  const byName = new Map<string, CatalogAlert>();
  const add = (alert: string, severity: Severity, summary: string, source: CatalogAlert['source']) => {
    const entry = byName.get(alert);
    if (entry === undefined) byName.set(alert, { alert, severities: [severity], summary, source });
    else if (!entry.severities.includes(severity)) entry.severities = [...entry.severities, severity].sort();
  };
  for (const a of derived) add(a.alert, a.severity, a.summary, 'inventory');
  for (const a of site.alerts) add(a.name, a.severity, a.summary, 'site');
  return [...byName.values()].sort((a, b) => (a.alert < b.alert ? -1 : a.alert > b.alert ? 1 : 0));
}

/** The alert part of the plan: the derived rules and the catalog of every alert name. */
export function planAlerts(site: ResolvedSite): Pick<Plan, 'alerts' | 'catalog'> {
  const alerts = deriveAlerts(site);
  return { alerts, catalog: alertCatalog(site, alerts) };
}

/** A plan without dashboards, for targets' unit tests and sites without Grafana links. */
export function planWithoutDashboards(site: ResolvedSite): Plan {
  return { site, ...planAlerts(site), dashboards: [], alertLinks: new Map() };
}
