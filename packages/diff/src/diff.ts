/**
 * The diff of two builds: a pure function of the files of each site before and after (and,
 * optionally, the lint findings of each), so it is tested without git or a build.
 */
import { diffDashboards, dashboardFiles } from './dashboards.js';
import { diffLint } from './lint.js';
import { diffObjects } from './objects.js';
import { RULES_DIR, TESTS_DIR, diffRules, rulesOf } from './rules.js';
import { ALERTMANAGER_YML, diffRouting } from './routing.js';
import { diffScrape, jobsOf } from './scrape.js';
import { code, plural } from './show.js';
import { SUBJECTS, type Change, type DiffReport, type LintFinding, type SiteDiff, type SiteFiles } from './types.js';

export interface SiteLint {
  base: LintFinding[];
  head: LintFinding[];
  /** Shown with the site, e.g. what the lint comparison could not cover. */
  note?: string;
}

export interface DiffInput {
  /** Labels of the two sides for the report's heading. */
  baseLabel: string;
  headLabel: string;
  /** Site name → its files (paths below `generated/<site>/`). */
  base: ReadonlyMap<string, SiteFiles>;
  head: ReadonlyMap<string, SiteFiles>;
  lint?: ReadonlyMap<string, SiteLint>;
}

const RISK_ORDER = { high: 0, medium: 1, low: 2 } as const;
const KIND_ORDER = { removed: 0, changed: 1, added: 2 } as const;

/** Risky first; then by subject (alerts before their unit tests), then removed, changed, added. */
export function byRisk(a: Change, b: Change): number {
  return (
    RISK_ORDER[a.risk] - RISK_ORDER[b.risk] ||
    SUBJECTS.indexOf(a.subject) - SUBJECTS.indexOf(b.subject) ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind]
  );
}

function lineCount(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of text.split('\n')) m.set(l, (m.get(l) ?? 0) + 1);
  return m;
}

/** Lines added and removed, as multisets (enough for "+3 −1"). */
function lineDelta(before: string, after: string): { plus: number; minus: number } {
  const b = lineCount(before);
  const a = lineCount(after);
  let plus = 0;
  let minus = 0;
  for (const [l, n] of a) plus += Math.max(0, n - (b.get(l) ?? 0));
  for (const [l, n] of b) minus += Math.max(0, n - (a.get(l) ?? 0));
  return { plus, minus };
}

/** Files no semantic comparison read: added, removed, or changed by line counts. */
function diffOtherFiles(base: SiteFiles, head: SiteFiles, read: Set<string>): Change[] {
  const paths = [...new Set([...base.keys(), ...head.keys()])].filter((p) => !read.has(p)).sort();
  const changes: Change[] = [];
  const sameAs = (p: string) => [...read].find((r) => head.get(r) !== undefined && head.get(r) === head.get(p));
  for (const p of paths) {
    const b = base.get(p);
    const a = head.get(p);
    if (b === a) continue;
    const copy = a !== undefined ? sameAs(p) : undefined;
    const note = copy ? `, same content as ${code(copy)}` : '';
    if (b === undefined) changes.push({ subject: 'file', kind: 'added', risk: 'low', summary: `new file ${code(p)}${note}`, details: [] });
    else if (a === undefined)
      changes.push({ subject: 'file', kind: 'removed', risk: 'low', summary: `removed file ${code(p)}`, details: [] });
    else {
      const d = lineDelta(b, a);
      changes.push({
        subject: 'file',
        kind: 'changed',
        risk: 'low',
        summary: `${code(p)} changed (+${d.plus} −${d.minus} lines${note})`,
        details: [],
      });
    }
  }
  return changes;
}

function siteSummary(files: SiteFiles): string {
  const alerts = rulesOf(files).filter((r) => r.kind === 'alert').length;
  const targets = [...jobsOf(files).values()].reduce((n, j) => n + j.targets.size, 0);
  return `${plural(files.size, 'file')}, ${plural(alerts, 'alert rule')}, ${plural(targets, 'scrape target')}, ${plural(dashboardFiles(files).length, 'dashboard')}`;
}

export function diffSite(site: string, base: SiteFiles | undefined, head: SiteFiles | undefined, lint?: SiteLint): SiteDiff {
  const notes = lint?.note ? [lint.note] : [];
  if (!base && !head) return { site, status: 'unchanged', changes: [], notes };
  if (!base)
    return {
      site,
      status: 'added',
      changes: [
        { subject: 'site', kind: 'added', risk: 'low', summary: `new site ${code(site)}: ${siteSummary(head!)}`, details: [] },
        ...(lint ? diffLint([], lint.head) : []),
      ],
      notes,
    };
  if (!head)
    return {
      site,
      status: 'removed',
      changes: [
        {
          subject: 'site',
          kind: 'removed',
          risk: 'high',
          summary: `removed site ${code(site)}: nothing of it is monitored any more (${siteSummary(base)})`,
          details: [],
        },
      ],
      notes,
    };
  const scrape = diffScrape(base, head);
  const objects = diffObjects(base, head);
  const read = new Set<string>([
    ...scrape.read,
    ...objects.read,
    ALERTMANAGER_YML,
    ...[...base.keys(), ...head.keys()].filter((p) => p.startsWith(RULES_DIR) || p.startsWith(TESTS_DIR)),
    ...dashboardFiles(base),
    ...dashboardFiles(head),
  ]);
  const changes = [
    ...diffRules(base, head),
    ...diffRouting(base, head),
    ...scrape.changes,
    ...diffDashboards(base, head),
    ...objects.changes,
    ...(lint ? diffLint(lint.base, lint.head) : []),
    ...diffOtherFiles(base, head, read),
  ];
  return { site, status: changes.length ? 'changed' : 'unchanged', changes, notes };
}

export function diffBuilds(input: DiffInput): DiffReport {
  const names = [...new Set([...input.base.keys(), ...input.head.keys()])].sort();
  return {
    base: input.baseLabel,
    head: input.headLabel,
    sites: names.map((n) => diffSite(n, input.base.get(n), input.head.get(n), input.lint?.get(n))),
  };
}
