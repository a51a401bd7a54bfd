/**
 * Alerts → dashboards: for every alert of the site, which panel shows its signal, so the Prometheus
 * target can add a `dashboard_url` annotation (it reads `plan.alertLinks`). `annotationTemplate`
 * carries `{{ $labels.x }}` for the dashboard variables, so each alert opens the panel on its own
 * host / mount. Alerts whose signal no panel declares (e.g. the site's own rules) link to the alerts
 * table, filtered to that alert.
 */
import type { ResolvedSite } from '@kiln/model';
import type { AlertDashboardLink, CatalogAlert, KilnDashboard, Plan } from '@kiln/plan';
import { standardUid } from './catalog.js';
import { ALERT_TABLE_TITLE, buildDashboards, type DashboardFactory } from './dashboards/index.js';
import { linkTo, locateSignals } from './signals.js';

export function dashboardLinks(
  site: ResolvedSite,
  dashboards: readonly KilnDashboard[],
  catalog: readonly CatalogAlert[],
): Map<string, AlertDashboardLink> {
  const located = locateSignals(dashboards);
  const alerts = dashboards.find((d) => d.model.uid === standardUid(site, 'alerts'));
  const table = alerts?.model.panels?.find((p) => p.title === ALERT_TABLE_TITLE);
  const links = new Map<string, AlertDashboardLink>();
  for (const { alert } of catalog) {
    const link =
      located.get(alert) ??
      (alerts && table?.id !== undefined ? filteredTo(alert, linkTo(alerts, table.id, ALERT_TABLE_TITLE)) : undefined);
    if (link) links.set(alert, link);
  }
  return links;
}

/**
 * The alerts table filtered to one alert. The alert name goes in literally: `$labels.alertname` is
 * empty in annotation templates (Prometheus adds `alertname` after expanding them).
 */
function filteredTo(alert: string, link: AlertDashboardLink): AlertDashboardLink {
  const param = `&var-alertname=${encodeURIComponent(alert)}`;
  return { ...link, path: link.path + param, annotationTemplate: link.annotationTemplate + param };
}

/** The dashboard part of the plan: the standard dashboards and the site's own, and the alert → panel links. */
export function planDashboards(
  site: ResolvedSite,
  catalog: readonly CatalogAlert[],
  extra: readonly DashboardFactory[] = [],
): Pick<Plan, 'dashboards' | 'alertLinks'> {
  const dashboards = buildDashboards(site, catalog, extra);
  return { dashboards, alertLinks: dashboardLinks(site, dashboards, catalog) };
}
