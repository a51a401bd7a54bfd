import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';

export default createRule({
  id: 'scale/replica-label',
  meta: {
    description: 'Prometheus replicas carry an external label that tells them apart.',
    rationale:
      'Replicas scrape the same targets: without a label whose value differs per replica, Thanos Query cannot deduplicate them (`--query.replica-label`), Mimir’s HA tracker cannot elect one, every `sum()` over the store counts each series twice, and nobody can tell which replica a series or alert came from. Kiln drops the label where it must go (from alerts, and before writing to VictoriaMetrics), so having it costs nothing.',
    summary: 'replicas without a replica label',
    severity: 'warning',
    messages: {
      unlabelled:
        'prometheus `{{site}}`: {{replicas}} replicas and no `replicas.label`, so their series are indistinguishable in the store and sums over them count twice; set `label: replica`',
    },
    options: z.strictObject({}),
    reads: ['site'],
  },
  check({ site, report }) {
    const so = site?.scaleOut;
    if (!so || so.replicas < 2 || so.replicaLabel !== undefined) return;
    report({
      messageId: 'unlabelled',
      data: { site: site.name, replicas: so.replicas },
      entity: { kind: 'prometheus', name: site.name },
      location: { modelPath: 'prometheus.replicas' },
      fix: "label: 'replica'",
    });
  },
});
