export { main, USAGE } from './main.js';
export { buildSite, buildResolved, buildLoaded, planSite, generateTargets, checkArtifacts, serializeArtifacts, lintableFiles, BuildError, type SiteBuild } from './pipeline.js';
export { loadSiteFile, siteSources } from './load-site.js';
export { compareFolder, replaceFolder, hasDrift } from './write.js';
export { findRoot } from './workspace.js';
