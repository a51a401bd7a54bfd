export {
  alertCatalog,
  planAlerts,
  planWithoutDashboards,
  type Plan,
  type CatalogAlert,
  type KilnDashboard,
  type LocatedSignal,
  type PanelSignal,
  type AlertDashboardLink,
} from './plan.js';
export { layout, isRuleFile, isUnitTestFile, isDashboardFile, isLintable, baseName, PROMETHEUS_DIR } from './layout.js';
export { serialize, sanitize, HEADER } from './serialize.js';
export { emitYaml, emitPlainYaml, YAML_OPTIONS } from './yaml-emit.js';
export { topLevelSequenceItems, itemScalar, countNestedItems, withoutNestedBlocks, INDENT } from './text.js';
export { bindHost, listenAddress } from './listen.js';
