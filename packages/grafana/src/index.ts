export { generateGrafana, dashboardJson } from './generate.js';
export { buildDashboards, STANDARD_FACTORIES, type DashboardFactory, type DashboardContext } from './dashboards/index.js';
export { overviewDashboard } from './dashboards/overview.js';
export { nodeDashboard } from './dashboards/node.js';
export { gpuDashboard } from './dashboards/gpu.js';
export { storageDashboard } from './dashboards/storage.js';
export { alertsDashboard } from './dashboards/alerts.js';
export { composeDashboard, type DashboardDefinition } from './compose.js';
export type { KilnDashboard, LocatedSignal, PanelSignal, AlertDashboardLink, CatalogAlert } from '@kiln/plan';
export type { PanelSpec, Section } from './panel.js';
export * as presets from './presets.js';
export { sel, anyOf, type Query } from './query.js';
export { inventoryVariable, labelValuesVariable, datasourceVariable } from './variables.js';
export { EXPORTER_PANELS, type ExporterPanels, type ExporterPanelContext } from './exporter-panels/index.js';
export { STANDARD_DASHBOARDS, standardTitle, standardUid, drilldownUrl, type StandardDashboardId } from './catalog.js';
export { dashboardUid, dashboardPath, slugify, siteTag, MAX_UID_LENGTH } from './ids.js';
export { dashboardLinks, planDashboards } from './links.js';
export { panelQueries, variableQueries, type PanelQuery, type VariableQuery } from './queries.js';
export { substituteGrafanaVariables } from './substitute.js';
export {
  checkDashboards,
  checkDashboardLayout,
  checkDashboardQueries,
  type DashboardProblem,
  type DashboardCheckId,
  type CheckOptions,
} from './check.js';
export { knownMetrics, PROMETHEUS_SERIES, SELF_METRIC_PREFIXES } from './known-metrics.js';
export { datasourcesProvisioning, dashboardsProvisioning, DEFAULT_DASHBOARDS_ROOT, type GrafanaOptions } from './provisioning.js';
export { PROMETHEUS_DATASOURCE_UID, ALERTMANAGER_DATASOURCE_UID, DATASOURCE_VARIABLE } from './datasources.js';
