/**
 * Stable grid layout: sections top to bottom, each a row header (when titled) and its panels
 * left to right, wrapping at Grafana's 24 columns. Positions depend only on the panels' sizes and
 * order, so the same dashboard always lays out the same way.
 */
import type { GridPos } from '@grafana/grafana-foundation-sdk/dashboard';
import type { PanelSpec, Section } from './panel.js';

export const GRID_COLUMNS = 24;

export type Placed =
  { kind: 'row'; id: number; title: string; gridPos: GridPos } | { kind: 'panel'; id: number; panel: PanelSpec; gridPos: GridPos };

/** Ids 1, 2, … in reading order (rows included), and a position for every row and panel. */
export function layout(sections: Section[]): Placed[] {
  const out: Placed[] = [];
  let id = 1;
  let y = 0;
  for (const section of sections) {
    if (section.panels.length === 0) continue;
    if (section.title !== undefined) {
      out.push({ kind: 'row', id: id++, title: section.title, gridPos: { x: 0, y, w: GRID_COLUMNS, h: 1 } });
      y += 1;
    }
    let x = 0;
    let rowHeight = 0;
    for (const panel of section.panels) {
      const w = Math.min(Math.max(Math.round(panel.width), 1), GRID_COLUMNS);
      const h = Math.max(Math.round(panel.height), 1);
      if (x + w > GRID_COLUMNS) {
        x = 0;
        y += rowHeight;
        rowHeight = 0;
      }
      out.push({ kind: 'panel', id: id++, panel, gridPos: { x, y, w, h } });
      x += w;
      rowHeight = Math.max(rowHeight, h);
    }
    y += rowHeight;
  }
  return out;
}
