import type { Artifact, ResolvedAlert } from '@kiln/model';
import { layout, type Plan } from '@kiln/plan';
import { fileSd, prometheusArgs, prometheusConfig } from './config.js';
import { exporterArgs } from './exporter-args.js';
import { RECORDING_GROUP, recordingRuleFile, recordingTests } from './recording.js';
import { kubernetesPrometheusArgs, kubernetesPrometheusConfig } from './kubernetes-sd.js';
import { customRule, groupName, groupRules } from './rules.js';
import { expandTemplate, unitTests, type PromtoolTestCase } from './unit-tests.js';
import { scaleOutArtifacts } from './scale-out-artifacts.js';

const TEST_EVALUATION_INTERVAL = '1m';

/** Every Prometheus artifact of a site, under `prometheus/`. Pure: reads only the plan. */
export function generatePrometheus(plan: Plan): Artifact[] {
  const { site } = plan;
  const groups = groupRules(plan);
  const recording = recordingRuleFile(site);
  const ruleFiles = [...(recording ? [RECORDING_GROUP] : []), ...groups.map((g) => g.name)].map(layout.prometheus.ruleFileRef);
  // A Kubernetes site is scraped through service discovery: no file_sd target files.
  const k8s = site.kubernetes;
  const out: Artifact[] = [
    {
      path: layout.prometheus.config,
      format: 'yaml',
      value: k8s ? kubernetesPrometheusConfig(site, k8s, ruleFiles) : prometheusConfig(site, ruleFiles),
    },
    { path: layout.prometheus.args, format: 'text', value: k8s ? kubernetesPrometheusArgs(site, k8s) : prometheusArgs(site) },
  ];
  for (const [kind, groupsOfTargets] of k8s ? [] : fileSd(site)) {
    out.push({ path: layout.prometheus.fileSd(kind), format: 'json', value: groupsOfTargets });
  }
  if (recording) {
    out.push({ path: layout.prometheus.ruleFile(RECORDING_GROUP), format: 'yaml', value: recording });
    const cases = recordingTests(site);
    if (cases.length > 0) {
      out.push({
        path: layout.prometheus.testFile(RECORDING_GROUP),
        format: 'yaml',
        value: {
          rule_files: [`../${layout.prometheus.ruleFileRef(RECORDING_GROUP)}`],
          evaluation_interval: TEST_EVALUATION_INTERVAL,
          tests: cases,
        },
      });
    }
  }
  for (const g of groups) {
    out.push({
      path: layout.prometheus.ruleFile(g.name),
      format: 'yaml',
      value: { groups: [{ name: groupName(site, g.name), rules: g.rules }] },
    });
    const cases: PromtoolTestCase[] = 'custom' in g.source ? customTests(plan, g.source.custom) : unitTests(plan, g.source.derived);
    if (cases.length === 0) continue;
    out.push({
      path: layout.prometheus.testFile(g.name),
      format: 'yaml',
      value: { rule_files: [`../${layout.prometheus.ruleFileRef(g.name)}`], evaluation_interval: TEST_EVALUATION_INTERVAL, tests: cases },
    });
  }
  out.push(...exporterArgs(plan));
  return site.scaleOut && !k8s ? scaleOutArtifacts(site, out) : out;
}

/**
 * The site's own test cases. An author writes the labels the expression yields; the rule adds its
 * own labels and `severity`, and annotations (summary, description, runbook_url, dashboard_url) —
 * so the expected alert gets those too, annotations expanded with the alert's labels unless the
 * case spells them out. Without this a documented test could never pass.
 */
function customTests(plan: Plan, alerts: readonly ResolvedAlert[]): PromtoolTestCase[] {
  return alerts.flatMap((a) => {
    const rule = customRule(plan, a);
    return a.tests.map((t, i) => ({
      name: t.name ?? `${a.name} case ${i + 1}`,
      interval: t.interval ?? '1m',
      input_series: t.series,
      alert_rule_test: [
        {
          eval_time: t.evalTime,
          alertname: a.name,
          exp_alerts: t.expect.map((e) => {
            const labels = { ...e.labels, ...rule.labels };
            return {
              exp_labels: labels,
              exp_annotations:
                e.annotations ?? Object.fromEntries(Object.entries(rule.annotations).map(([k, v]) => [k, expandTemplate(v, labels)])),
            };
          }),
        },
      ],
    }));
  });
}
