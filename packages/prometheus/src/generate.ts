import type { Artifact } from '@kiln/model';
import { layout, type Plan } from '@kiln/plan';
import { fileSd, prometheusArgs, prometheusConfig } from './config.js';
import { groupName, groupRules } from './rules.js';
import { unitTests, type PromtoolTestCase } from './unit-tests.js';

const TEST_EVALUATION_INTERVAL = '1m';

/** Every Prometheus artifact of a site, under `prometheus/`. Pure: reads only the plan. */
export function generatePrometheus(plan: Plan): Artifact[] {
  const { site } = plan;
  const groups = groupRules(plan);
  const out: Artifact[] = [
    { path: layout.prometheus.config, format: 'yaml', value: prometheusConfig(site, groups.map((g) => layout.prometheus.ruleFileRef(g.name))) },
    { path: layout.prometheus.args, format: 'text', value: prometheusArgs(site) },
  ];
  for (const [kind, groupsOfTargets] of fileSd(site)) {
    out.push({ path: layout.prometheus.fileSd(kind), format: 'json', value: groupsOfTargets });
  }
  for (const g of groups) {
    out.push({ path: layout.prometheus.ruleFile(g.name), format: 'yaml', value: { groups: [{ name: groupName(site, g.name), rules: g.rules }] } });
    const cases: PromtoolTestCase[] =
      g.name === 'custom'
        ? customTests(plan)
        : unitTests(plan, plan.alerts.filter((a) => a.group === g.name));
    if (cases.length === 0) continue;
    out.push({
      path: layout.prometheus.testFile(g.name),
      format: 'yaml',
      value: { rule_files: [`../${layout.prometheus.ruleFileRef(g.name)}`], evaluation_interval: TEST_EVALUATION_INTERVAL, tests: cases },
    });
  }
  return out;
}

function customTests({ site }: Plan): PromtoolTestCase[] {
  return site.alerts.flatMap((a) =>
    a.tests.map((t, i) => ({
      name: t.name ?? `${a.name} case ${i + 1}`,
      interval: t.interval ?? '1m',
      input_series: t.series,
      alert_rule_test: [
        {
          eval_time: t.evalTime,
          alertname: a.name,
          exp_alerts: t.expect.map((e) => ({ exp_labels: e.labels, ...(e.annotations && { exp_annotations: e.annotations }) })),
        },
      ],
    })),
  );
}
