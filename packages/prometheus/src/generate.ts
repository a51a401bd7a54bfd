import { deriveAlerts } from '@kiln/exporters';
import type { Artifact, ResolvedSite } from '@kiln/model';
import { FILE_SD_DIR, RULES_DIR, TESTS_DIR, fileSd, prometheusArgs, prometheusConfig } from './config.js';
import { groupName, groupRules } from './rules.js';
import { unitTests, type PromtoolTestCase } from './unit-tests.js';

const TEST_EVALUATION_INTERVAL = '1m';

/** Every Prometheus artifact of a site, under `prometheus/`. Pure: reads only the resolved site. */
export function generatePrometheus(site: ResolvedSite): Artifact[] {
  const derived = deriveAlerts(site);
  const groups = groupRules(site, derived);
  const ruleFile = (g: string) => `${RULES_DIR}/${g}.yml`;
  const out: Artifact[] = [
    { path: 'prometheus/prometheus.yml', format: 'yaml', value: prometheusConfig(site, groups.map((g) => ruleFile(g.name))) },
    { path: 'prometheus/prometheus.args', format: 'text', value: prometheusArgs(site) },
  ];
  for (const [kind, groupsOfTargets] of fileSd(site)) {
    out.push({ path: `prometheus/${FILE_SD_DIR}/${kind}.json`, format: 'json', value: groupsOfTargets });
  }
  for (const g of groups) {
    out.push({ path: `prometheus/${ruleFile(g.name)}`, format: 'yaml', value: { groups: [{ name: groupName(site, g.name), rules: g.rules }] } });
    const cases: PromtoolTestCase[] =
      g.name === 'custom'
        ? customTests(site)
        : unitTests(site, derived.filter((a) => a.group === g.name));
    if (cases.length === 0) continue;
    out.push({
      path: `prometheus/${TESTS_DIR}/${g.name}.test.yml`,
      format: 'yaml',
      value: { rule_files: [`../${ruleFile(g.name)}`], evaluation_interval: TEST_EVALUATION_INTERVAL, tests: cases },
    });
  }
  return out;
}

function customTests(site: ResolvedSite): PromtoolTestCase[] {
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
