/**
 * Routing of two builds: for every alert rule's label set (alertname + static labels) the
 * receivers before and after, by Kiln's simulator of Alertmanager's routing tree; routes matched by
 * their matchers and receiver (grouping and timing changes), receivers, inhibit rules.
 */
import { layout } from '@kiln/plan';
import { allRoutes, buildRouteTree, matchRoutes, type RawRoute, type RouteNode } from '@kiln/alertmanager';
import { inhibitRules } from './inhibit.js';
import { asArray, isRecord, object } from './parse.js';
import { alertLabels, pairRules, rulesOf, type RuleEntry } from './rules.js';
import { alertName, code, receiverList } from './show.js';
import type { Change, Risk, SiteFiles } from './types.js';
import { equal, fieldChanges, fieldLines, keyed, partition } from './values.js';

export const ALERTMANAGER_YML = layout.alertmanager.config;

interface Alertmanager {
  config: Record<string, unknown>;
  tree?: RouteNode;
  /** Receiver name → its settings (integrations). */
  receivers: Map<string, Record<string, unknown>>;
}

function alertmanagerOf(files: SiteFiles): Alertmanager | undefined {
  const config = object(ALERTMANAGER_YML, files.get(ALERTMANAGER_YML));
  if (!config) return undefined;
  const receivers = new Map<string, Record<string, unknown>>();
  for (const r of asArray(config.receivers)) if (isRecord(r)) receivers.set(String(r.name), r);
  const route = isRecord(config.route) ? (config.route as RawRoute) : undefined;
  return { config, ...(route && { tree: buildRouteTree(route) }), receivers };
}

/** A receiver that exists and has at least one integration (`*_configs`). */
function delivers(am: Alertmanager, receiver: string): boolean {
  const r = am.receivers.get(receiver);
  return !!r && Object.entries(r).some(([k, v]) => k.endsWith('_configs') && Array.isArray(v) && v.length > 0);
}

const routeOf = (am: Alertmanager, r: RuleEntry) => (am.tree ? matchRoutes(am.tree, alertLabels(r)).map((n) => n.receiver) : []);

function nowhere(am: Alertmanager, receivers: string[]): string | undefined {
  if (receivers.length === 0) return 'no receiver';
  if (receivers.some((r) => delivers(am, r))) return undefined;
  const missing = receivers.filter((r) => !am.receivers.has(r));
  return missing.length
    ? `undefined receiver ${missing.map(code).join(', ')}`
    : `${receivers.map(code).join(', ')} without any integration`;
}

function alertRouting(base: SiteFiles, head: SiteFiles, amBefore: Alertmanager, amAfter: Alertmanager): Change[] {
  const alerts = (files: SiteFiles) => rulesOf(files).filter((r) => r.kind === 'alert');
  const now = alerts(head);
  const previous = new Map(pairRules(alerts(base), now).common.map(([b, a]) => [a, b]));
  const changes: Change[] = [];
  for (const rule of now) {
    const was = previous.get(rule);
    const now = routeOf(amAfter, rule);
    const lost = nowhere(amAfter, now);
    const name = alertName(rule.name, rule.labels);
    if (!was) {
      changes.push({
        subject: 'alert routing',
        kind: 'added',
        risk: lost ? 'high' : 'low',
        summary: lost ? `new alert ${name} goes nowhere: ${lost}` : `new alert ${name} goes to ${receiverList(now)}`,
        details: [],
      });
      continue;
    }
    const then = routeOf(amBefore, was);
    if (equal(then, now)) continue;
    const risk: Risk = lost ? 'high' : 'medium';
    changes.push({
      subject: 'alert routing',
      kind: 'changed',
      risk,
      summary: lost
        ? `${name} now goes nowhere (${lost}) instead of ${receiverList(then)}`
        : `${name} now goes to ${receiverList(now)} instead of ${receiverList(then)}`,
      details: [],
    });
  }
  return changes;
}

const GROUPING = [
  'group_by',
  'group_wait',
  'group_interval',
  'repeat_interval',
  'continue',
  'mute_time_intervals',
  'active_time_intervals',
] as const;

function routeSettings(raw: RawRoute & Record<string, unknown>, node: RouteNode): Record<string, unknown> {
  return { receiver: node.receiver, ...Object.fromEntries(GROUPING.filter((k) => raw[k] !== undefined).map((k) => [k, raw[k]])) };
}

interface RouteEntry {
  node: RouteNode;
  raw: RawRoute & Record<string, unknown>;
}

function routesOf(am: Alertmanager): RouteEntry[] {
  const list: RouteEntry[] = [];
  const walk = (raw: RawRoute & Record<string, unknown>, node: RouteNode) => {
    list.push({ node, raw });
    asArray(raw.routes).forEach((child, i) => walk(child as RawRoute & Record<string, unknown>, node.routes[i]!));
  };
  if (am.tree) walk(am.config.route as RawRoute & Record<string, unknown>, am.tree);
  return list;
}

function routeMatchers(n: RouteNode): string {
  if (n.path === 'route') return 'default route';
  return `route {${n.matchers
    .map((x) => `${x.name}${x.op}"${x.value}"`)
    .sort()
    .join(', ')}}`;
}

/**
 * Pairs the routes of two trees: first those with the same matchers and receiver, then the rest
 * with the same matchers in tree order (a changed receiver), so splitting one route into two
 * reads as one route added, not as every route changed.
 */
function pairRoutes(
  before: RouteEntry[],
  after: RouteEntry[],
): { removed: RouteEntry[]; added: RouteEntry[]; common: [RouteEntry, RouteEntry][] } {
  const left = new Set(before);
  const right = new Set(after);
  const common: [RouteEntry, RouteEntry][] = [];
  for (const same of [
    (a: RouteEntry, b: RouteEntry) => routeMatchers(a.node) === routeMatchers(b.node) && a.node.receiver === b.node.receiver,
    (a: RouteEntry, b: RouteEntry) => routeMatchers(a.node) === routeMatchers(b.node),
  ]) {
    for (const b of [...left]) {
      const a = [...right].find((x) => same(b, x));
      if (!a) continue;
      common.push([b, a]);
      left.delete(b);
      right.delete(a);
    }
  }
  return { removed: [...left], added: [...right], common };
}

function routeName(r: RouteEntry): string {
  const m = routeMatchers(r.node);
  return m === 'default route' ? 'the default route' : code(m);
}

function diffRoutes(amBefore: Alertmanager, amAfter: Alertmanager): Change[] {
  const { removed, added, common } = pairRoutes(routesOf(amBefore), routesOf(amAfter));
  const changes: Change[] = [];
  for (const r of removed)
    changes.push({
      subject: 'route',
      kind: 'removed',
      risk: 'medium',
      summary: `removed ${routeName(r)} to ${code(r.node.receiver)}`,
      details: [],
    });
  for (const r of added) {
    const lost = nowhere(amAfter, [r.node.receiver]);
    changes.push({
      subject: 'route',
      kind: 'added',
      risk: lost ? 'high' : 'low',
      summary: lost ? `new ${routeName(r)} routes to nowhere: ${lost}` : `new ${routeName(r)} to ${code(r.node.receiver)}`,
      details: fieldLines(fieldChanges({}, routeSettings(r.raw, r.node)).filter((f) => f.path !== 'receiver')),
    });
  }
  for (const [b, a] of common) {
    const fields = fieldChanges(routeSettings(b.raw, b.node), routeSettings(a.raw, a.node));
    const lost = nowhere(amAfter, [a.node.receiver]);
    const wasLost = nowhere(amBefore, [b.node.receiver]);
    if (lost && !wasLost)
      changes.push({
        subject: 'route',
        kind: 'changed',
        risk: 'high',
        summary: `${routeName(a)} now routes to nowhere: ${lost}`,
        details: [],
      });
    if (fields.length)
      changes.push({
        subject: 'route',
        kind: 'changed',
        risk: 'medium',
        summary: `${routeName(a)}: ${fields
          .map((f) => code(f.path.replace(/\[\d+\].*$/, '')))
          .filter((x, i, a) => a.indexOf(x) === i)
          .join(', ')} changed`,
        details: fieldLines(fields),
      });
  }
  return changes;
}

function inhibitLine(raw: unknown): string {
  const r = isRecord(raw) ? raw : {};
  const list = (...keys: string[]) =>
    keys
      .flatMap((k) =>
        Array.isArray(r[k])
          ? (r[k] as unknown[]).map(String)
          : isRecord(r[k])
            ? Object.entries(r[k]).map(([n, v]) => `${n}${k.endsWith('_re') ? '=~' : '='}"${String(v)}"`)
            : [],
      )
      .join(', ');
  const eq = asArray(r.equal).map(String);
  return `${code(list('source_matchers', 'source_match', 'source_match_re'))} mutes ${code(list('target_matchers', 'target_match', 'target_match_re'))}${eq.length ? ` with equal ${eq.map(code).join(', ')}` : ''}`;
}

function diffInhibitions(amBefore: Alertmanager, amAfter: Alertmanager): Change[] {
  const key = (r: unknown) => JSON.stringify(r);
  const before = keyed(asArray(amBefore.config.inhibit_rules), key);
  const after = keyed(asArray(amAfter.config.inhibit_rules), key);
  const { removed, added } = partition(before, after);
  inhibitRules(amAfter.config); // parse, so a malformed matcher fails here rather than in a report line
  return [
    ...removed.map((k): Change => ({
      subject: 'inhibit rule',
      kind: 'removed',
      risk: 'medium',
      summary: `removed inhibit rule: ${inhibitLine(before.get(k))}`,
      details: [],
    })),
    ...added.map((k): Change => ({
      subject: 'inhibit rule',
      kind: 'added',
      risk: 'medium',
      summary: `new inhibit rule: ${inhibitLine(after.get(k))}`,
      details: [],
    })),
  ];
}

function diffReceivers(amBefore: Alertmanager, amAfter: Alertmanager): Change[] {
  const { removed, added, common } = partition(amBefore.receivers, amAfter.receivers);
  const integrations = (r: Record<string, unknown>) =>
    Object.keys(r)
      .filter((k) => k.endsWith('_configs'))
      .map((k) => k.replace(/_configs$/, ''));
  return [
    ...removed.map((k): Change => ({
      subject: 'receiver',
      kind: 'removed',
      risk: 'medium',
      summary: `removed receiver ${code(k)}`,
      details: [],
    })),
    ...added.map((k): Change => ({
      subject: 'receiver',
      kind: 'added',
      risk: 'low',
      summary: `new receiver ${code(k)} (${integrations(amAfter.receivers.get(k)!).join(', ') || 'no integration'})`,
      details: [],
    })),
    ...common.flatMap((k): Change[] => {
      const fields = fieldChanges(amBefore.receivers.get(k), amAfter.receivers.get(k));
      return fields.length
        ? [{ subject: 'receiver', kind: 'changed', risk: 'medium', summary: `receiver ${code(k)} changed`, details: fieldLines(fields) }]
        : [];
    }),
  ];
}

function diffSettings(amBefore: Alertmanager, amAfter: Alertmanager): Change[] {
  const rest = (c: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(c).filter(([k]) => !['route', 'receivers', 'inhibit_rules'].includes(k)));
  const fields = fieldChanges(rest(amBefore.config), rest(amAfter.config));
  return fields.length
    ? [
        {
          subject: 'alertmanager setting',
          kind: 'changed',
          risk: 'low',
          summary: `alertmanager.yml: ${fields.map((f) => code(f.path)).join(', ')} changed`,
          details: fieldLines(fields),
        },
      ]
    : [];
}

export function diffRouting(base: SiteFiles, head: SiteFiles): Change[] {
  const amBefore = alertmanagerOf(base);
  const amAfter = alertmanagerOf(head);
  if (!amBefore || !amAfter) return [];
  return [
    ...alertRouting(base, head, amBefore, amAfter),
    ...diffRoutes(amBefore, amAfter),
    ...diffInhibitions(amBefore, amAfter),
    ...diffReceivers(amBefore, amAfter),
    ...diffSettings(amBefore, amAfter),
  ];
}

/** Every route of an alertmanager.yml value, depth first (for coverage). */
export function routeNodes(config: unknown): RouteNode[] {
  return isRecord(config) && isRecord(config.route) ? allRoutes(buildRouteTree(config.route)) : [];
}
