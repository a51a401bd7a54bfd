import type { Artifact } from '@kiln/model';
import { layout, type Plan } from '@kiln/plan';
import { alertmanagerConfig } from './config.js';

export { alertmanagerConfig, HOST_DOWN_SOURCE } from './config.js';

/** alertmanager.yml of a site. Pure: reads only the plan. */
export function generateAlertmanager(plan: Plan): Artifact[] {
  return [{ path: layout.alertmanager.config, format: 'yaml', value: alertmanagerConfig(plan.site) }];
}
export { parseMatcher, matches, matchesAll, type Matcher } from './matchers.js';
export { buildRouteTree, matchRoutes, receiversFor, allRoutes, type RawRoute, type RouteNode } from './simulate.js';
