export { generateAnsible } from './generate.js';
export { prometheusRoleVars } from './prometheus-role.js';
export { nodeExporterRoleVars } from './node-exporter-role.js';
export { alertmanagerRoleVars } from './alertmanager-role.js';
export { literal } from './jinja.js';
