/**
 * promtool unit tests for every generated alert: for each alert name a quiet case (all rules of that
 * name see healthy series) and, for each rule, a firing case (its series broken, the others healthy).
 */
import type { DerivedAlert, TestSeries } from '@kiln/exporters';
import type { Labels } from '@kiln/model';
import type { Plan } from '@kiln/plan';
import { durationSeconds, formatSeconds } from '@kiln/promql';
import { derivedRule } from './rules.js';

const TEST_INTERVAL = '1m';
const SETTLE_SECONDS = 5 * 60;
const forSeconds = (a: DerivedAlert) => durationSeconds(a.for) ?? 0;

interface ExpAlert {
  exp_labels: Labels;
  exp_annotations?: Labels;
}

export interface PromtoolTestCase {
  name: string;
  interval: string;
  input_series: TestSeries[];
  alert_rule_test: { eval_time: string; alertname: string; exp_alerts: ExpAlert[] }[];
}

/** Expands the `{{ $labels.x }}` references Kiln's own annotations use; anything else is left as is. */
export function expandTemplate(text: string, labels: Labels): string {
  return text.replace(/\{\{\s*\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g, (_, l: string) => labels[l] ?? '');
}

function merge(...lists: TestSeries[][]): TestSeries[] {
  const bySeries = new Map<string, TestSeries>();
  for (const list of lists) for (const s of list) bySeries.set(s.series, s);
  return [...bySeries.values()].sort((a, b) => (a.series < b.series ? -1 : a.series > b.series ? 1 : 0));
}

function expected(plan: Plan, a: DerivedAlert): ExpAlert {
  const rule = derivedRule(plan, a);
  const labels: Labels = { ...a.scenario.firingLabels, ...rule.labels };
  const annotations = Object.fromEntries(Object.entries(rule.annotations).map(([k, v]) => [k, expandTemplate(v, labels)]));
  return { exp_labels: labels, exp_annotations: annotations };
}

/**
 * Up to this many rules share an alert name, each gets its own firing case (a failure names the
 * host or mount). Each such case lists the healthy series of every sibling rule, so the file grows
 * with the square of the rule count; above the limit one case breaks every rule at once instead.
 */
export const PER_RULE_CASES_UP_TO = 10;

/** One case in which every rule of the name fires: linear in the number of rules. */
function allRulesFiring(plan: Plan, alertname: string, rules: DerivedAlert[], evalTime: string): PromtoolTestCase {
  const early = Math.max(Math.min(...rules.map(forSeconds)) - 60, 0);
  return {
    name: `${alertname} fires for each of its ${rules.length} rules`,
    interval: TEST_INTERVAL,
    input_series: merge(...rules.map((r) => r.scenario.firing)),
    alert_rule_test: [
      { eval_time: formatSeconds(early), alertname, exp_alerts: rules.filter((r) => forSeconds(r) <= early).map((r) => expected(plan, r)) },
      { eval_time: evalTime, alertname, exp_alerts: rules.map((r) => expected(plan, r)) },
    ],
  };
}

export function unitTests(plan: Plan, alerts: readonly DerivedAlert[]): PromtoolTestCase[] {
  const byName = new Map<string, DerivedAlert[]>();
  for (const a of alerts) {
    const list = byName.get(a.alert);
    if (list) list.push(a);
    else byName.set(a.alert, [a]);
  }
  const cases: PromtoolTestCase[] = [];
  for (const [alertname, rules] of byName) {
    const evalTime = formatSeconds(Math.max(...rules.map(forSeconds)) + SETTLE_SECONDS);
    const healthy = (except?: DerivedAlert) => merge(...rules.filter((r) => r !== except).map((r) => r.scenario.healthy));
    if (rules.every((r) => r.alwaysFiring)) {
      cases.push({
        name: `${alertname} always fires`,
        interval: TEST_INTERVAL,
        input_series: [],
        alert_rule_test: [{ eval_time: evalTime, alertname, exp_alerts: rules.map((r) => expected(plan, r)) }],
      });
      continue;
    }
    cases.push({
      name: `${alertname} stays quiet when healthy`,
      interval: TEST_INTERVAL,
      input_series: healthy(),
      alert_rule_test: [{ eval_time: evalTime, alertname, exp_alerts: [] }],
    });
    if (rules.length > PER_RULE_CASES_UP_TO) {
      cases.push(allRulesFiring(plan, alertname, rules, evalTime));
      continue;
    }
    rules.forEach((rule, i) => {
      const subject = Object.entries(rule.labels).map(([k, v]) => `${k}=${v}`);
      const where = [
        rule.scenario.firingLabels['host'] && `host=${rule.scenario.firingLabels['host']}`,
        rule.scenario.firingLabels['mountpoint'] && `mountpoint=${rule.scenario.firingLabels['mountpoint']}`,
        rule.scenario.firingLabels['job'] && `job=${rule.scenario.firingLabels['job']}`,
        ...subject,
      ].filter(Boolean);
      cases.push({
        name: `${alertname} fires (${where.join(', ') || `rule ${i + 1}`})`,
        interval: TEST_INTERVAL,
        input_series: merge(healthy(rule), rule.scenario.firing),
        alert_rule_test: [
          {
            eval_time: formatSeconds(Math.max(forSeconds(rule) - 60, 0)),
            alertname,
            exp_alerts: forSeconds(rule) > 0 ? [] : [expected(plan, rule)],
          },
          { eval_time: evalTime, alertname, exp_alerts: [expected(plan, rule)] },
        ],
      });
    });
  }
  return cases;
}
