export { generatePrometheus } from './generate.js';
export { prometheusConfig, fileSd, listenAddress, tlsConfig } from './config.js';
export { groupRules, groupName, dashboardUrl, runbookUrl } from './rules.js';
export { expandTemplate } from './unit-tests.js';
export { recordingRuleFile, recordingTests, RECORDING_GROUP } from './recording.js';
