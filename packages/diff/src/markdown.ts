/**
 * The report as a pull-request comment: a hidden marker (to find and update the one comment), a
 * summary table, the risky changes first, then one collapsed section per site and area. Fits in
 * GitHub's comment limit; what does not fit is cut with a note saying how much is missing.
 */
import { byRisk } from './diff.js';
import { code, plural } from './show.js';
import { SECTIONS, SUBJECTS, type Change, type DiffReport, type Risk, type SiteDiff, type Subject } from './types.js';

export const MARKER = '<!-- kiln-diff -->';
/** GitHub rejects issue and pull-request comments longer than this (in characters). */
export const GITHUB_COMMENT_LIMIT = 65_536;
const ATTENTION_LIMIT = 25;

const ROW: Record<Subject, string> = {
  site: 'sites',
  'alert rule': 'alert rules',
  'recording rule': 'recording rules',
  'unit test': 'unit test files',
  'alert routing': 'alerts routed',
  route: 'routes',
  'inhibit rule': 'inhibit rules',
  receiver: 'receivers',
  'alertmanager setting': 'alertmanager settings',
  'scrape job': 'scrape jobs',
  target: 'scrape targets',
  'prometheus setting': 'prometheus settings',
  dashboard: 'dashboards',
  panel: 'panels',
  object: 'objects',
  file: 'other files',
  'lint finding': 'lint findings',
};

const ICON: Record<Risk, string> = { high: '🔴', medium: '🟠', low: '⚪' };

interface Line {
  text: string;
  /** Closing tags needed if the output were cut right after this line. */
  closers: string[];
  /** This line is the summary of a change (counted when cut). */
  change?: boolean;
}

function counts(changes: Change[]): Map<Subject, Record<Change['kind'], number>> {
  const m = new Map<Subject, Record<Change['kind'], number>>();
  for (const c of changes) {
    const row = m.get(c.subject) ?? { added: 0, removed: 0, changed: 0 };
    row[c.kind]++;
    m.set(c.subject, row);
  }
  return m;
}

function table(changes: Change[]): string[] {
  const m = counts(changes);
  const rows = SUBJECTS.filter((s) => m.has(s)).map((s) => {
    const r = m.get(s)!;
    if (s === 'lint finding') return `| lint findings | ${r.added} introduced | ${r.removed} fixed | |`;
    const cell = (n: number) => (n === 0 ? '' : String(n));
    return `| ${ROW[s]} | ${cell(r.added)} | ${cell(r.removed)} | ${cell(r.changed)} |`;
  });
  return ['| | added | removed | changed |', '|---|--:|--:|--:|', ...rows];
}

function sectionTitle(name: string, changes: Change[]): string {
  const by = (k: Change['kind']) => changes.filter((c) => c.kind === k).length;
  const parts =
    name === 'Lint'
      ? [`${by('added')} introduced`, `${by('removed')} fixed`]
      : (['removed', 'changed', 'added'] as const).filter((k) => by(k) > 0).map((k) => `${by(k)} ${k}`);
  const high = changes.filter((c) => c.risk === 'high').length;
  return `${name}: ${parts.join(', ')}${high ? ` — ${ICON.high} ${high} risky` : ''}`;
}

function siteLines(s: SiteDiff): Line[] {
  const lines: Line[] = [];
  const push = (text: string, closers: string[], change = false) => lines.push({ text, closers, ...(change && { change }) });
  push(`### ${code(s.site)}: ${s.status === 'unchanged' ? 'no changes' : plural(s.changes.length, 'change')}`, []);
  push('', []);
  for (const n of s.notes) push(`_${n}_`, []);
  if (s.notes.length) push('', []);
  for (const [name, subjects] of Object.entries(SECTIONS)) {
    const changes = s.changes.filter((c) => (subjects as readonly Subject[]).includes(c.subject)).sort(byRisk);
    if (changes.length === 0) continue;
    const open = changes.some((c) => c.risk === 'high') ? ' open' : '';
    const closers = ['</details>', ''];
    push(`<details${open}><summary>${sectionTitle(name, changes)}</summary>`, closers);
    push('', closers);
    for (const c of changes) {
      push(`- ${ICON[c.risk]} ${c.summary}`, closers, true);
      for (const d of c.details) push(`  - ${d}`, closers);
    }
    push('', closers);
    push('</details>', []);
    push('', []);
  }
  return lines;
}

export interface MarkdownOptions {
  /** Maximum length in characters (default: GitHub's comment limit). */
  limit?: number;
  /** How to get the full report, for the truncation note. */
  fullReportHint?: string;
}

export function renderMarkdown(report: DiffReport, options: MarkdownOptions = {}): string {
  const limit = options.limit ?? GITHUB_COMMENT_LIMIT;
  const all = report.sites.flatMap((s) => s.changes);
  const changed = report.sites.filter((s) => s.status !== 'unchanged');
  const lines: Line[] = [];
  const push = (text: string) => lines.push({ text, closers: [] });
  push(MARKER);
  push(`## Kiln: what this change does to the generated configuration`);
  push('');
  push(`Compared ${code(report.base)} with ${code(report.head)}.`);
  push('');
  if (all.length === 0) {
    push(`No changes to the generated configuration of ${plural(report.sites.length, 'site')}.`);
    return lines.map((l) => l.text).join('\n') + '\n';
  }
  const high = all.filter((c) => c.risk === 'high');
  push(`**${plural(all.length, 'change')} in ${plural(changed.length, 'site')}${high.length ? `, ${high.length} risky` : ''}.**`);
  push('');
  table(all).forEach(push);
  push('');
  if (high.length) {
    push(`#### ${ICON.high} Needs attention`);
    push('');
    const sites = report.sites.filter((s) => s.changes.some((c) => c.risk === 'high'));
    const many = sites.length > 1;
    for (const s of sites)
      for (const c of s.changes.filter((x) => x.risk === 'high').sort(byRisk)) push(`- ${many ? `**${s.site}**: ` : ''}${c.summary}`);
    if (high.length > ATTENTION_LIMIT) {
      const keep = lines.length - (high.length - ATTENTION_LIMIT);
      lines.splice(keep);
      push(`- … and ${high.length - ATTENTION_LIMIT} more, in the sections below`);
    }
    push('');
  }
  for (const s of changed) lines.push(...siteLines(s));
  const unchanged = report.sites.filter((s) => s.status === 'unchanged').map((s) => code(s.site));
  if (unchanged.length) push(`Unchanged: ${unchanged.join(', ')}.`);
  return fit(lines, limit, options.fullReportHint ?? 'run `kiln diff` locally, or `kiln diff --format json`, for the full report');
}

function fit(lines: Line[], limit: number, hint: string): string {
  const total = lines.reduce((n, l) => n + l.text.length + 1, 0);
  if (total <= limit) return lines.map((l) => l.text).join('\n') + '\n';
  const changes = lines.filter((l) => l.change).length;
  const note = (omitted: number) =>
    `\n> ✂️ Cut to fit ${limit === GITHUB_COMMENT_LIMIT ? "GitHub's " : 'the '}${limit.toLocaleString('en-US')}-character comment limit: ${plural(omitted, 'more change')} not shown; ${hint}.\n`;
  const reserve = note(changes).length + 64;
  let used = 0;
  let kept = 0;
  for (; kept < lines.length; kept++) {
    const l = lines[kept]!;
    const closing = l.closers.join('\n').length + 1;
    if (used + l.text.length + 1 + closing + reserve > limit) break;
    used += l.text.length + 1;
  }
  const shown = lines.slice(0, kept);
  const omitted = changes - shown.filter((l) => l.change).length;
  const closers = shown.at(-1)?.closers ?? [];
  return [...shown.map((l) => l.text), ...closers].join('\n') + '\n' + note(omitted);
}
