export { main, USAGE } from './main.js';
export { buildSite, generateSite, checkExpressions, BuildError } from './generate.js';
export { serialize, sanitize, HEADER } from './serialize.js';
export { loadSiteFile, siteSources } from './load-site.js';
export { compareFolder, replaceFolder, hasDrift } from './write.js';
export { findRoot } from './workspace.js';
