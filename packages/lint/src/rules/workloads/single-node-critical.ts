import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';

export default createRule({
  id: 'workloads/single-node-critical',
  meta: {
    description: 'A critical app is not pinned to a single node.',
    rationale:
      'An app whose pods may run on one node only goes down with that node, and its volumes cannot follow it elsewhere. For a critical app (passwords, home automation) that is a risk to take knowingly: ' +
      'allow a second node, or keep the pinning and suppress the finding with the reason (Portkey: Home Assistant, Mosquitto and Zigbee2MQTT stay on metal0 because the Zigbee dongle is plugged in there).',
    summary: 'critical app pinned to one node',
    severity: 'warning',
    messages: {
      pinned:
        'workload `{{app}}` is critical but can run only on node `{{node}}` ({{reason}}): when `{{node}}` fails, `{{app}}` is down until it returns; allow a second node in `placement.nodes`, or suppress this finding with the accepted risk',
    },
    options: z.strictObject({}),
    reads: ['site'],
  },
  check({ site, report }) {
    for (const w of site!.kubernetes?.workloads ?? []) {
      if (w.criticality !== 'critical' || w.kind === 'DaemonSet' || w.placement?.nodes.length !== 1) continue;
      report({
        messageId: 'pinned',
        data: { app: w.name, node: w.placement.nodes[0]!, reason: w.placement.reason },
        entity: { kind: 'workload', name: w.name },
        location: { modelPath: `kubernetes.workloads.${w.name}.placement.nodes` },
      });
    }
  },
});
