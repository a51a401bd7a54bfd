/**
 * The one per-site pipeline every command runs (build, lint, diff, test):
 *
 *   load → resolve → plan → generate (every target) → check → serialize
 *
 * Loading returns the resolved site with its extensions as one value; the plan is computed once and
 * handed to every target; a target that needs another's output receives it here. No command
 * re-implements a step.
 */
import { generateAlertmanager } from '@kiln/alertmanager';
import { generateAnsible } from '@kiln/ansible';
import { checkDashboards, planDashboards } from '@kiln/grafana';
import { generateGrafana } from '@kiln/grafana';
import { generateKubernetes } from '@kiln/kubernetes';
import type { Artifact, Problem, ResolvedSite } from '@kiln/model';
import { loadLintFile, type LintFile } from '@kiln/lint';
import { isLintable, isRuleFile, planAlerts, serialize, type Plan } from '@kiln/plan';
import { generatePrometheus } from '@kiln/prometheus';
import { checkRuleExpr } from '@kiln/promql';
import type { LoadedSite, SiteExtensions } from './load-site.js';

/** The output of a site that must not be written: the problems, each with its rule id. */
export class BuildError extends Error {
  constructor(
    readonly site: string,
    readonly problems: Problem[],
  ) {
    super(`site \`${site}\` cannot be built (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p.message}`).join('\n')}`);
    this.name = 'BuildError';
  }
}

export interface SiteBuild {
  site: ResolvedSite;
  plan: Plan;
  artifacts: Artifact[];
  /** Path below `generated/<site>/` → file content, as the one serializer writes it. */
  files: Map<string, string>;
}

/** What every target reads, computed once: derived alerts and their catalog, dashboards, alert → panel links. */
export function planSite(site: ResolvedSite, extensions: SiteExtensions = {}): Plan {
  const alerts = planAlerts(site);
  return { site, ...alerts, ...planDashboards(site, alerts.catalog, extensions.dashboards ?? []) };
}

/**
 * Every target's artifacts, sorted by path. Ansible deploys the Prometheus target's output, and
 * Kubernetes the Prometheus, Alertmanager and Grafana output (in ConfigMaps), so they receive it.
 */
export function generateTargets(plan: Plan): Artifact[] {
  const prometheus = generatePrometheus(plan);
  const alertmanager = generateAlertmanager(plan);
  const grafana = generateGrafana(plan);
  const all = [...prometheus, ...alertmanager, ...grafana, ...generateAnsible(plan, prometheus), ...generateKubernetes(plan, { prometheus, alertmanager, grafana })];
  return all.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

interface RuleFileValue {
  groups: { name: string; rules: { alert?: string; record?: string; expr: string }[] }[];
}

/**
 * Checks of the generated output that must hold before anything is written: every rule expression
 * is valid PromQL evaluating to an instant vector or scalar (Prometheus' own parser checks), every
 * dashboard's layout and queries are sound, no two targets wrote one path.
 */
export function checkArtifacts(plan: Plan, artifacts: readonly Artifact[]): Problem[] {
  const problems: Problem[] = [];
  const entity = { kind: 'site', name: plan.site.name };
  const seen = new Set<string>();
  for (const a of artifacts) {
    if (seen.has(a.path)) problems.push({ ruleId: 'build/one-writer', messageId: 'twice', severity: 'error', summary: 'two targets wrote one file', message: `two targets wrote ${a.path}`, entity, location: { file: a.path } });
    seen.add(a.path);
    if (!isRuleFile(a.path)) continue;
    for (const group of (a.value as RuleFileValue).groups) {
      for (const rule of group.rules) {
        for (const p of checkRuleExpr(rule.expr)) {
          const name = rule.alert ? `alert \`${rule.alert}\`` : `recording rule \`${rule.record}\``;
          problems.push({
            ruleId: 'promql/syntax',
            messageId: p.code,
            severity: 'error',
            summary: 'invalid PromQL',
            message: `${name} (${a.path}, group ${group.name}): expr ${p.line}:${p.column}: ${p.message}`,
            entity: rule.alert ? { kind: 'alert', name: rule.alert } : { kind: 'recording rule', name: rule.record ?? '' },
            location: { file: a.path },
          });
        }
      }
    }
  }
  for (const d of checkDashboards(artifacts)) {
    problems.push({
      ruleId: d.check,
      messageId: d.check.slice(d.check.indexOf('/') + 1),
      severity: d.severity,
      summary: 'dashboard problem',
      message: d.message,
      entity: { kind: 'dashboard', name: d.dashboardUid },
      location: { ...(d.file !== undefined && { file: d.file }), ...(d.line !== undefined && { line: d.line, column: d.column }) },
    });
  }
  return problems;
}

/** The one serializer over every artifact: path → file content. */
export function serializeArtifacts(artifacts: readonly Artifact[]): Map<string, string> {
  return new Map(artifacts.map((a) => [a.path, serialize(a)]));
}

/** plan → generate → check → serialize for a resolved site. Throws BuildError when a check fails. */
export function buildResolved(site: ResolvedSite, extensions: SiteExtensions = {}): SiteBuild {
  const plan = planSite(site, extensions);
  const artifacts = generateTargets(plan);
  const problems = checkArtifacts(plan, artifacts);
  if (problems.length > 0) throw new BuildError(site.name, problems);
  return { site, plan, artifacts, files: serializeArtifacts(artifacts) };
}

/** The files of a resolved site, in memory (path → content). Throws BuildError on invalid output. */
export const buildSite = (site: ResolvedSite, extensions: SiteExtensions = {}): Map<string, string> => buildResolved(site, extensions).files;

/** The whole pipeline for one loaded site. */
export const buildLoaded = (loaded: LoadedSite): SiteBuild => buildResolved(loaded.site, loaded.extensions);

/**
 * The generated files lint reads, as `generated/<site>/<path>` — the one choice `kiln lint`, the
 * pre-commit hook and `kiln diff` share (the layout's `isLintable`: each configuration file once).
 */
export function lintableFiles(siteName: string, files: ReadonlyMap<string, string>): LintFile[] {
  return [...files].filter(([p]) => isLintable(p)).map(([p, text]) => loadLintFile(`generated/${siteName}/${p}`, text));
}
