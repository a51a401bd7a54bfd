export { discoverCommand, usage, FLAGS, type CommandIo, type CommandOptions } from './command.js';
export { createDiscoveryServer, defaultPorts, DEFAULT_CONCURRENCY, type DiscoveryServer, type DiscoveryServerOptions } from './server.js';
export {
  createProxmoxClient,
  apiBase,
  ProxmoxError,
  TOKEN_ID,
  type ProxmoxClient,
  type ProxmoxClientOptions,
  type Endpoint,
  type ProxmoxErrorKind,
} from './proxmox-client.js';
export { createDiscoveryMetrics, type DiscoveryMetrics } from './discovery-metrics.js';
export {
  discoverVms,
  SKIP_REASONS,
  type Discovery,
  type DiscoverOptions,
  type SkipReason,
  type SkippedVm,
  type TargetGroup,
} from './discover.js';
export { Refresher, DEFAULT_RETRY_MS, type RefreshState } from './refresher.js';
export {
  JOBS,
  JOB_NAMES,
  jobForOstype,
  vcpus,
  memoryMib,
  formatMemoryGb,
  diskType,
  formatTags,
  agentEnabled,
  pickIpv4,
  vmLabels,
  type Job,
  type VmLabels,
} from './labels.js';
export { createLogger, type Logger, type LogLevel } from './log.js';
export type * from './proxmox-types.js';
