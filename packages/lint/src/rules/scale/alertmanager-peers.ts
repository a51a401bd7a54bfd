import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';

export default createRule({
  id: 'scale/alertmanager-peers',
  meta: {
    description: 'An Alertmanager cluster has at least two members, each joining at least one other, and every peer list is answered.',
    rationale:
      'Members share silences and which notifications went out by gossip. A cluster of one deduplicates nothing; a member with no peers never joins and notifies on its own (duplicates); when A lists B but B does not list A, B only learns of A through A, so after a restart of A the two can stay apart. Kiln lists every other member by default; this rule checks lists written by hand.',
    summary: 'Alertmanager peers not symmetric or too few',
    severity: 'warning',
    messages: {
      alone:
        'alertmanager `{{site}}`: the cluster has only member `{{member}}`, so it deduplicates nothing; add a second member under `cluster.members` or remove `cluster`',
      noPeers:
        'alertmanager `{{site}}`: member `{{member}}` lists no peers, so it never joins the cluster and sends its own notifications; list the other members in its `peers` (or omit `peers` for all of them)',
      oneWay:
        'alertmanager `{{site}}`: member `{{member}}` joins `{{peer}}`, but `{{peer}}` does not list `{{member}}`; add `{{member}}` to the `peers` of `{{peer}}` so either can rejoin the other',
    },
    options: z.strictObject({}),
    reads: ['site'],
  },
  check({ site, report }) {
    const members = site?.scaleOut?.alertmanagers;
    if (!members) return;
    const at = (name: string) => (name === members[0]!.name ? 'alertmanager.cluster' : `alertmanager.cluster.members.${name}`);
    const entity = { kind: 'alertmanager', name: site.name };
    if (members.length < 2) {
      report({
        messageId: 'alone',
        data: { site: site.name, member: members[0]!.name },
        entity,
        location: { modelPath: 'alertmanager.cluster.members' },
      });
      return;
    }
    const byName = new Map(members.map((m) => [m.name, m]));
    for (const m of members) {
      if (m.peers.length === 0) {
        report({
          messageId: 'noPeers',
          data: { site: site.name, member: m.name },
          entity,
          location: { modelPath: `${at(m.name)}.peers` },
        });
        continue;
      }
      for (const p of m.peers) {
        // A peer with no peers at all is reported once, as such.
        const other = byName.get(p);
        if (other !== undefined && other.peers.length > 0 && !other.peers.includes(m.name))
          report({
            messageId: 'oneWay',
            data: { site: site.name, member: m.name, peer: p },
            entity,
            location: { modelPath: `${at(p)}.peers` },
          });
      }
    }
  },
});
