/**
 * Test coverage of a site's build: which alert rules some promtool unit test sees fire (an
 * expected alert carrying every static label of the rule), and which routes some routing test
 * ends at. Pure: reads the generated files and the routing tests.
 */
import { withoutNestedBlocks } from '@kiln/plan';
import { posix } from 'node:path';
import { buildRouteTree, matchRoutes, type RouteNode } from '@kiln/alertmanager';
import { asArray, asLabels, isRecord, object, pathsUnder, type Labels } from './parse.js';
import { routeNodes } from './routing.js';
import { RULES_DIR, TESTS_DIR, rulesOf, type RuleEntry } from './rules.js';
import type { SiteFiles } from './types.js';

export interface AlertCoverage {
  rule: RuleEntry;
  /** Names of the unit test cases that expect this rule to fire. */
  testedBy: string[];
}

export interface RouteCoverage {
  /** Position in the tree, e.g. `route.routes[1]`; `route` is the default route. */
  path: string;
  receiver: string;
  matchers: string[];
  /** Names of the routing tests whose alert ends at this route. */
  exercisedBy: string[];
}

export function alertCoverage(files: SiteFiles): AlertCoverage[] {
  const coverage = rulesOf(files, RULES_DIR)
    .filter((r) => r.kind === 'alert')
    .map((rule) => ({ rule, testedBy: [] as string[] }));
  for (const path of pathsUnder(files, TESTS_DIR, '.yml')) {
    const doc = object(path, withoutInputSeries(files.get(path) ?? ''));
    const loaded = new Set(asArray(doc?.rule_files).map((f) => posix.normalize(posix.join(posix.dirname(path), String(f)))));
    for (const [i, t] of asArray(doc?.tests).entries()) {
      if (!isRecord(t)) continue;
      const name = typeof t.name === 'string' ? t.name : `${path} #${i + 1}`;
      for (const a of asArray(t.alert_rule_test)) {
        if (!isRecord(a)) continue;
        const expected = asArray(a.exp_alerts).map((e) => (isRecord(e) ? asLabels(e.exp_labels) : {}));
        for (const c of coverage) {
          if (c.rule.name !== a.alertname || !loaded.has(c.rule.file)) continue;
          if (expected.some((labels) => Object.entries(c.rule.labels).every(([k, v]) => labels[k] === v)) && !c.testedBy.includes(name))
            c.testedBy.push(name);
        }
      }
    }
  }
  return coverage;
}

export function routeCoverage(config: unknown, tests: { name: string; labels: Labels }[]): RouteCoverage[] {
  const nodes = routeNodes(config);
  const root = isRecord(config) && isRecord(config.route) ? buildRouteTree(config.route) : undefined;
  const ends = new Map<string, string[]>();
  for (const t of tests) {
    for (const n of root ? matchRoutes(root, t.labels) : []) ends.set(n.path, [...(ends.get(n.path) ?? []), t.name]);
  }
  return nodes.map((n: RouteNode) => ({
    path: n.path,
    receiver: n.receiver,
    matchers: n.matchers.map((m) => `${m.name}${m.op}"${m.value}"`),
    exercisedBy: ends.get(n.path) ?? [],
  }));
}

/** Share of covered items; 1 when there is nothing to cover. */
export function ratio(items: { length: number }, covered: number): number {
  return items.length === 0 ? 1 : covered / items.length;
}

/**
 * Coverage needs the expectations, not the series, and generated test files list every series of
 * the site in every case: drop the `input_series` blocks (read through the serializer's contract)
 * before parsing.
 */
export const withoutInputSeries = (text: string): string => withoutNestedBlocks(text, 'input_series', 2);
