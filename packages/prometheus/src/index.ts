export { generatePrometheus } from './generate.js';
export { deriveAlerts } from './derive.js';
export { scrapeTargets, type JobTargets } from './targets.js';
export { durationMs, formatDuration } from './duration.js';
export { expandTemplate } from './unit-tests.js';
