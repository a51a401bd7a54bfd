/**
 * One small function per panel kind, so every dashboard's panels look and behave alike: Prometheus
 * through `$datasource`, refIds A, B, …, explicit ids and positions from the layout.
 */
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as statetimeline from '@grafana/grafana-foundation-sdk/statetimeline';
import * as table from '@grafana/grafana-foundation-sdk/table';
import * as text from '@grafana/grafana-foundation-sdk/text';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { PROMETHEUS_VIA_VARIABLE } from './datasources.js';
import type { PanelSignal } from '@kiln/plan';
import type { PanelSpec } from './panel.js';
import { targets, type Query } from './query.js';

export interface PanelOptions {
  title: string;
  description?: string;
  queries: Query[];
  /** Grafana unit id: `percentunit`, `bytes`, `Bps`, `s`, `celsius`, `watt`, `short`, … */
  unit?: string;
  min?: number;
  max?: number;
  /** Threshold steps above the base colour: `[{ value: 0.8, color: 'orange' }, …]`. */
  thresholds?: { value: number; color: string }[];
  /** Colour below the first threshold (default green). */
  baseColor?: string;
  width?: number;
  height?: number;
  signals?: PanelSignal[];
  /** Links on values, e.g. to the host's detail dashboard with `${__field.labels.host}`. */
  links?: { title: string; url: string }[];
}

type FieldPanel = timeseries.PanelBuilder | stat.PanelBuilder | table.PanelBuilder | statetimeline.PanelBuilder;

function thresholdsOf(steps: { value: number; color: string }[], base: string) {
  return new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps([{ value: null, color: base }, ...steps]);
}

/** What every field-based panel shares: title, datasource, queries, unit, range, thresholds, links. */
function common_<P extends FieldPanel>(panel: P, o: PanelOptions, id: number, gridPos: dashboard.GridPos): P {
  panel.id(id).gridPos(gridPos).title(o.title).datasource(PROMETHEUS_VIA_VARIABLE).targets(targets(o.queries));
  if (o.description !== undefined) panel.description(o.description);
  if (o.unit !== undefined) panel.unit(o.unit);
  if (o.min !== undefined) panel.min(o.min);
  if (o.max !== undefined) panel.max(o.max);
  if (o.thresholds !== undefined) panel.thresholds(thresholdsOf(o.thresholds, o.baseColor ?? 'green'));
  if (o.links !== undefined) {
    panel.dataLinks(o.links.map((l) => new dashboard.DashboardLinkBuilder(l.title).type(dashboard.DashboardLinkType.Link).url(l.url)));
  }
  return panel;
}

function spec(o: PanelOptions, width: number, height: number, build: PanelSpec['build']): PanelSpec {
  return { title: o.title, width: o.width ?? width, height: o.height ?? height, signals: o.signals ?? [], build };
}

/** Lines over time, legend as a table with last and max values. */
export function timeseriesPanel(o: PanelOptions): PanelSpec {
  return spec(o, 12, 8, (id, gridPos) => {
    const p = common_(new timeseries.PanelBuilder(), o, id, gridPos)
      .lineWidth(1)
      .fillOpacity(10)
      .showPoints(common.VisibilityMode.Never)
      .legend(
        new common.VizLegendOptionsBuilder()
          .displayMode(common.LegendDisplayMode.Table)
          .placement(common.LegendPlacement.Bottom)
          .showLegend(true)
          .calcs(['lastNotNull', 'max']),
      )
      .tooltip(new common.VizTooltipOptionsBuilder().mode(common.TooltipDisplayMode.Multi).sort(common.SortOrder.Descending));
    if (o.thresholds !== undefined) {
      p.thresholdsStyle(new common.GraphThresholdsStyleConfigBuilder().mode(common.GraphThresholdsStyleMode.Dashed));
    }
    return p;
  });
}

/** One big number per series, coloured by thresholds. */
export function statPanel(o: PanelOptions): PanelSpec {
  return spec(o, 4, 4, (id, gridPos) =>
    common_(new stat.PanelBuilder(), o, id, gridPos)
      .graphMode(common.BigValueGraphMode.None)
      .colorMode(common.BigValueColorMode.Background)
      .textMode(common.BigValueTextMode.ValueAndName)
      .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false)),
  );
}

/** Series as rows, labels as columns (queries should be instant with `format: 'table'`). */
export function tablePanel(o: PanelOptions & { sortBy?: string; hideColumns?: string[] }): PanelSpec {
  return spec(o, 24, 8, (id, gridPos) => {
    const p = common_(new table.PanelBuilder(), o, id, gridPos).cellHeight(common.TableCellHeight.Sm).filterable(true);
    if (o.sortBy !== undefined) p.sortBy([new common.TableSortByFieldStateBuilder().displayName(o.sortBy).desc(false)]);
    // Time is the evaluation time of an instant query: the same in every row, so noise.
    const hidden = ['Time', ...(o.hideColumns ?? [])];
    p.withTransformation({ id: 'organize', options: { excludeByName: Object.fromEntries(hidden.map((c) => [c, true])) } });
    return p;
  });
}

/** A value per series over time as coloured bands: states such as up/down or firing/pending. */
export function stateTimelinePanel(o: PanelOptions): PanelSpec {
  return spec(o, 24, 8, (id, gridPos) =>
    common_(new statetimeline.PanelBuilder(), o, id, gridPos)
      .showValue(common.VisibilityMode.Never)
      .mergeValues(true)
      .legend(
        new common.VizLegendOptionsBuilder()
          .showLegend(false)
          .displayMode(common.LegendDisplayMode.Hidden)
          .placement(common.LegendPlacement.Bottom),
      ),
  );
}

/** Markdown written from the inventory (what should exist), beside panels that show what does. */
export function textPanel(o: { title: string; markdown: string; width?: number; height?: number; signals?: PanelSignal[] }): PanelSpec {
  return {
    title: o.title,
    width: o.width ?? 24,
    height: o.height ?? 6,
    signals: o.signals ?? [],
    build: (id, gridPos) => new text.PanelBuilder().id(id).gridPos(gridPos).title(o.title).mode(text.TextMode.Markdown).content(o.markdown),
  };
}

/** Escapes text for a Markdown table cell. */
export function mdCell(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Rows a Markdown table shows before it says how many more there are: panels are not reports. */
export const MD_TABLE_MAX_ROWS = 100;

/** A Markdown table (cells are escaped; pass links etc. pre-formatted in `raw` columns). */
export function mdTable(header: string[], rows: string[][], raw: readonly number[] = []): string {
  const line = (cells: string[]) => `| ${cells.map((c, i) => (raw.includes(i) ? c : mdCell(c))).join(' | ')} |`;
  const shown = rows.slice(0, MD_TABLE_MAX_ROWS);
  const more = rows.length - shown.length;
  return [
    line(header),
    `| ${header.map(() => '---').join(' | ')} |`,
    ...shown.map(line),
    ...(more > 0 ? [`\n…and ${more} more.`] : []),
  ].join('\n');
}
