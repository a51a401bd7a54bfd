/**
 * Variables of the `prometheus.prometheus.alertmanager` role (defaults/main.yml and its
 * alertmanager.yml.j2 template) for the Alertmanager host: the role renders alertmanager.yml from
 * `alertmanager_route`, `alertmanager_receivers` and `alertmanager_inhibit_rules`, so these carry
 * the Alertmanager target's configuration as written; the listen address is the site's bind, and
 * the gossip port stays closed (`alertmanager_cluster.listen-address: ""`) for a single instance.
 */
import type { ResolvedAlertmanagerMember, ResolvedSite } from '@kiln/model';
import { listenAddress } from '@kiln/plan';
import { toVars } from './jinja.js';

interface AlertmanagerYml {
  route: unknown;
  receivers: unknown[];
  inhibit_rules?: unknown[];
}

export function alertmanagerRoleVars(
  site: ResolvedSite,
  yml: AlertmanagerYml,
  member: ResolvedAlertmanagerMember | undefined = site.scaleOut?.alertmanagers?.[0],
): Record<string, unknown> {
  const am = member ?? site.alertmanager;
  const byName = new Map((site.scaleOut?.alertmanagers ?? []).map((m) => [m.name, m]));
  // The role turns each key of `alertmanager_cluster` into `--cluster.<key>` and each peer into `--cluster.peer`.
  const cluster = member
    ? { 'listen-address': listenAddress(member.bind, member.clusterPort), peers: member.peers.map((p) => byName.get(p)!.clusterAddress) }
    : { 'listen-address': '' };
  return toVars({
    alertmanager_web_listen_address: listenAddress(am.bind, am.port),
    alertmanager_web_external_url: `http://${am.address}/`,
    alertmanager_cluster: cluster,
    alertmanager_route: yml.route,
    alertmanager_receivers: yml.receivers,
    alertmanager_inhibit_rules: yml.inhibit_rules ?? [],
  }) as Record<string, unknown>;
}
