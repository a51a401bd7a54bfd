/** The standard dashboards: ids (part of the uid, so never renamed), names, and how to link to them. */
import type { ResolvedSite } from '@kiln/model';
import { dashboardPath, dashboardUid } from './ids.js';

export const STANDARD_DASHBOARDS = {
  overview: 'Site overview',
  node: 'Node detail',
  gpu: 'GPUs',
  storage: 'Storage and NFS mounts',
  alerts: 'Alerts',
} as const;

export type StandardDashboardId = keyof typeof STANDARD_DASHBOARDS;

export function standardTitle(site: ResolvedSite, id: StandardDashboardId): string {
  return `${site.name}: ${STANDARD_DASHBOARDS[id]}`;
}

export function standardUid(site: ResolvedSite, id: StandardDashboardId): string {
  return dashboardUid(site.name, id);
}

/**
 * A data link to a standard dashboard for the value under the cursor, keeping the time range:
 * `vars` maps a dashboard variable to the label that sets it, e.g. `{ host: 'host' }`, read from
 * the series' labels (graphs) or from the row's column of that name (tables).
 */
export function drilldownUrl(
  site: ResolvedSite,
  id: StandardDashboardId,
  vars: Record<string, string>,
  from: 'series' | 'table' = 'series',
): string {
  const value = (label: string) => (from === 'series' ? `\${__field.labels.${label}}` : `\${__data.fields.${label}}`);
  const params = Object.entries(vars).map(([v, label]) => `var-${v}=${value(label)}`);
  return `${dashboardPath(standardUid(site, id), standardTitle(site, id))}?${[...params, '${__url_time_range}'].join('&')}`;
}
