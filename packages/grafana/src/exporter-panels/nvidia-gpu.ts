/** Panels for utkuozdemir/nvidia_gpu_exporter (metrics of `NVIDIA_GPU_METRICS` in @kiln/exporters). */
import { drilldownUrl } from '../catalog.js';
import { mdTable, statPanel, textPanel, timeseriesPanel } from '../presets.js';
import { sel } from '../query.js';
import type { ExporterPanelContext, ExporterPanels } from './types.js';

/** The temperature GpuTemperatureHigh fires above (see `nvidiaGpuExporter.alertPack`). */
const TEMPERATURE_LIMIT_CELSIUS = 85;

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

function perGpu(ctx: ExporterPanelContext, hostMatcher: Record<string, string>, withSignals: boolean) {
  const m = { job: ctx.job, ...hostMatcher };
  return [
    timeseriesPanel({
      title: 'GPU utilization',
      unit: 'percentunit',
      min: 0,
      max: 1,
      queries: [{ expr: sel('nvidia_smi_utilization_gpu_ratio', m), legend: '{{host}} {{uuid}}' }],
    }),
    timeseriesPanel({
      title: 'GPU temperature',
      unit: 'celsius',
      thresholds: [{ value: TEMPERATURE_LIMIT_CELSIUS, color: 'red' }],
      signals: withSignals ? [{ alert: 'GpuTemperatureHigh', vars: { host: 'host' } }] : [],
      queries: [{ expr: sel('nvidia_smi_temperature_gpu', m), legend: '{{host}} {{uuid}}' }],
    }),
    timeseriesPanel({
      title: 'GPU memory used',
      unit: 'percentunit',
      min: 0,
      max: 1,
      queries: [
        { expr: `${sel('nvidia_smi_memory_used_bytes', m)} / ${sel('nvidia_smi_memory_total_bytes', m)}`, legend: '{{host}} {{uuid}}' },
      ],
    }),
    timeseriesPanel({
      title: 'GPU power draw',
      unit: 'watt',
      min: 0,
      queries: [{ expr: sel('nvidia_smi_power_draw_watts', m), legend: '{{host}} {{uuid}}' }],
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
