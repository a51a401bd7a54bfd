import type { Artifact, ResolvedSite } from '@kiln/model';
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboards, type DashboardFactory } from './dashboards/index.js';
import { sortKeys } from './json.js';
import { dashboardsProvisioning, datasourcesProvisioning, grafanaReadme, type GrafanaOptions } from './provisioning.js';

export const DASHBOARDS_DIR = 'grafana/dashboards';

/**
 * The JSON of a dashboard: a sorted-key copy of the model with two SDK defaults left out.
 * - Its link builder always sets `placement: inControlsMenu`, which tucks dashboard links into a
 *   menu in Grafana 12+; without it the links to the site's other dashboards show in the header.
 * - Every variable gets `auto`, `auto_count` and `auto_min`, settings of *interval* variables that
 *   Grafana's dashboard schema does not define for the other kinds.
 */
export function dashboardJson(model: Dashboard): unknown {
  const links = model.links?.map(({ placement: _placement, ...link }) => link);
  const list = model.templating?.list?.map((v) => {
    if (v.type === 'interval') return v;
    const { auto: _auto, auto_count: _count, auto_min: _min, ...rest } = v;
    return rest;
  });
  return sortKeys({ ...model, ...(links && { links }), ...(list && { templating: { ...model.templating, list } }) });
}

/**
 * Every Grafana artifact of a site, under `grafana/`: the standard dashboards the inventory calls
 * for, the site's own (`extra`), and provisioning for data sources and dashboards. Pure.
 */
export function generateGrafana(site: ResolvedSite, extra: readonly DashboardFactory[] = [], options: GrafanaOptions = {}): Artifact[] {
  const dashboards: Artifact[] = buildDashboards(site, extra).map((d) => ({
    path: `${DASHBOARDS_DIR}/${d.model.uid}.json`,
    format: 'json',
    value: dashboardJson(d.model),
  }));
  return [
    ...dashboards,
    { path: 'grafana/provisioning/datasources/kiln.yaml', format: 'yaml', value: datasourcesProvisioning(site) },
    { path: 'grafana/provisioning/dashboards/kiln.yaml', format: 'yaml', value: dashboardsProvisioning(site, options) },
    { path: 'grafana/README.md', format: 'text', value: grafanaReadme(site, options) },
  ];
}
