export { generateAnsible, ANSIBLE_DIR } from './generate.js';
export { prometheusRoleVars, RULES_FILES_DIR } from './prometheus-role.js';
export { nodeExporterRoleVars } from './node-exporter-role.js';
export { literal } from './jinja.js';
