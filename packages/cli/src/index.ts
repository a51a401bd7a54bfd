export { main } from './main.js';
export { COMMANDS, usage, commandUsage } from './commands.js';
export {
  buildSite,
  buildResolved,
  buildLoaded,
  planSite,
  generateTargets,
  checkArtifacts,
  serializeArtifacts,
  lintableFiles,
  BuildError,
  type SiteBuild,
} from './pipeline.js';
export { loadSiteFile, siteSources } from './load-site.js';
export { compareFolder, replaceFolder, hasDrift } from './write.js';
export { findRoot } from './workspace.js';
