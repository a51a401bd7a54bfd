/**
 * Template variables. Inventory values (hosts, jobs, mount points) become *custom* variables: the
 * inventory says what should exist, so a host whose exporter is down still appears in the list —
 * exactly when someone needs to look at it — and the dashboard needs no query to load. Values the
 * inventory does not know (GPU uuids) come from *query* variables (`label_values`).
 */
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import type { ResolvedSite } from '@kiln/model';
import { DATASOURCE_VARIABLE, PROMETHEUS_DATASOURCE_UID, PROMETHEUS_VIA_VARIABLE } from './datasources.js';

export type VariableBuilder = cog.Builder<dashboard.VariableModel>;

const ALL = { text: 'All', value: '$__all' };

/** `$datasource`: any Prometheus, preset to the one Kiln provisions. */
export function datasourceVariable(site: ResolvedSite): VariableBuilder {
  return new dashboard.DatasourceVariableBuilder(DATASOURCE_VARIABLE)
    .label('Data source')
    .type('prometheus')
    .current({ text: `Prometheus (${site.name})`, value: PROMETHEUS_DATASOURCE_UID });
}

/** Grafana splits custom variable values on commas; a literal comma is written `\,`. */
function escapeCustomValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/,/g, '\\,');
}

export interface InventoryVariableOptions {
  name: string;
  label: string;
  values: string[];
  /** Many values at once, with an "All" entry matching everything (`.*`). Default: one value. */
  multi?: boolean;
  description?: string;
}

/** A custom variable listing inventory values, sorted; preset to All (multi) or the first value. */
export function inventoryVariable(o: InventoryVariableOptions): VariableBuilder {
  const values = [...new Set(o.values)].sort();
  const first = values[0] ?? '';
  const current = o.multi ? ALL : { text: first, value: first };
  const options = [...(o.multi ? [ALL] : []), ...values.map((v) => ({ text: v, value: v }))].map((opt) => ({
    ...opt,
    selected: opt.value === current.value,
  }));
  const b = new dashboard.CustomVariableBuilder(o.name)
    .label(o.label)
    .values(values.map(escapeCustomValue).join(','))
    .multi(o.multi ?? false)
    .includeAll(o.multi ?? false)
    .current(current)
    .options(options);
  if (o.multi) b.allValue('.*');
  if (o.description !== undefined) b.description(o.description);
  return b;
}

/** A variable filled from Prometheus with `label_values(<selector>, <label>)`, refreshed on load. */
export function labelValuesVariable(o: {
  name: string;
  label: string;
  selector: string;
  labelName: string;
  multi?: boolean;
}): VariableBuilder {
  const query = `label_values(${o.selector}, ${o.labelName})`;
  return new dashboard.QueryVariableBuilder(o.name)
    .label(o.label)
    .datasource(PROMETHEUS_VIA_VARIABLE)
    .query(query)
    .refresh(dashboard.VariableRefresh.OnDashboardLoad)
    .sort(dashboard.VariableSort.AlphabeticalAsc)
    .multi(o.multi ?? true)
    .includeAll(o.multi ?? true)
    .allValue('.*')
    .current(ALL);
}
