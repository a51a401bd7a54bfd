import { formatMemory, memoryBytes } from '@kiln/model/basics';
import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';

export default createRule({
  id: 'workloads/memory-overcommit',
  meta: {
    description: 'The memory limits of the pods that can only run on a node fit in its allocatable memory.',
    rationale:
      'A node whose pods may together use more memory than it can allocate OOM-kills or evicts them under load (Portkey: "metal1 memory limits at ~96 %"). ' +
      'Only pods that can run nowhere else are counted — apps pinned to that one node, DaemonSets and the monitoring stack’s node exporter — so a finding is certain, not a guess about the scheduler; the derived NodeMemoryOvercommitted alert watches what actually runs.',
    summary: 'declared memory limits exceed a node',
    severity: 'error',
    messages: {
      over: 'node `{{node}}`: the memory limits of the pods that can run only there sum to {{total}} ({{parts}}), over its allocatable {{allocatable}}; lower their limits or allow them on another node',
    },
    options: z.strictObject({}),
    reads: ['site'],
  },
  check({ site, report }) {
    const k = site!.kubernetes;
    if (!k) return;
    for (const n of k.nodes) {
      const parts: [string, number][] = [['node-exporter', memoryBytes(k.stack.nodeExporter.resources.limits.memory)]];
      for (const w of k.workloads) {
        const limit = w.resources.limits.memory;
        if (limit === undefined) continue;
        const only =
          w.kind === 'DaemonSet'
            ? (w.placement?.nodes.includes(n.name) ?? true)
            : w.placement?.nodes.length === 1 && w.placement.nodes[0] === n.name;
        if (only)
          parts.push([w.replicas > 1 ? `${w.name} ${w.replicas} × ${limit}` : `${w.name} ${limit}`, memoryBytes(limit) * w.replicas]);
      }
      const total = parts.reduce((s, [, b]) => s + b, 0);
      if (total <= n.allocatableMemoryBytes) continue;
      report({
        messageId: 'over',
        data: {
          node: n.name,
          total: formatMemory(total),
          parts: parts.map(([name, b]) => (name === 'node-exporter' ? `node-exporter ${formatMemory(b)}` : name)).join(', '),
          allocatable: formatMemory(n.allocatableMemoryBytes),
        },
        entity: { kind: 'node', name: n.name },
        location: { modelPath: `kubernetes.nodes.${n.name}` },
      });
    }
  },
});
