/**
 * A panel before placement: its size, the alerts it shows the signal of, and a function that builds
 * it once the dashboard has given it an id and a position.
 */
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import type { PanelSignal } from '@kiln/plan';

export interface PanelSpec {
  title: string;
  /** Width in grid columns (1–24). */
  width: number;
  /** Height in grid rows. */
  height: number;
  signals: PanelSignal[];
  build(id: number, gridPos: dashboard.GridPos): cog.Builder<dashboard.Panel>;
}

/** A titled group of panels; rendered as a Grafana row followed by its panels. */
export interface Section {
  title?: string;
  panels: PanelSpec[];
}
