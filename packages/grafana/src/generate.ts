import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import type { Artifact } from '@kiln/model';
import { layout, type Plan } from '@kiln/plan';
import { sortKeys } from './json.js';
import { dashboardsProvisioning, datasourcesProvisioning, grafanaReadme, type GrafanaOptions } from './provisioning.js';

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
    if ((v.type as string) === 'interval') return v;
    const { auto: _auto, auto_count: _count, auto_min: _min, ...rest } = v;
    return rest;
  });
  return sortKeys({ ...model, ...(links && { links }), ...(list && { templating: { ...model.templating, list } }) });
}

/**
 * Every Grafana artifact of a site, under `grafana/`: the plan's dashboards (the standard ones the
 * inventory calls for and the site's own) and provisioning for data sources and dashboards. Pure.
 */
export function generateGrafana(plan: Plan, options: GrafanaOptions = {}): Artifact[] {
  const { site } = plan;
  const dashboards: Artifact[] = plan.dashboards.map((d) => ({
    path: layout.grafana.dashboard(d.model.uid ?? ''),
    format: 'json',
    value: dashboardJson(d.model),
  }));
  return [
    ...dashboards,
    { path: layout.grafana.datasources, format: 'yaml', value: datasourcesProvisioning(site) },
    { path: layout.grafana.dashboardProvider, format: 'yaml', value: dashboardsProvisioning(site, options) },
    { path: layout.grafana.readme, format: 'text', value: grafanaReadme(site, options) },
  ];
}
