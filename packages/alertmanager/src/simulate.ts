/**
 * A routing simulator with Alertmanager's semantics (dispatch/route.go): a route matches when all
 * its matchers match; children are tried in order, a matching child without `continue` stops the
 * search; when no child matches, the route itself is the result. Receivers and grouping are
 * inherited down the tree.
 */
import { matchesAll, parseMatcher, type Matcher } from './matchers.js';

export interface RawRoute {
  receiver?: string;
  matchers?: string[];
  match?: Record<string, string>;
  match_re?: Record<string, string>;
  continue?: boolean;
  group_by?: string[];
  routes?: RawRoute[];
}

export interface RouteNode {
  /** Position in the tree, e.g. `route.routes[1]`. */
  path: string;
  receiver: string;
  matchers: Matcher[];
  continue: boolean;
  groupBy: string[];
  routes: RouteNode[];
}

export function buildRouteTree(root: RawRoute, path = 'route', parent?: RouteNode): RouteNode {
  const matchers = [
    ...(root.matchers ?? []).map(parseMatcher),
    ...Object.entries(root.match ?? {}).map(([name, value]) => ({ name, op: '=' as const, value })),
    ...Object.entries(root.match_re ?? {}).map(([name, value]) => ({ name, op: '=~' as const, value })),
  ];
  const node: RouteNode = {
    path,
    receiver: root.receiver ?? parent?.receiver ?? '',
    matchers,
    continue: root.continue ?? false,
    groupBy: root.group_by ?? parent?.groupBy ?? [],
    routes: [],
  };
  node.routes = (root.routes ?? []).map((r, i) => buildRouteTree(r, `${path}.routes[${i}]`, node));
  return node;
}

/** The routes an alert with these labels ends at, in tree order (what `amtool config routes test` prints). */
export function matchRoutes(route: RouteNode, labels: Record<string, string>): RouteNode[] {
  if (!matchesAll(route.matchers, labels)) return [];
  const all: RouteNode[] = [];
  for (const child of route.routes) {
    const found = matchRoutes(child, labels);
    all.push(...found);
    if (found.length > 0 && !child.continue) break;
  }
  return all.length > 0 ? all : [route];
}

export function receiversFor(config: { route: RawRoute }, labels: Record<string, string>): string[] {
  return matchRoutes(buildRouteTree(config.route), labels).map((r) => r.receiver);
}

/** Every route node, depth first. */
export function allRoutes(route: RouteNode): RouteNode[] {
  return [route, ...route.routes.flatMap(allRoutes)];
}
