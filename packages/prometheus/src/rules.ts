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
  /** Its name in the layout (rule file, test file): the alert group, or `<group>-<nn>` for one chunk of a large group (splitGroup). */
  name: string;
  rules: AlertingRule[];
  /** What the rules are made from, in the same order: derived alerts, or the site's own (group `custom`). */
  source: { derived: DerivedAlert[] } | { custom: ResolvedAlert[] };
}

/**
 * The most alerting rules one group holds. Prometheus evaluates the rules of a group one after
 * another, all within the group's interval, and runs different groups concurrently: the storage
 * group of a 10,000-host site (two rules per host, 20,000 rules) would take one core for the whole
 * interval and may overrun it (`prometheus_rule_group_iterations_missed_total`). promtool, too,
 * checks a file with one thread (6 of its 6.4 s on that site). 1,000 rules of a few selectors each
 * evaluate in well under a second on a common server.
 */
export const MAX_RULES_PER_GROUP = 1000;

/**
 * The most a group's rules may weigh as JSON (their YAML is up to ~1.3 times that): a rule file must fit
 * a Kubernetes ConfigMap (1 MiB, configmap-split.ts in @kiln/kubernetes), and hand-written alerts with
 * long descriptions reach that well before 1,000 rules.
 */
export const MAX_GROUP_BYTES = 720 * 1024;

/**
 * Splits the alerting rules of one group into chunks of at most `max` rules and `maxBytes` (by
 * `sizeOf`), each to become its own group and rule file (`<name>-01`, `<name>-02`, …; the number as
 * wide as the count needs, at least two digits). This is sound because alerting rules are independent:
 * no rule of a group reads another's result within an evaluation — only recording rules are read by
 * later rules of their group, and those stay in their own, unsplit group (recording.ts); an alert's
 * `ALERTS` series is read across groups alike. A group within both limits keeps its name, so small
 * sites' output does not change.
 *
 * A host's rules stay in one chunk (hosts in the order their first rule comes, rules in their order),
 * so an edit to one host changes one chunk's file; a rule without a `host` label is a unit of its own.
 * A host over a limit alone gets a chunk of its own, that large.
 */
export function splitGroup<T>(
  name: string,
  rules: readonly T[],
  hostOf: (rule: T) => string | undefined,
  max = MAX_RULES_PER_GROUP,
  sizeOf: (rule: T) => number = () => 0,
  maxBytes = MAX_GROUP_BYTES,
): { name: string; rules: T[] }[] {
  const unitOf = (r: T, i: number) => hostOf(r) ?? i; // a number: a hostless rule, by its index
  const units = new Map<string | number, { rules: number; bytes: number }>();
  let bytes = 0;
  rules.forEach((r, i) => {
    const key = unitOf(r, i);
    const u = units.get(key) ?? { rules: 0, bytes: 0 };
    const b = sizeOf(r);
    u.rules++;
    u.bytes += b;
    bytes += b;
    units.set(key, u);
  });
  if (rules.length <= max && bytes <= maxBytes) return [{ name, rules: [...rules] }];
  const chunkOf = new Map<string | number, number>();
  let chunk = 0;
  let count = 0;
  let weight = 0;
  for (const [key, u] of units) {
    if (count > 0 && (count + u.rules > max || weight + u.bytes > maxBytes)) {
      chunk++;
      count = 0;
      weight = 0;
    }
    chunkOf.set(key, chunk);
    count += u.rules;
    weight += u.bytes;
  }
  const chunks: T[][] = Array.from({ length: chunk + 1 }, () => []);
  rules.forEach((r, i) => chunks[chunkOf.get(unitOf(r, i))!]!.push(r));
  const width = Math.max(2, String(chunks.length).length);
  return chunks.map((c, i) => ({ name: `${name}-${String(i + 1).padStart(width, '0')}`, rules: c }));
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

/**
 * The alerting rule groups: derived groups in first-seen order, rules inside in derivation order (stable
 * by inventory order), then the site's own (`custom`); each split into chunks when large (splitGroup).
 */
export function groupRules(plan: Plan): RuleGroup[] {
  const derived = new Map<string, DerivedAlert[]>();
  for (const a of plan.alerts) {
    const list = derived.get(a.group);
    if (list) list.push(a);
    else derived.set(a.group, [a]);
  }
  const groups: RuleGroup[] = [];
  // Split by the rules as written (their JSON weighs about what their YAML does).
  const split = <T extends { labels: Labels }>(group: string, alerts: readonly T[], rule: (a: T) => AlertingRule) =>
    splitGroup(
      group,
      alerts.map((a) => ({ a, rule: rule(a) })),
      (x) => x.a.labels['host'],
      MAX_RULES_PER_GROUP,
      (x) => JSON.stringify(x.rule).length,
    );
  for (const [group, alerts] of derived)
    for (const c of split(group, alerts, (a) => derivedRule(plan, a)))
      groups.push({ name: c.name, rules: c.rules.map((x) => x.rule), source: { derived: c.rules.map((x) => x.a) } });
  if (plan.site.alerts.length > 0)
    for (const c of split('custom', plan.site.alerts, (a) => customRule(plan, a)))
      groups.push({ name: c.name, rules: c.rules.map((x) => x.rule), source: { custom: c.rules.map((x) => x.a) } });
  return groups;
}

/** The rule group name as Prometheus sees it: prefixed with the site so federated setups stay unambiguous. */
export const groupName = (site: ResolvedSite, group: string) => `${site.name}-${group}`;
