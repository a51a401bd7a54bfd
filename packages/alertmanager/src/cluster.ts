/**
 * Flags of one member of an Alertmanager gossip cluster: its web and gossip listeners on the
 * member's bind (never Alertmanager's default of every interface) and one `--cluster.peer` per
 * member it joins.
 */
import type { ResolvedAlertmanagerMember } from '@kiln/model';
import { listenAddress } from '@kiln/plan';

export function memberArgs(m: ResolvedAlertmanagerMember, members: readonly ResolvedAlertmanagerMember[], config: string): string {
  const byName = new Map(members.map((x) => [x.name, x]));
  return (
    [
      `--config.file=${config}`,
      `--web.listen-address=${listenAddress(m.bind, m.port)}`,
      `--web.external-url=http://${m.address}/`,
      `--cluster.listen-address=${listenAddress(m.bind, m.clusterPort)}`,
      ...m.peers.map((p) => `--cluster.peer=${byName.get(p)!.clusterAddress}`),
    ].join('\n') + '\n'
  );
}
