import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { podSpecs } from '../../manifests.js';

const UNITS: Record<string, number> = {
  '': 1,
  k: 1e3,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
};

/** Bytes of a Kubernetes memory quantity (`64Mi`, `1G`, `512000`), or undefined. */
export function quantityBytes(q: unknown): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|K|M|G|T)?$/.exec(typeof q === 'string' || typeof q === 'number' ? String(q) : '');
  return m ? Number(m[1]) * UNITS[m[2] ?? '']! : undefined;
}

const mi = (bytes: number) => `${Math.round(bytes / 2 ** 20)}Mi`;

export default createRule({
  id: 'kubernetes/budget',
  meta: {
    description: "The memory limits of the manifests' pods stay within the stack's budget.",
    rationale:
      "A monitoring stack on small nodes must leave room for what it monitors: seed 003 budgets under 2 GB for everything, the node exporter once per node. Limits are what a pod may take before the OOM killer steps in, so their sum is the stack's worst case. In a Kiln site the budget is `kubernetes.stack.budget.memoryLimit` (the build already fails over it); for loose manifests give `memoryLimit` and `nodes`.",
    summary: 'memory budget exceeded',
    severity: 'error',
    messages: {
      over: 'the memory limits of these manifests sum to {{total}} ({{parts}}), over the budget of {{budget}}; lower the largest limits or raise the budget',
    },
    options: z.strictObject({
      memoryLimit: z
        .string()
        .optional()
        .describe(
          "The budget, a memory quantity such as `2Gi`. Default: the site's `kubernetes.stack.budget.memoryLimit`; without either the rule does nothing.",
        ),
      nodes: z
        .number()
        .int()
        .min(1)
        .optional()
        .describe("How many nodes run each DaemonSet pod. Default: the site's cluster nodes, else 1."),
    }),
    reads: ['site', 'files'],
  },
  check({ site, files, options, report }) {
    const budget = quantityBytes(options.memoryLimit ?? site?.kubernetes?.stack.budget.memoryLimit);
    if (budget === undefined) return;
    const nodes = options.nodes ?? site?.kubernetes?.nodes.length ?? 1;
    const lines = podSpecs(files).map((p) => {
      const each = (Array.isArray(p.spec['containers']) ? p.spec['containers'] : []).reduce(
        (sum: number, c: any) => sum + (quantityBytes(c?.resources?.limits?.memory) ?? 0),
        0,
      );
      const value = p.file.values[p.doc] as any;
      const pods = p.kind === 'DaemonSet' ? nodes : Number(value?.spec?.replicas ?? 1);
      return { p, each, pods, total: each * pods };
    });
    const total = lines.reduce((s, l) => s + l.total, 0);
    if (total <= budget || lines.length === 0) return;
    const largest = [...lines].sort((a, b) => b.total - a.total)[0]!;
    const parts = lines.map((l) => `${l.p.workload} ${l.pods > 1 ? `${l.pods} × ${mi(l.each)}` : mi(l.each)}`).join(', ');
    report({
      messageId: 'over',
      data: { total: mi(total), parts, budget: options.memoryLimit ?? site?.kubernetes?.stack.budget.memoryLimit ?? '' },
      entity: { kind: 'stack', name: site?.name ?? 'manifests' },
      location: { file: largest.p.file.path, ...largest.p.file.position([...largest.p.path, 'containers'], largest.p.doc) },
    });
  },
});
