import type { Artifact } from '@kiln/model';
import type { ResolvedSite } from '@kiln/model';
import { layout, listenAddress, type Plan } from '@kiln/plan';
import { alertmanagerConfig } from './config.js';
import { memberArgs } from './cluster.js';

export { alertmanagerConfig, HOST_DOWN_SOURCE } from './config.js';
export { ntfyUrl, ntfyWebhook, ntfyPriorityTemplate, NTFY_TITLE, NTFY_MESSAGE } from './ntfy.js';

/**
 * Flags alertmanager.yml cannot hold: the listen address is the site's bind (never every interface),
 * and the gossip port stays closed (`--cluster.listen-address=`) for a single instance — by default
 * Alertmanager opens :9094 on all interfaces.
 */
export function alertmanagerArgs(site: ResolvedSite): string {
  const am = site.alertmanager;
  const members = site.scaleOut?.alertmanagers;
  if (members !== undefined) return memberArgs(members[0]!, members, 'alertmanager.yml');
  return (
    [
      '--config.file=alertmanager.yml',
      `--web.listen-address=${listenAddress(am.bind, am.port)}`,
      `--web.external-url=http://${am.address}/`,
      '--cluster.listen-address=',
    ].join('\n') + '\n'
  );
}

/** alertmanager.yml and its flags. Pure: reads only the plan. */
export function generateAlertmanager(plan: Plan): Artifact[] {
  const config: Artifact = { path: layout.alertmanager.config, format: 'yaml', value: alertmanagerConfig(plan.site) };
  // On Kubernetes the Alertmanager container carries its flags (the Kubernetes target writes it).
  if (plan.site.kubernetes) return [config];
  const members = plan.site.scaleOut?.alertmanagers ?? [];
  return [
    config,
    { path: layout.alertmanager.args, format: 'text', value: alertmanagerArgs(plan.site) },
    ...members.slice(1).map((m): Artifact => ({
      path: layout.alertmanager.memberArgs(m.name),
      format: 'text',
      value: memberArgs(m, members, '../alertmanager.yml'),
    })),
  ];
}
export { parseMatcher, matches, matchesAll, type Matcher } from './matchers.js';
export { buildRouteTree, matchRoutes, receiversFor, allRoutes, type RawRoute, type RouteNode } from './simulate.js';
