/** Where each alert's signal is shown: the first panel, in dashboard order, that declares it. */
import type { KilnDashboard } from './compose.js';
import { dashboardPath } from './ids.js';

export interface AlertDashboardLink {
  dashboardUid: string;
  dashboardTitle: string;
  panelId: number;
  panelTitle: string;
  /** `/d/<uid>/<slug>?viewPanel=<id>`: prefix Grafana's root URL to open it. */
  path: string;
  /** Dashboard variable → alert label that selects it (e.g. `{ host: 'host' }`). */
  vars: Record<string, string>;
  /**
   * `path` plus `&var-<v>={{ $labels.<label> }}` per variable: ready for a Prometheus rule
   * annotation, which Prometheus expands per alert (prefix the Grafana root URL).
   */
  annotationTemplate: string;
}

export function linkTo(d: KilnDashboard, panelId: number, panelTitle: string, vars: Record<string, string> = {}): AlertDashboardLink {
  const uid = d.model.uid ?? '';
  const path = dashboardPath(uid, d.model.title ?? uid, panelId);
  const params = Object.entries(vars).map(([v, label]) => `&var-${v}={{ $labels.${label} }}`);
  return { dashboardUid: uid, dashboardTitle: d.model.title ?? uid, panelId, panelTitle, path, vars: { ...vars }, annotationTemplate: path + params.join('') };
}

export function locateSignals(dashboards: KilnDashboard[]): Map<string, AlertDashboardLink> {
  const found = new Map<string, AlertDashboardLink>();
  for (const d of dashboards) {
    for (const s of d.signals ?? []) {
      if (!found.has(s.alert)) found.set(s.alert, linkTo(d, s.panelId, s.panelTitle, s.vars));
    }
  }
  return found;
}
