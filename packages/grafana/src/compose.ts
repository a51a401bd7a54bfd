/**
 * Turns a dashboard definition (variables and sections of panel specs) into a Grafana dashboard
 * built with the foundation SDK: deterministic uid, ids and layout, the `$datasource` variable,
 * links to the site's other dashboards and to Prometheus / Alertmanager.
 */
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import type { ResolvedSite } from '@kiln/model';
import { dashboardUid, siteTag } from './ids.js';
import { layout } from './layout.js';
import type { KilnDashboard, LocatedSignal } from '@kiln/plan';
import type { Section } from './panel.js';
import { datasourceVariable, type VariableBuilder } from './variables.js';

export interface DashboardDefinition {
  /** Stable id within the site (`overview`, `node`, …); the uid derives from it and the site name. */
  id: string;
  title: string;
  description?: string;
  tags?: string[];
  /** Template variables after `$datasource`. */
  variables?: VariableBuilder[];
  sections: Section[];
  /** Default time range start (default `now-6h`). */
  from?: string;
  /** Auto-refresh interval (default `1m`). */
  refresh?: string;
}

export function composeDashboard(site: ResolvedSite, def: DashboardDefinition): KilnDashboard {
  const tag = siteTag(site.name);
  const b = new dashboard.DashboardBuilder(def.title)
    .uid(dashboardUid(site.name, def.id))
    .tags([...new Set(['kiln', tag, ...(def.tags ?? [])])])
    .readonly()
    .tooltip(dashboard.DashboardCursorSync.Crosshair)
    .timezone('browser')
    .time({ from: def.from ?? 'now-6h', to: 'now' })
    .refresh(def.refresh ?? '1m')
    .variables([datasourceVariable(site), ...(def.variables ?? [])])
    .links([
      new dashboard.DashboardLinkBuilder(`${site.name} dashboards`)
        .type(dashboard.DashboardLinkType.Dashboards)
        .tags([tag])
        .asDropdown(true)
        .includeVars(true)
        .keepTime(true),
      new dashboard.DashboardLinkBuilder('Prometheus alerts')
        .type(dashboard.DashboardLinkType.Link)
        .url(`${site.prometheus.externalUrl}/alerts`)
        .icon('bolt')
        .targetBlank(true),
      new dashboard.DashboardLinkBuilder('Alertmanager')
        .type(dashboard.DashboardLinkType.Link)
        .url(`http://${site.alertmanager.address}/`)
        .icon('bolt')
        .targetBlank(true),
    ]);
  if (def.description !== undefined) b.description(def.description);

  const signals: LocatedSignal[] = [];
  for (const item of layout(def.sections)) {
    if (item.kind === 'row') {
      b.withRow(new dashboard.RowBuilder(item.title).id(item.id).gridPos(item.gridPos).collapsed(false));
    } else {
      b.withPanel(item.panel.build(item.id, item.gridPos));
      for (const s of item.panel.signals) signals.push({ ...s, panelId: item.id, panelTitle: item.panel.title });
    }
  }
  return { model: b.build(), signals };
}
