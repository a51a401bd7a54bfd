import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';

export default createRule({
  id: 'monitoring/gpu-monitored',
  meta: {
    description: 'Hosts with GPUs run a GPU exporter, so GpuUnavailable and temperature alerts exist for them.',
    rationale:
      'GPU driver and kernel mismatches after upgrades are common and silent: workloads fall back to CPU or fail. Without a GPU exporter Kiln cannot derive the GpuUnavailable alert (Pantheon: "GPU unavailable" is a recommended alert).',
    summary: 'GPU host without GPU exporter',
    severity: 'warning',
    messages: {
      unmonitored:
        "host `{{host}}` has {{count}} GPU(s) ({{models}}) but no GPU exporter; add `exporters: { 'nvidia-gpu': {} }` so GpuUnavailable is derived",
    },
    options: z.strictObject({}),
    reads: ['site'],
  },
  check({ site, report }) {
    for (const h of site!.hosts) {
      if (h.gpus.length === 0 || h.exporters.some((e) => e.kind === 'nvidia-gpu' || e.kind === 'nvidia-gpu-nvml')) continue;
      report({
        messageId: 'unmonitored',
        data: { host: h.name, count: h.gpus.length, models: [...new Set(h.gpus.map((g) => g.model))].join(', ') },
        entity: { kind: 'host', name: h.name },
        location: { modelPath: `hosts.${h.name}.exporters` },
      });
    }
  },
});
