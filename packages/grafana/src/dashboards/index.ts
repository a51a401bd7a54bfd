import type { ResolvedSite } from '@kiln/model';
import type { KilnDashboard } from '../compose.js';
import { alertsDashboard } from './alerts.js';
import { gpuDashboard } from './gpu.js';
import { nodeDashboard } from './node.js';
import { overviewDashboard } from './overview.js';
import { storageDashboard } from './storage.js';

/** A dashboard as a pure function of the site; undefined when the site has nothing for it to show. */
export type DashboardFactory = (site: ResolvedSite) => KilnDashboard | undefined;

/** The standard dashboards, in the order links are resolved and files listed. */
export const STANDARD_FACTORIES: readonly DashboardFactory[] = [overviewDashboard, nodeDashboard, gpuDashboard, storageDashboard, alertsDashboard];

export { ALERT_TABLE_TITLE } from './alerts.js';

/** Standard dashboards then the site's own, skipping factories that return undefined. */
export function buildDashboards(site: ResolvedSite, extra: readonly DashboardFactory[] = []): KilnDashboard[] {
  return [...STANDARD_FACTORIES, ...extra].map((f) => f(site)).filter((d): d is KilnDashboard => d !== undefined);
}
