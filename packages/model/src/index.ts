export * as schemas from './schema.js';
export { Site as SiteSchema, type SiteInput, ZONES, SEVERITIES, ENDPOINT_KINDS, SHARE_CONTENT, DISK_ROLES } from './schema.js';
export { EXPORTER_KINDS } from './exporter-kinds.js';
export { memoryBytes, formatMemory } from './quantity.js';
export * as defaults from './defaults.js';
export { COMPOSE_COMPONENTS, IMAGE_PATTERN } from './compose-schema.js';
export { COMPOSE_EXPORTERS } from './compose-resolve.js';
export * from './errors.js';
export { receiverFiles, type ReceiverFile } from './receiver-files.js';
export type * from './resolved.js';
export { resolve, cidrContains, ipv4ToInt } from './resolve.js';
export { defineSite, type TypedSite } from './define.js';
export { siteJsonSchema, SITE_SCHEMA_ID } from './json-schema.js';
export type { Artifact } from './artifact.js';
export type { Problem, ProblemLocation, ProblemSeverity } from './problem.js';
export type * from './cluster-resolved.js';
export {
  milliCpu,
  DEFAULT_K8S_JOB_NAMES,
  VOLSYNC_METRICS_SERVICE,
  DEFAULT_KSM_RESOURCES,
  VICTORIA_METRICS,
  VICTORIA_METRICS_PORT,
  VMALERT,
  VMALERT_PORT,
} from './cluster-resolve.js';
export * as clusterSchemas from './cluster-schema.js';
export { KSM_RESOURCE_API_GROUPS } from './cluster-schema.js';
export { NTFY_PRIORITIES } from './ntfy-schema.js';
export { DEFAULT_NTFY_PRIORITIES, DEFAULT_NTFY_MAX_ALERTS } from './ntfy-resolve.js';
export type * from './workload-resolved.js';
export { CEPH_JOB, KUBELET_PODS_DIR } from './workload-resolve.js';
export * as workloadSchemas from './workload-schema.js';
export * as scaleSchemas from './scale-schema.js';
export { instanceId, DEFAULT_CLUSTER_PORT, DEFAULT_VMALERT_PORT, MIMIR_TENANT_HEADER, THANOS_TENANT_HEADER } from './scale-resolve.js';
