export type * from './types.js';
export { createRule, formatMessage } from './create-rule.js';
export { loadLintFile, type LintFile, type FileKind } from './files.js';
export { embeddedFiles } from './embedded.js';
export { lint, exitCodeFor, sortDiagnostics, LintConfigError, type LintInput, type RuleSetting } from './engine.js';
export { RULES } from './rules/index.js';
export { report, FORMATS, type Format } from './reporters/index.js';
