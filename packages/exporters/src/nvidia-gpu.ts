import type { ResolvedHost } from '@kiln/model';
import { instanceOf, selector, targetLabels } from './series.js';
import type { DerivedAlert, ExporterModule, MetricSpec } from './types.js';

/** Metrics of utkuozdemir/nvidia_gpu_exporter (nvidia-smi based; the seed's baseline). */
export const NVIDIA_GPU_METRICS: MetricSpec[] = [
  {
    name: 'nvidia_smi_gpu_info',
    type: 'info',
    help: 'GPU identity; one series per GPU.',
    labels: ['uuid', 'name', 'driver_version', 'vbios_version'],
  },
  { name: 'nvidia_smi_temperature_gpu', type: 'gauge', help: 'GPU core temperature in °C.', labels: ['uuid'] },
  { name: 'nvidia_smi_utilization_gpu_ratio', type: 'gauge', help: 'GPU utilization, 0–1.', labels: ['uuid'] },
  { name: 'nvidia_smi_memory_used_bytes', type: 'gauge', help: 'Framebuffer memory in use.', labels: ['uuid'] },
  { name: 'nvidia_smi_memory_total_bytes', type: 'gauge', help: 'Framebuffer memory size.', labels: ['uuid'] },
  { name: 'nvidia_smi_power_draw_watts', type: 'gauge', help: 'Power draw in watts.', labels: ['uuid'] },
];

export const NVIDIA_GPU_JOB = 'nvidia-gpu';

const gpuTarget = (host: ResolvedHost): string => instanceOf(host, 'nvidia-gpu');

function gpuInfoSeries(host: ResolvedHost, job: string) {
  const base = targetLabels(job, host.name, gpuTarget(host));
  return host.gpus.map((g, i) => ({ ...base, uuid: `GPU-${host.name}-${i}`, name: g.model }));
}

/** `GpuUnavailable`: fewer GPUs visible to the driver than the inventory says the host has. */
export function gpuUnavailableAlert(host: ResolvedHost, job = NVIDIA_GPU_JOB): DerivedAlert {
  const where = { host: host.name, job };
  const expected = host.gpus.length;
  const info = selector('nvidia_smi_gpu_info', where);
  const models = [...new Set(host.gpus.map((g) => g.model))].join(', ');
  return {
    group: 'gpu',
    alert: 'GpuUnavailable',
    expr: `count by (host, job) (${info}) < ${expected}\nor\nabsent(${info})`,
    for: '5m',
    severity: 'critical',
    labels: { host: host.name, expected_gpus: String(expected) },
    summary: `GPU unavailable on ${host.name}`,
    description:
      `${host.name} should expose ${expected} GPU${expected === 1 ? '' : 's'} (${models}) but nvidia-smi reports fewer or the GPU exporter is gone. ` +
      'Check the NVIDIA driver (nvidia-smi), the container toolkit, and the exporter.',
    scenario: {
      healthy: gpuInfoSeries(host, job).map((l) => ({ series: selector('nvidia_smi_gpu_info', l), values: '1x30' })),
      firing: [],
      firingLabels: where,
    },
  };
}

function gpuTemperature(hosts: ResolvedHost[], job: string): DerivedAlert {
  const series = hosts.flatMap((h) => gpuInfoSeries(h, job).map(({ name: _model, ...l }) => l));
  const labels = series[0]!;
  const healthy = series.map((l) => ({ series: selector('nvidia_smi_temperature_gpu', l), values: '60x30' }));
  return {
    group: 'gpu',
    alert: 'GpuTemperatureHigh',
    expr: `${selector('nvidia_smi_temperature_gpu', { job })} > 85`,
    for: '10m',
    severity: 'warning',
    labels: {},
    summary: 'GPU {{ $labels.uuid }} on {{ $labels.host }} is above 85°C',
    description:
      'GPU {{ $labels.uuid }} on {{ $labels.host }} has run above 85°C for 10 minutes; check airflow and fan curves before it throttles.',
    scenario: {
      healthy,
      firing: [...healthy.slice(1), { series: selector('nvidia_smi_temperature_gpu', labels), values: '92x30' }],
      firingLabels: labels,
    },
  };
}

export const nvidiaGpuExporter: ExporterModule = {
  kind: 'nvidia-gpu',
  title: 'NVIDIA GPU exporter (nvidia-smi)',
  project: 'https://github.com/utkuozdemir/nvidia_gpu_exporter',
  defaultPort: 9835,
  metrics: NVIDIA_GPU_METRICS,
  alertPack: (hosts, job) => {
    const withGpus = hosts.filter((h) => h.gpus.length > 0);
    return withGpus.length > 0 ? [gpuTemperature(withGpus, job)] : [];
  },
};
