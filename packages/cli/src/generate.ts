/** Site → artifacts → validated, serialized files. Pure apart from the clock-free PromQL checks. */
import { generateAlertmanager } from '@kiln/alertmanager';
import { generateAnsible } from '@kiln/ansible';
import { checkDashboards, generateGrafana } from '@kiln/grafana';
import type { Artifact, ResolvedSite } from '@kiln/model';
import { generatePrometheus } from '@kiln/prometheus';
import { checkRuleExpr } from '@kiln/promql';
import type { SiteExtensions } from './load-site.js';
import { serialize } from './serialize.js';

export class BuildError extends Error {
  constructor(
    readonly site: string,
    readonly problems: string[],
  ) {
    super(`site \`${site}\` cannot be built (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'BuildError';
  }
}

export function generateSite(site: ResolvedSite, extensions: SiteExtensions = {}): Artifact[] {
  return [...generatePrometheus(site), ...generateAlertmanager(site), ...generateGrafana(site, extensions.dashboards), ...generateAnsible(site)].sort((a, b) => (a.path < b.path ? -1 : 1));
}

interface RuleFileValue {
  groups: { name: string; rules: { alert?: string; record?: string; expr: string }[] }[];
}

/**
 * Every rule expression must be valid PromQL that evaluates to an instant vector or scalar (the
 * checks of Prometheus' own parser); a broken one fails the build with rule, file and line:col.
 */
export function checkExpressions(site: ResolvedSite, artifacts: Artifact[]): string[] {
  const problems: string[] = [];
  for (const a of artifacts) {
    if (!/^prometheus\/rules\/.*\.yml$/.test(a.path)) continue;
    for (const group of (a.value as RuleFileValue).groups) {
      for (const rule of group.rules) {
        for (const p of checkRuleExpr(rule.expr)) {
          const name = rule.alert ? `alert \`${rule.alert}\`` : `recording rule \`${rule.record}\``;
          problems.push(`${name} (${a.path}, group ${group.name}): expr ${p.line}:${p.column}: ${p.message}`);
        }
      }
    }
  }
  return problems;
}

/** Builds the files of one site in memory: path → content. Throws BuildError on invalid output. */
export function buildSite(site: ResolvedSite, extensions: SiteExtensions = {}): Map<string, string> {
  const artifacts = generateSite(site, extensions);
  const problems = [...checkExpressions(site, artifacts), ...checkDashboards(artifacts).map((p) => p.message)];
  if (problems.length > 0) throw new BuildError(site.name, problems);
  const files = new Map<string, string>();
  for (const a of artifacts) {
    if (files.has(a.path)) throw new BuildError(site.name, [`two generators wrote ${a.path}`]);
    files.set(a.path, serialize(a));
  }
  return files;
}
