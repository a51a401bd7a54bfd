/** Panels for utkuozdemir/nvidia_gpu_exporter (metrics of `NVIDIA_GPU_METRICS` in @kiln/exporters). */
import { drilldownUrl } from '../catalog.js';
import { mdTable, statPanel, textPanel, timeseriesPanel } from '../presets.js';
import { sel } from '../query.js';
import { perGpuPanels, type GpuSeries } from './gpu-series.js';
import type { ExporterPanelContext, ExporterPanels } from './types.js';

const SERIES: GpuSeries = {
  utilization: { metric: 'nvidia_smi_utilization_gpu_ratio', unit: 'percentunit', max: 1 },
  temperature: 'nvidia_smi_temperature_gpu',
  memoryUsed: 'nvidia_smi_memory_used_bytes',
  memoryTotal: 'nvidia_smi_memory_total_bytes',
  power: 'nvidia_smi_power_draw_watts',
  legend: '{{host}} {{uuid}}',
};

const perGpu = (ctx: ExporterPanelContext, hostMatcher: Record<string, string>, withSignals: boolean) =>
  perGpuPanels(ctx, hostMatcher, withSignals, SERIES);

function inventory(ctx: ExporterPanelContext) {
  const rows = ctx.hosts.map((h) => [h.name, String(h.gpus.length), [...new Set(h.gpus.map((g) => g.model))].join(', ')]);
  return textPanel({
    title: 'GPUs in the inventory',
    width: 12,
    height: 6,
    markdown: `What the site definition says each host has; \`GpuUnavailable\` fires when fewer are visible.\n\n${mdTable(['Host', 'GPUs', 'Models'], rows)}`,
  });
}

function overview(ctx: ExporterPanelContext) {
  if (ctx.hosts.length === 0) return [];
  return [
    timeseriesPanel({
      title: 'GPU utilization',
      unit: 'percentunit',
      min: 0,
      max: 1,
      links: [{ title: 'GPUs of ${__field.labels.host}', url: drilldownUrl(ctx.site, 'gpu', { host: 'host' }) }],
      queries: [
        { expr: `avg by (host) (${sel('nvidia_smi_utilization_gpu_ratio', { job: ctx.job, 'host~': '$host' })})`, legend: '{{host}}' },
      ],
    }),
  ];
}

function gpu(ctx: ExporterPanelContext) {
  return [
    statPanel({
      title: 'GPUs visible',
      description: 'GPUs the driver reports per host (nvidia_smi_gpu_info); compare with the inventory beside it.',
      width: 12,
      height: 6,
      baseColor: 'red',
      thresholds: [{ value: 1, color: 'green' }],
      signals: [{ alert: 'GpuUnavailable', vars: { host: 'host' } }],
      queries: [
        { expr: `count by (host) (${sel('nvidia_smi_gpu_info', { job: ctx.job, 'host~': '$host' })})`, legend: '{{host}}', instant: true },
      ],
    }),
    inventory(ctx),
    ...perGpu(ctx, { 'host~': '$host', 'uuid~': '$gpu' }, true),
  ];
}

export const nvidiaGpuPanels: ExporterPanels = {
  title: 'NVIDIA GPU exporter',
  sections: {
    overview,
    node: (ctx) => (ctx.hosts.some((h) => h.gpus.length > 0) ? perGpu(ctx, { host: '$host' }, false) : []),
    gpu,
  },
};
