/** Alert state panels shared by the overview and the alerts dashboard. */
import { statPanel } from '../presets.js';
import { sel } from '../query.js';
import type { PanelSpec } from '../panel.js';

const SEVERITY_COLOURS = { critical: 'red', warning: 'orange', info: 'blue' } as const;

/** One stat per paging severity: how many alerts fire now (`none` is the Watchdog's). */
export function firingBySeverity(extra: Record<string, string> = {}): PanelSpec[] {
  return Object.entries(SEVERITY_COLOURS).map(([severity, colour]) =>
    statPanel({
      title: `Firing: ${severity}`,
      width: 4,
      thresholds: [{ value: 1, color: colour }],
      queries: [
        { expr: `count(${sel('ALERTS', { alertstate: 'firing', severity, ...extra })}) or vector(0)`, legend: severity, instant: true },
      ],
    }),
  );
}
