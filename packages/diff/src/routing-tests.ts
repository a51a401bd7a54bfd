/** A site's routing tests run against Kiln's simulator and inhibition model (amtool is run by the CLI). */
import { buildRouteTree, matchRoutes } from '@kiln/alertmanager';
import { inhibitRules, inhibitingRules } from './inhibit.js';
import { isRecord, type Labels } from './parse.js';

export interface RoutingTest {
  name: string;
  labels: Labels;
  expect: string[];
  inhibitedBy?: Labels;
}

export interface RoutingTestOutcome {
  test: RoutingTest;
  /** Receivers by Kiln's simulator, in tree order. */
  receivers: string[];
  /** Routes the alert ends at. */
  routes: string[];
  receiversPass: boolean;
  /** When the test names an inhibitor: the indices of the inhibit rules by which it mutes the alert. */
  inhibition?: { rules: number[]; pass: boolean };
  pass: boolean;
}

export function runRoutingTest(config: unknown, test: RoutingTest): RoutingTestOutcome {
  const route = isRecord(config) && isRecord(config.route) ? buildRouteTree(config.route) : undefined;
  const ends = route ? matchRoutes(route, test.labels) : [];
  const receivers = ends.map((n) => n.receiver);
  const receiversPass = receivers.join(',') === test.expect.join(',');
  const inhibition =
    test.inhibitedBy &&
    (() => {
      const rules = inhibitingRules(inhibitRules(config), test.labels, test.inhibitedBy).map((r) => r.index);
      return { rules, pass: rules.length > 0 };
    })();
  return {
    test,
    receivers,
    routes: ends.map((n) => n.path),
    receiversPass,
    ...(inhibition && { inhibition }),
    pass: receiversPass && (inhibition?.pass ?? true),
  };
}
