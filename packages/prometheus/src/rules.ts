import type { DerivedAlert } from '@kiln/exporters';
import type { Labels, ResolvedAlert, ResolvedSite } from '@kiln/model';
import type { Plan } from '@kiln/plan';

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

/** The Grafana panel that shows an alert's signal (from the plan), as a templated URL, when the site declares Grafana's URL. */
export function dashboardUrl(plan: Plan, alert: string): string | undefined {
  if (!plan.site.grafana) return undefined;
  const link = plan.alertLinks.get(alert);
  return link && `${plan.site.grafana.url}${link.annotationTemplate}`;
}

function annotations(plan: Plan, alert: string, summary: string, description: string): Labels {
  const dashboard = dashboardUrl(plan, alert);
  return { summary, description, runbook_url: runbookUrl(plan.site, alert), ...(dashboard !== undefined && { dashboard_url: dashboard }) };
}

export function derivedRule(plan: Plan, a: DerivedAlert): AlertingRule {
  return {
    alert: a.alert,
    expr: a.expr,
    ...(a.for !== '0s' && { for: a.for }),
    labels: { ...a.labels, severity: a.severity },
    annotations: annotations(plan, a.alert, a.summary, a.description),
  };
}

export function customRule(plan: Plan, a: ResolvedAlert): AlertingRule {
  return {
    alert: a.name,
    expr: a.expr,
    ...(a.for !== undefined && { for: a.for }),
    labels: { ...a.labels, severity: a.severity },
    annotations: annotations(plan, a.name, a.summary, a.description),
  };
}

/** Groups keep their first-seen order; rules inside keep derivation order (stable by inventory order). */
export function groupRules(plan: Plan): RuleGroup[] {
  const groups = new Map<string, AlertingRule[]>();
  for (const a of plan.alerts) {
    const list = groups.get(a.group) ?? [];
    list.push(derivedRule(plan, a));
    groups.set(a.group, list);
  }
  if (plan.site.alerts.length > 0)
    groups.set(
      'custom',
      plan.site.alerts.map((a) => customRule(plan, a)),
    );
  return [...groups].map(([name, rules]) => ({ name, rules }));
}

/** The rule group name as Prometheus sees it: prefixed with the site so federated setups stay unambiguous. */
export const groupName = (site: ResolvedSite, group: string) => `${site.name}-${group}`;
