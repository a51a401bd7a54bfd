import type { DerivedAlert } from '@kiln/exporters';
import { dashboardLinks } from '@kiln/grafana';
import type { Labels, ResolvedAlert, ResolvedSite } from '@kiln/model';

export interface AlertingRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Labels;
  annotations: Labels;
}

export interface RuleGroup {
  name: string;
  rules: AlertingRule[];
}

export function runbookUrl(site: ResolvedSite, alert: string): string {
  return site.runbookUrl.replaceAll('{alertname}', alert);
}

const linksBySite = new WeakMap<ResolvedSite, ReturnType<typeof dashboardLinks>>();

/** The Grafana panel that shows an alert's signal, as a templated URL, when the site declares Grafana's URL. */
export function dashboardUrl(site: ResolvedSite, alert: string): string | undefined {
  if (!site.grafana) return undefined;
  let links = linksBySite.get(site);
  if (!links) linksBySite.set(site, (links = dashboardLinks(site)));
  const link = links.get(alert);
  return link && `${site.grafana.url}${link.annotationTemplate}`;
}

function annotations(site: ResolvedSite, alert: string, summary: string, description: string): Labels {
  const dashboard = dashboardUrl(site, alert);
  return { summary, description, runbook_url: runbookUrl(site, alert), ...(dashboard !== undefined && { dashboard_url: dashboard }) };
}

export function derivedRule(site: ResolvedSite, a: DerivedAlert): AlertingRule {
  return {
    alert: a.alert,
    expr: a.expr,
    ...(a.for !== '0s' && { for: a.for }),
    labels: { ...a.labels, severity: a.severity },
    annotations: annotations(site, a.alert, a.summary, a.description),
  };
}

export function customRule(site: ResolvedSite, a: ResolvedAlert): AlertingRule {
  return {
    alert: a.name,
    expr: a.expr,
    ...(a.for !== undefined && { for: a.for }),
    labels: { ...a.labels, severity: a.severity },
    annotations: annotations(site, a.name, a.summary, a.description),
  };
}

/** Groups keep their first-seen order; rules inside keep derivation order (stable by inventory order). */
export function groupRules(site: ResolvedSite, derived: DerivedAlert[]): RuleGroup[] {
  const groups = new Map<string, AlertingRule[]>();
  for (const a of derived) {
    const list = groups.get(a.group) ?? [];
    list.push(derivedRule(site, a));
    groups.set(a.group, list);
  }
  if (site.alerts.length > 0) groups.set('custom', site.alerts.map((a) => customRule(site, a)));
  return [...groups].map(([name, rules]) => ({ name, rules }));
}

/** The rule group name as Prometheus sees it: prefixed with the site so federated setups stay unambiguous. */
export const groupName = (site: ResolvedSite, group: string) => `${site.name}-${group}`;
