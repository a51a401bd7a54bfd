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
import { generateCompose } from '@kiln/compose';
import { generateGrafana, planDashboards } from '@kiln/grafana';
import { generateKubernetes } from '@kiln/kubernetes';
import type { Artifact, Problem, ResolvedSite } from '@kiln/model';
import { RULES, lint, loadLintFile, type LintFile } from '@kiln/lint';
import { isDashboardFile, isLintable, isRuleFile, isUnitTestFile, layout, planAlerts, serialize, type Plan } from '@kiln/plan';
import { generatePrometheus } from '@kiln/prometheus';
import type { LoadedSite, SiteExtensions } from './load-site.js';
import { cacheKey, type VerifyCache } from './verify-cache.js';

const where = (p: Problem) =>
  p.location.file ? `${p.location.file}${p.location.line ? `:${p.location.line}:${p.location.column ?? 1}` : ''}: ` : '';

/** The output of a site that must not be written: the problems, each with its rule id. */
export class BuildError extends Error {
  constructor(
    readonly site: string,
    readonly problems: Problem[],
  ) {
    super(
      `site \`${site}\` cannot be built (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${where(p)}${p.message} [${p.ruleId}]`).join('\n')}`,
    );
    this.name = 'BuildError';
  }
}

export interface SiteBuild {
  site: ResolvedSite;
  /** Path below `generated/<site>/` → file content, as the one serializer writes it. */
  files: Map<string, string>;
}

/** What every target reads, computed once: derived alerts and their catalog, dashboards, alert → panel links. */
export function planSite(site: ResolvedSite, extensions: SiteExtensions = {}): Plan {
  const alerts = planAlerts(site);
  return { site, ...alerts, ...planDashboards(site, alerts.catalog, extensions.dashboards ?? []) };
}

/**
 * Every target's artifacts, sorted by path. Ansible deploys the Prometheus and Alertmanager
 * targets' output, Compose mounts and Kubernetes carries (in ConfigMaps) the Prometheus,
 * Alertmanager and Grafana output, so they receive it.
 */
export function generateTargets(plan: Plan, onPrometheus?: (prometheus: readonly Artifact[]) => void): Artifact[] {
  const prometheus = generatePrometheus(plan);
  onPrometheus?.(prometheus);
  // Only the Prometheus target reads the derived alerts (the others read the catalog and the alert →
  // panel links): the others get the plan without them, so that the alerts (~60 MB at 10,000 hosts)
  // are garbage while they run. Reading them there fails loudly rather than seeing none.
  plan = withoutDerivedAlerts(plan);
  const alertmanager = generateAlertmanager(plan);
  const grafana = generateGrafana(plan);
  const configs = [...prometheus, ...alertmanager, ...grafana];
  const all = [
    ...configs,
    ...generateAnsible(plan, configs),
    ...generateCompose(plan, configs),
    ...generateKubernetes(plan, { prometheus, alertmanager, grafana }),
  ];
  return all.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function withoutDerivedAlerts(plan: Plan): Plan {
  const rest = { site: plan.site, catalog: plan.catalog, dashboards: plan.dashboards, alertLinks: plan.alertLinks } as Plan;
  Object.defineProperty(rest, 'alerts', {
    enumerable: false,
    get() {
      throw new Error('only the Prometheus target reads plan.alerts (see generateTargets)');
    },
  });
  return rest;
}

/** The lint rules that must pass before anything is written (each has its id and docs page). */
export const BUILD_CHECKS = ['promql/syntax', 'rule/result-type', 'grafana/dashboard'] as const;
const buildRegistry = RULES.filter((r) => (BUILD_CHECKS as readonly string[]).includes(r.id));
/** Manifests the API server would refuse for their size (`kubernetes/object-size`); only a file over 1 MiB can hold one. */
const sizeRegistry = RULES.filter((r) => r.id === 'kubernetes/object-size');
const MANIFEST_SIZE_TO_CHECK = 1024 * 1024;

/**
 * Checks of the generated output that must hold before anything is written, as lint rules of the
 * registry run on the files as they will be written: every rule expression is valid PromQL of the
 * right type (`promql/syntax`, `rule/result-type`, Prometheus' own parser checks), every dashboard's
 * layout and queries are sound (`grafana/dashboard`), no Kubernetes object is larger than the API server
 * stores (`kubernetes/object-size`); and no two targets wrote one path.
 */
export function checkArtifacts(
  plan: Plan,
  artifacts: readonly Artifact[],
  files: ReadonlyMap<string, string> = serializeArtifacts(artifacts),
): Problem[] {
  return [...duplicatePaths(plan.site, artifacts), ...checkFiles(plan.site, files)];
}

function duplicatePaths(site: ResolvedSite, artifacts: readonly Artifact[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const a of artifacts) {
    if (seen.has(a.path)) {
      problems.push({
        ruleId: 'build/one-writer',
        messageId: 'twice',
        severity: 'error',
        summary: 'two targets wrote one file',
        message: `two targets wrote ${a.path}`,
        entity: { kind: 'site', name: site.name },
        location: { file: a.path },
      });
    }
    seen.add(a.path);
  }
  return problems;
}

/**
 * Where passing verdicts of Kiln's own checks of a rule file are kept: the verdict is a pure function
 * of the file's bytes and the checks' code (`fingerprint`: codeFingerprint of @kiln/lint), like a tool's.
 */
export interface ChecksCache {
  store: VerifyCache;
  fingerprint: string;
  /** Rule files checked, and how many of those passed before on the same bytes (not checked again). */
  stats: { files: number; cached: number };
}

function checkFiles(site: ResolvedSite, files: ReadonlyMap<string, string>, cache?: ChecksCache): Problem[] {
  // Dashboards may query the site's recording rules as well as the exporter catalogs.
  const rules = { 'grafana/dashboard': { options: { extraMetrics: site.recordingRules.map((r) => r.name) } } };
  const check = (checked: LintFile[]) => lint({ files: checked, registry: buildRegistry, rules }).filter((d) => d.severity === 'error');
  // A rule file at a time: its parsed copy and the analyses of its expressions (lint's cache is per
  // file) are garbage once it is checked, instead of every rule file's at once (~110 MB at 10,000
  // hosts). The build's checks read one rule at a time; the dashboards' recording rules are `extraMetrics`.
  // The dashboards first, together as before, so that their parsed copies are garbage before the rule files are read.
  const problems = check([...files].filter(([p]) => isDashboardFile(p)).map(([p, text]) => loadLintFile(p, text)));
  for (const [p, text] of files)
    if (layout.kubernetes.isManifest(p) && text.length > MANIFEST_SIZE_TO_CHECK / 4)
      problems.push(...lint({ files: [loadLintFile(p, text)], registry: sizeRegistry }).filter((d) => d.severity === 'error'));
  for (const [p, text] of files) {
    if (!isRuleFile(p)) continue;
    const key = cache && cacheKey(['kiln build checks', cache.fingerprint, ...BUILD_CHECKS, p, text]);
    if (cache) cache.stats.files++;
    if (key !== undefined && cache!.store.has(key)) {
      cache!.stats.cached++;
      continue;
    }
    const found = check([loadLintFile(p, text)]);
    if (found.length === 0 && key !== undefined) cache!.store.pass(key, `kiln build checks of ${p}`);
    problems.push(...found);
  }
  return problems;
}

/** The one serializer over every artifact: path → file content. */
export function serializeArtifacts(artifacts: readonly Artifact[]): Map<string, string> {
  return new Map(artifacts.map((a) => [a.path, serialize(a)]));
}

/** plan → generate → check → serialize for a resolved site. Throws BuildError when a check fails. */
export function buildResolved(site: ResolvedSite, extensions: SiteExtensions = {}): SiteBuild {
  const { files, problems } = generateFiles(site, extensions);
  problems.push(...checkFiles(site, files));
  if (problems.length > 0) throw new BuildError(site.name, problems);
  return { site, files };
}

/**
 * The build in steps, for `kiln build`: the files, and Kiln's own checks of them (`check`), which it
 * runs while the real tools judge the same files in their own processes. `onPrometheus` receives the
 * Prometheus target's files but its unit tests as soon as they are serialized — before the unit tests
 * are serialized and the other targets generated — so that promtool can start on them meanwhile.
 */
export function generateLoaded(
  loaded: LoadedSite,
  onPrometheus?: (files: ReadonlyMap<string, string>) => void,
  cache?: ChecksCache,
): { site: ResolvedSite; files: Map<string, string>; check: () => Problem[] } {
  const { site, extensions } = loaded;
  const { files, problems } = generateFiles(site, extensions, onPrometheus);
  return { site, files, check: () => [...problems, ...checkFiles(site, files, cache)] };
}

/**
 * plan → generate → serialize. The plan and the artifacts are garbage once this returns: the checks
 * and the writer need only the files (a 10,000-host site's plan and artifacts take ~90 MB).
 */
function generateFiles(
  site: ResolvedSite,
  extensions: SiteExtensions,
  onPrometheus?: (files: ReadonlyMap<string, string>) => void,
): { files: Map<string, string>; problems: Problem[] } {
  // Each artifact is serialized once: the Prometheus files early (for onPrometheus), the rest after.
  const early = new Map<string, string>();
  const artifacts = generateTargets(
    planSite(site, extensions),
    onPrometheus &&
      ((prometheus) => {
        // What promtool checks first; the unit tests (`kiln test`'s, 36 MB at 10,000 hosts) are serialized while it runs.
        for (const a of prometheus) if (!isUnitTestFile(a.path)) early.set(a.path, serialize(a));
        onPrometheus(early);
        for (const a of prometheus) if (isUnitTestFile(a.path)) early.set(a.path, serialize(a));
      }),
  );
  const problems = duplicatePaths(site, artifacts);
  const files = new Map<string, string>();
  for (const a of artifacts) files.set(a.path, early.get(a.path) ?? serialize(a));
  return { problems, files };
}

/** The files of a resolved site, in memory (path → content). Throws BuildError on invalid output. */
export const buildSite = (site: ResolvedSite, extensions: SiteExtensions = {}): Map<string, string> =>
  buildResolved(site, extensions).files;

/** The whole pipeline for one loaded site. */
export const buildLoaded = (loaded: LoadedSite): SiteBuild => buildResolved(loaded.site, loaded.extensions);

/**
 * The generated files lint reads, as `generated/<site>/<path>` — the one choice `kiln lint`, the
 * pre-commit hook and `kiln diff` share (the layout's `isLintable`: each configuration file once).
 */
export function lintableFiles(siteName: string, files: ReadonlyMap<string, string>): LintFile[] {
  return [...files].filter(([p]) => isLintable(p)).map(([p, text]) => loadLintFile(`generated/${siteName}/${p}`, text));
}
