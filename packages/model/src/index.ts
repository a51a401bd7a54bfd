export * as schemas from './schema.js';
export { Site as SiteSchema, type SiteInput, ZONES, SEVERITIES, EXPORTER_KINDS, ENDPOINT_KINDS, SHARE_CONTENT, DISK_ROLES } from './schema.js';
export * as defaults from './defaults.js';
export * from './errors.js';
export type * from './resolved.js';
export { resolve, cidrContains, ipv4ToInt } from './resolve.js';
export { defineSite, type TypedSite } from './define.js';
export { siteJsonSchema, SITE_SCHEMA_ID } from './json-schema.js';
export type { Artifact } from './artifact.js';
