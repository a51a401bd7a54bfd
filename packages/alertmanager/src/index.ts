import type { Artifact, ResolvedSite } from '@kiln/model';
import { alertmanagerConfig } from './config.js';

export { alertmanagerConfig, HOST_DOWN_SOURCE } from './config.js';

export function generateAlertmanager(site: ResolvedSite): Artifact[] {
  return [{ path: 'alertmanager/alertmanager.yml', format: 'yaml', value: alertmanagerConfig(site) }];
}
export { parseMatcher, matches, matchesAll, type Matcher } from './matchers.js';
export { buildRouteTree, matchRoutes, receiversFor, allRoutes, type RawRoute, type RouteNode } from './simulate.js';
