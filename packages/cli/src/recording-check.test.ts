/** The pipeline's check step covers recording rules: their PromQL is type-checked, and dashboards may query them. */
import { composeDashboard, presets } from '@kiln/grafana';
import { resolve } from '@kiln/model';
import { smallSite } from '@kiln/model/testing';
import { describe, expect, it } from 'vitest';
import { BuildError, buildResolved } from './pipeline.js';

const withRule = (expr: string) => {
  const site = smallSite();
  site.recordingRules = { 'node:memory_utilization:ratio': { expr } };
  return resolve(site);
};

const problems = (f: () => unknown): string[] => {
  try {
    f();
    return [];
  } catch (e) {
    if (!(e instanceof BuildError)) throw e;
    return e.problems.map((p) => `${p.ruleId}: ${p.message}`);
  }
};

const dashboardQuerying = (expr: string) => (site: Parameters<typeof composeDashboard>[0]) =>
  composeDashboard(site, {
    id: 'rec',
    title: 'Recorded',
    sections: [{ panels: [presets.timeseriesPanel({ title: 'Memory', queries: [{ expr }] })] }],
  });

describe('recording rules in the pipeline', () => {
  it('build when the expression is valid', () => {
    expect(problems(() => buildResolved(withRule('1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes')))).toEqual([]);
  });

  it('fail the build with a type error in the expression, naming the rule', () => {
    const found = problems(() => buildResolved(withRule('rate(node_memory_MemAvailable_bytes)')));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^promql\/syntax: recording rule `node:memory_utilization:ratio`: `expr` 1:6: expected type range vector in call to function "rate", got instant vector/,
    );
  });

  it('are known metrics to the dashboard check; an unknown recorded name is not', () => {
    const site = withRule('1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes');
    expect(problems(() => buildResolved(site, { dashboards: [dashboardQuerying('node:memory_utilization:ratio')] }))).toEqual([]);
    expect(problems(() => buildResolved(site, { dashboards: [dashboardQuerying('node:memory_utilisation:ratio')] }))[0]).toMatch(
      /grafana\/dashboard: .*`node:memory_utilisation:ratio` is in no exporter catalog .*did you mean `node:memory_utilization:ratio`/,
    );
  });
});
