/** Panels for windows_exporter on inventory hosts (`WINDOWS_METRICS` in @kiln/exporters). */
import { timeseriesPanel } from '../presets.js';
import { sel } from '../query.js';
import type { ExporterPanelContext, ExporterPanels } from './types.js';

function panels(ctx: ExporterPanelContext, host: Record<string, string>, withSignals: boolean) {
  const m = { job: ctx.job, ...host };
  return [
    timeseriesPanel({
      title: 'Windows CPU utilization',
      unit: 'percentunit',
      min: 0,
      max: 1,
      queries: [
        {
          expr: `1 - avg by (host) (rate(${sel('windows_cpu_time_total', { ...m, mode: 'idle' })}[$__rate_interval]))`,
          legend: '{{host}}',
        },
      ],
    }),
    timeseriesPanel({
      title: 'Windows memory in use',
      unit: 'percentunit',
      min: 0,
      max: 1,
      signals: withSignals ? [{ alert: 'WindowsMemoryPressure', vars: { host: 'host' } }] : [],
      queries: [
        { expr: `1 - ${sel('windows_memory_available_bytes', m)} / ${sel('windows_memory_physical_total_bytes', m)}`, legend: '{{host}}' },
      ],
    }),
  ];
}

export const windowsPanels: ExporterPanels = {
  title: 'Windows exporter',
  sections: {
    overview: (ctx) => (ctx.hosts.length === 0 ? [] : panels(ctx, { 'host~': '$host' }, false)),
    node: (ctx) => panels(ctx, { host: '$host' }, true),
  },
};
