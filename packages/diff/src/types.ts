/** The diff report: plain data, rendered by markdown.ts or printed as JSON. */

/** high: something stops working or goes unnoticed (removed alert, target or job, alerts routed to nowhere, new lint error). */
export type Risk = 'high' | 'medium' | 'low';

export type ChangeKind = 'added' | 'removed' | 'changed';

/** What a change is about; one row of the summary table each. */
export const SUBJECTS = [
  'site',
  'alert rule',
  'recording rule',
  'unit test',
  'alert routing',
  'route',
  'inhibit rule',
  'receiver',
  'alertmanager setting',
  'scrape job',
  'target',
  'prometheus setting',
  'dashboard',
  'panel',
  'object',
  'file',
  'lint finding',
] as const;
export type Subject = (typeof SUBJECTS)[number];

/** The section of a site's report a subject belongs to. */
export const SECTIONS = {
  Site: ['site'],
  Rules: ['alert rule', 'recording rule', 'unit test'],
  Routing: ['alert routing', 'route', 'inhibit rule', 'receiver', 'alertmanager setting'],
  Scraping: ['scrape job', 'target', 'prometheus setting'],
  Dashboards: ['dashboard', 'panel'],
  Objects: ['object'],
  Lint: ['lint finding'],
  'Other files': ['file'],
} as const satisfies Record<string, readonly Subject[]>;

export interface Change {
  subject: Subject;
  /** For lint findings: added = introduced by the change, removed = fixed by it. */
  kind: ChangeKind;
  risk: Risk;
  /** One Markdown line saying what changed. */
  summary: string;
  /** Further Markdown lines, typically `field: old → new`. */
  details: string[];
}

export interface SiteDiff {
  site: string;
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  changes: Change[];
  /** Caveats about how this site was compared (e.g. lint limited to generated files). */
  notes: string[];
}

export interface DiffReport {
  /** What the base and head are, for the heading (e.g. `origin/main`, `working tree`). */
  base: string;
  head: string;
  sites: SiteDiff[];
}

/** The part of a lint diagnostic the diff compares and shows. */
export interface LintFinding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  location?: { file?: string; line?: number; column?: number };
}

/** Files of one site's build: path below `generated/<site>/` → content. */
export type SiteFiles = ReadonlyMap<string, string>;
