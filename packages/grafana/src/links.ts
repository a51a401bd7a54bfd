/**
 * Alerts → dashboards. `dashboardLinks(site)` tells, for every alert Kiln generates, which panel shows
 * its signal, so the Prometheus generator can add a `dashboard_url` annotation:
 *
 * ```ts
 * const link = dashboardLinks(site).get(rule.alert);
 * if (link) annotations.dashboard_url = `${grafanaRootUrl}${link.annotationTemplate}`;
 * ```
 *
 * `annotationTemplate` carries `{{ $labels.x }}` for the dashboard variables, so each alert opens the
 * panel on its own host / mount. Alerts whose signal no panel declares (e.g. the site's own rules)
 * link to the alerts table, filtered to that alert.
 */
import type { ResolvedSite } from '@kiln/model';
import { alertCatalog } from './alert-catalog.js';
import { standardUid } from './catalog.js';
import { ALERT_TABLE_TITLE, buildDashboards, type DashboardFactory } from './dashboards/index.js';
import { linkTo, locateSignals, type AlertDashboardLink } from './signals.js';

export function dashboardLinks(site: ResolvedSite, extra: readonly DashboardFactory[] = []): Map<string, AlertDashboardLink> {
  const dashboards = buildDashboards(site, extra);
  const located = locateSignals(dashboards);
  const alerts = dashboards.find((d) => d.model.uid === standardUid(site, 'alerts'));
  const table = alerts?.model.panels?.find((p) => p.title === ALERT_TABLE_TITLE);
  const links = new Map<string, AlertDashboardLink>();
  for (const { alert } of alertCatalog(site)) {
    const link = located.get(alert) ?? (alerts && table?.id !== undefined ? linkTo(alerts, table.id, ALERT_TABLE_TITLE, { alertname: 'alertname' }) : undefined);
    if (link) links.set(alert, link);
  }
  return links;
}
