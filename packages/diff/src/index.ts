export { diffBuilds, diffSite, byRisk, type DiffInput, type SiteLint } from './diff.js';
export { renderMarkdown, MARKER, GITHUB_COMMENT_LIMIT, type MarkdownOptions } from './markdown.js';
export { rulesOf, ruleKey, alertLabels, thresholds, canonical, type RuleEntry } from './rules.js';
export { inhibitRules, inhibitingRules, isInhibited, type InhibitRule } from './inhibit.js';
export { routeNodes } from './routing.js';
export {
  SUBJECTS,
  SECTIONS,
  type Change,
  type ChangeKind,
  type DiffReport,
  type LintFinding,
  type Risk,
  type SiteDiff,
  type SiteFiles,
  type Subject,
} from './types.js';
export { alertCoverage, routeCoverage, ratio, withoutInputSeries, type AlertCoverage, type RouteCoverage } from './coverage.js';
export { recordingCoverage, type RecordingCoverage } from './recording-coverage.js';
export { runRoutingTest, type RoutingTest, type RoutingTestOutcome } from './routing-tests.js';
export { junitXml, type JUnitCase, type JUnitSuite } from './junit.js';
