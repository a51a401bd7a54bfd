import type { DerivedAlert } from '@kiln/exporters';
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

export function derivedRule(site: ResolvedSite, a: DerivedAlert): AlertingRule {
  return {
    alert: a.alert,
    expr: a.expr,
    ...(a.for !== '0s' && { for: a.for }),
    labels: { ...a.labels, severity: a.severity },
    annotations: { summary: a.summary, description: a.description, runbook_url: runbookUrl(site, a.alert) },
  };
}

export function customRule(site: ResolvedSite, a: ResolvedAlert): AlertingRule {
  return {
    alert: a.name,
    expr: a.expr,
    ...(a.for !== undefined && { for: a.for }),
    labels: { ...a.labels, severity: a.severity },
    annotations: { summary: a.summary, description: a.description, runbook_url: runbookUrl(site, a.name) },
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
