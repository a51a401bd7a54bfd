import type { ResolvedSite } from '@kiln/model';
import type { CatalogAlert, KilnDashboard } from '@kiln/plan';
import { alertsDashboard } from './alerts.js';
import { gpuDashboard } from './gpu.js';
import { clusterDashboard, kubernetesResourcesDashboard, servicesDashboard } from './kubernetes.js';
import { nodeDashboard } from './node.js';
import { overviewDashboard } from './overview.js';
import { storageDashboard } from './storage.js';

/** What a dashboard factory may read besides the site: the plan's alert catalog and the dashboards built before it. */
export interface DashboardContext {
  catalog: readonly CatalogAlert[];
  built: readonly KilnDashboard[];
}

/** A dashboard as a pure function of the site; undefined when the site has nothing for it to show. */
export type DashboardFactory = (site: ResolvedSite, context: DashboardContext) => KilnDashboard | undefined;

/** The standard dashboards, in the order links are resolved and files listed. */
export const STANDARD_FACTORIES: readonly DashboardFactory[] = [
  overviewDashboard,
  clusterDashboard,
  nodeDashboard,
  kubernetesResourcesDashboard,
  servicesDashboard,
  gpuDashboard,
  storageDashboard,
  alertsDashboard,
];

export { ALERT_TABLE_TITLE } from './alerts.js';

/** Standard dashboards then the site's own, skipping factories that return undefined; each sees those built before it. */
export function buildDashboards(
  site: ResolvedSite,
  catalog: readonly CatalogAlert[],
  extra: readonly DashboardFactory[] = [],
): KilnDashboard[] {
  const built: KilnDashboard[] = [];
  for (const factory of [...STANDARD_FACTORIES, ...extra]) {
    const d = factory(site, { catalog, built: [...built] });
    if (d !== undefined) built.push(d);
  }
  return built;
}
