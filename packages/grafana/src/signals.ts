/** Where each alert's signal is shown: the first panel, in dashboard order, that declares it. */
import type { AlertDashboardLink, KilnDashboard } from '@kiln/plan';
import { dashboardPath } from './ids.js';

export function linkTo(d: KilnDashboard, panelId: number, panelTitle: string, vars: Record<string, string> = {}): AlertDashboardLink {
  const uid = d.model.uid ?? '';
  const path = dashboardPath(uid, d.model.title ?? uid, panelId);
  const params = Object.entries(vars).map(([v, label]) => `&var-${v}={{ $labels.${label} }}`);
  return {
    dashboardUid: uid,
    dashboardTitle: d.model.title ?? uid,
    panelId,
    panelTitle,
    path,
    vars: { ...vars },
    annotationTemplate: path + params.join(''),
  };
}

export function locateSignals(dashboards: readonly KilnDashboard[]): Map<string, AlertDashboardLink> {
  const found = new Map<string, AlertDashboardLink>();
  for (const d of dashboards) {
    for (const s of d.signals ?? []) {
      if (!found.has(s.alert)) found.set(s.alert, linkTo(d, s.panelId, s.panelTitle, s.vars));
    }
  }
  return found;
}
