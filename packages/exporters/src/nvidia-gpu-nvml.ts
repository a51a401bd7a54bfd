/**
 * An NVML-based NVIDIA GPU exporter with the metric names of mindprince/nvidia_gpu_prometheus_exporter
 * (`nvidia_gpu_duty_cycle`, `nvidia_gpu_memory_used_bytes`, `nvidia_gpu_temperature_celsius`, …),
 * listening on :9835 as seed 002 has it. Power is `nvidia_gpu_power_usage_watts`, the seed's name
 * (mindprince's own exporter reports milliwatts as `nvidia_gpu_power_usage_milliwatts`). For
 * utkuozdemir/nvidia_gpu_exporter (`nvidia_smi_*`) use the `nvidia-gpu` kind.
 */
import type { ResolvedHost } from '@kiln/model';
import { exporterLabels, selector } from './series.js';
import type { DerivedAlert, ExporterModule, MetricSpec } from './types.js';

const gpu = ['minor_number', 'name', 'uuid'];
export const NVIDIA_GPU_NVML_METRICS: MetricSpec[] = [
  { name: 'nvidia_gpu_num_devices', type: 'gauge', help: 'Number of GPUs NVML sees.', labels: [] },
  { name: 'nvidia_gpu_duty_cycle', type: 'gauge', help: 'GPU utilization, percent (0–100) of the last sample period.', labels: gpu },
  { name: 'nvidia_gpu_memory_used_bytes', type: 'gauge', help: 'GPU memory in use.', labels: gpu },
  { name: 'nvidia_gpu_memory_total_bytes', type: 'gauge', help: 'GPU memory size.', labels: gpu },
  { name: 'nvidia_gpu_temperature_celsius', type: 'gauge', help: 'GPU temperature in °C.', labels: gpu },
  { name: 'nvidia_gpu_power_usage_watts', type: 'gauge', help: 'GPU power draw in watts.', labels: gpu },
  { name: 'nvidia_gpu_fanspeed_percent', type: 'gauge', help: 'GPU fan speed, percent.', labels: gpu },
];

export const NVIDIA_GPU_NVML_JOB = 'nvidia-gpu-nvml';
const TEMPERATURE_LIMIT = 85;

/** `GpuUnavailable` for one host: NVML sees fewer GPUs than the inventory declares, or the exporter is gone. */
function gpuUnavailable(host: ResolvedHost, job: string): DerivedAlert {
  const where = { host: host.name, job };
  const expected = host.gpus.length;
  const count = selector('nvidia_gpu_num_devices', where);
  const labels = exporterLabels(host, 'nvidia-gpu-nvml', job);
  return {
    group: 'gpu',
    alert: 'GpuUnavailable',
    expr: `${count} < ${expected}\nor\nabsent(${count})`,
    for: '5m',
    severity: 'critical',
    labels: { host: host.name, expected_gpus: String(expected) },
    summary: `GPU unavailable on ${host.name}`,
    description: `${host.name} should expose ${expected} GPU${expected === 1 ? '' : 's'} (${[...new Set(host.gpus.map((g) => g.model))].join(', ')}) but NVML reports fewer or the GPU exporter is gone. Check the NVIDIA driver (nvidia-smi), vGPU/passthrough assignments and the exporter.`,
    scenario: {
      healthy: [{ series: selector('nvidia_gpu_num_devices', labels), values: `${expected}x30` }],
      firing: [{ series: selector('nvidia_gpu_num_devices', labels), values: `${expected - 1}x30` }],
      firingLabels: labels,
    },
  };
}

function temperature(hosts: ResolvedHost[], job: string): DerivedAlert {
  const series = hosts.map((h) => ({
    ...exporterLabels(h, 'nvidia-gpu-nvml', job),
    minor_number: '0',
    name: h.gpus[0]!.model,
    uuid: `GPU-${h.name}-0`,
  }));
  const healthy = series.map((l) => ({ series: selector('nvidia_gpu_temperature_celsius', l), values: '60x30' }));
  return {
    group: 'gpu',
    alert: 'GpuTemperatureHigh',
    expr: `${selector('nvidia_gpu_temperature_celsius', { job })} > ${TEMPERATURE_LIMIT}`,
    for: '10m',
    severity: 'warning',
    labels: {},
    summary: `GPU {{ $labels.uuid }} on {{ $labels.host }} is above ${TEMPERATURE_LIMIT}°C`,
    description: `GPU {{ $labels.uuid }} on {{ $labels.host }} has run above ${TEMPERATURE_LIMIT}°C for 10 minutes; check airflow and fan curves before it throttles.`,
    scenario: {
      healthy,
      firing: [...healthy.slice(1), { series: selector('nvidia_gpu_temperature_celsius', series[0]!), values: '92x30' }],
      firingLabels: series[0]!,
    },
  };
}

export const nvidiaGpuNvmlExporter: ExporterModule = {
  kind: 'nvidia-gpu-nvml',
  title: 'NVIDIA GPU exporter (NVML, nvidia_gpu_* names)',
  project: 'https://github.com/mindprince/nvidia_gpu_prometheus_exporter',
  defaultPort: 9835,
  metrics: NVIDIA_GPU_NVML_METRICS,
  alertPack: (hosts, job) => {
    const withGpus = hosts.filter((h) => h.gpus.length > 0);
    return withGpus.length > 0 ? [...withGpus.map((h) => gpuUnavailable(h, job)), temperature(withGpus, job)] : [];
  },
};
