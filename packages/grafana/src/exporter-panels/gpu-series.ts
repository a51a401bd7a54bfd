/**
 * The per-GPU panels both NVIDIA exporters get (utilization, temperature, memory, power), from the
 * series names and units of each exporter's catalog.
 */
import { timeseriesPanel } from '../presets.js';
import { sel } from '../query.js';
import type { ExporterPanelContext } from './types.js';

/** The temperature GpuTemperatureHigh fires above (see the exporters' alert packs). */
export const TEMPERATURE_LIMIT_CELSIUS = 85;

export interface GpuSeries {
  utilization: { metric: string; unit: 'percent' | 'percentunit'; max: number };
  temperature: string;
  memoryUsed: string;
  memoryTotal: string;
  power: string;
  /** Legend of one GPU, e.g. `{{host}} {{uuid}}`. */
  legend: string;
}

export function perGpuPanels(ctx: ExporterPanelContext, hostMatcher: Record<string, string>, withSignals: boolean, s: GpuSeries) {
  const m = { job: ctx.job, ...hostMatcher };
  return [
    timeseriesPanel({
      title: 'GPU utilization',
      unit: s.utilization.unit,
      min: 0,
      max: s.utilization.max,
      queries: [{ expr: sel(s.utilization.metric, m), legend: s.legend }],
    }),
    timeseriesPanel({
      title: 'GPU temperature',
      unit: 'celsius',
      thresholds: [{ value: TEMPERATURE_LIMIT_CELSIUS, color: 'red' }],
      signals: withSignals ? [{ alert: 'GpuTemperatureHigh', vars: { host: 'host' } }] : [],
      queries: [{ expr: sel(s.temperature, m), legend: s.legend }],
    }),
    timeseriesPanel({
      title: 'GPU memory used',
      unit: 'percentunit',
      min: 0,
      max: 1,
      queries: [{ expr: `${sel(s.memoryUsed, m)} / ${sel(s.memoryTotal, m)}`, legend: s.legend }],
    }),
    timeseriesPanel({
      title: 'GPU power draw',
      unit: 'watt',
      min: 0,
      queries: [{ expr: sel(s.power, m), legend: s.legend }],
    }),
  ];
}
