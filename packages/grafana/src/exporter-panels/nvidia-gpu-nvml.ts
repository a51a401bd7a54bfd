/** Panels for the NVML GPU exporter with `nvidia_gpu_*` names (`NVIDIA_GPU_NVML_METRICS` in @kiln/exporters). */
import { drilldownUrl } from '../catalog.js';
import { statPanel, timeseriesPanel } from '../presets.js';
import { sel } from '../query.js';
import { perGpuPanels, type GpuSeries } from './gpu-series.js';
import type { ExporterPanelContext, ExporterPanels } from './types.js';

const SERIES: GpuSeries = {
  utilization: { metric: 'nvidia_gpu_duty_cycle', unit: 'percent', max: 100 },
  temperature: 'nvidia_gpu_temperature_celsius',
  memoryUsed: 'nvidia_gpu_memory_used_bytes',
  memoryTotal: 'nvidia_gpu_memory_total_bytes',
  power: 'nvidia_gpu_power_usage_watts',
  legend: '{{host}} {{name}} ({{minor_number}})',
};

const perGpu = (ctx: ExporterPanelContext, hostMatcher: Record<string, string>, withSignals: boolean) =>
  perGpuPanels(ctx, hostMatcher, withSignals, SERIES);

export const nvidiaGpuNvmlPanels: ExporterPanels = {
  title: 'NVIDIA GPU exporter (NVML)',
  sections: {
    overview: (ctx) =>
      ctx.hosts.length === 0
        ? []
        : [
            timeseriesPanel({
              title: 'GPU utilization',
              unit: 'percent',
              min: 0,
              max: 100,
              links: [{ title: 'GPUs of ${__field.labels.host}', url: drilldownUrl(ctx.site, 'gpu', { host: 'host' }) }],
              queries: [
                { expr: `avg by (host) (${sel('nvidia_gpu_duty_cycle', { job: ctx.job, 'host~': '$host' })})`, legend: '{{host}}' },
              ],
            }),
          ],
    node: (ctx) => (ctx.hosts.some((h) => h.gpus.length > 0) ? perGpu(ctx, { host: '$host' }, false) : []),
    gpu: (ctx) => [
      statPanel({
        title: 'GPUs visible',
        description: 'GPUs NVML reports per host (nvidia_gpu_num_devices); GpuUnavailable fires below the inventory count.',
        width: 12,
        height: 6,
        baseColor: 'red',
        thresholds: [{ value: 1, color: 'green' }],
        signals: [{ alert: 'GpuUnavailable', vars: { host: 'host' } }],
        queries: [{ expr: sel('nvidia_gpu_num_devices', { job: ctx.job, 'host~': '$host' }), legend: '{{host}}', instant: true }],
      }),
      ...perGpu(ctx, { 'host~': '$host', 'uuid~': '$gpu' }, true),
    ],
  },
};
