/**
 * `kiln diff [--base REF] [--head REF] [--format markdown|json]` — what a change does to the
 * generated configuration, for review.
 *
 * The base is the `generated/` folder committed at REF, read with git (no checkout, no build):
 * generated/ is committed and CI fails when it differs from what the sources produce
 * (`kiln build --check`), so the committed output of a checked revision *is* its build. Building
 * the base instead would need a worktree, its dependencies and a full compile of every package —
 * minutes instead of a second — and would measure today's generators rather than the output that
 * was reviewed then. The head is a fresh in-memory build of the working tree (so a pull request
 * that forgot to commit generated/ is still reviewed by what its sources do), or with `--head REF`
 * the output committed there.
 */
import { spawnSync } from 'node:child_process';
import { diffBuilds, renderMarkdown, type LintFinding, type SiteLint } from '@kiln/diff';
import { lint, loadLintFile, type LintFile } from '@kiln/lint';
import { SiteError, resolve, type ResolvedSite } from '@kiln/model';
import { parse } from 'yaml';
import { BuildError, buildSite } from '../generate.js';
import { siteSources } from '../load-site.js';
import type { Output } from '../output.js';
import { UsageError } from '../workspace.js';

export const DIFF_FORMATS = ['markdown', 'json'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export interface DiffOptions {
  root: string;
  base: string;
  /** A revision whose committed generated/ is the head; the working tree's sources when absent. */
  head?: string;
  format: DiffFormat;
  /** Output folder relative to the root (default generated). */
  out: string;
}

type Files = Map<string, string>;

interface Side {
  label: string;
  /** Site name → files below generated/<site>/. */
  files: Map<string, Files>;
  /** Site name → resolved site, where the side's site definition could be read. */
  sites: Map<string, ResolvedSite>;
}

class Git {
  readonly top: string;
  readonly prefix: string;
  constructor(readonly root: string) {
    this.top = this.run(['rev-parse', '--show-toplevel'], root).trim();
    this.prefix = this.run(['rev-parse', '--show-prefix'], root).trim();
  }

  run(args: string[], cwd = this.top, input?: string): string {
    const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30, ...(input !== undefined && { input }) });
    if (r.error) throw new UsageError(`cannot run git: ${r.error.message}`);
    if (r.status !== 0) throw new UsageError(`git ${args.join(' ')}: ${r.stderr.trim() || `exit ${r.status}`}`);
    return r.stdout;
  }

  commit(ref: string): string {
    const r = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: this.top, encoding: 'utf8' });
    if (r.status !== 0) throw new UsageError(`unknown revision \`${ref}\`; in CI fetch it first (e.g. \`git fetch origin main\`) and pass \`--base origin/main\``);
    return r.stdout.trim();
  }

  /** Files under `dir` (relative to the root) at `commit`: path below `dir` and blob id. */
  list(commit: string, dir: string): { path: string; oid: string }[] {
    const full = `${this.prefix}${dir}/`;
    return this.run(['ls-tree', '-r', '-z', commit, '--', full])
      .split('\0')
      .filter(Boolean)
      .map((line) => {
        const [meta, path] = line.split('\t') as [string, string];
        const [, type, oid] = meta.split(' ') as [string, string, string];
        return { type, oid, path: path.slice(full.length) };
      })
      .filter((e) => e.type === 'blob');
  }

  /** Path → content of every file under `dir` (relative to the root) at `commit`, read in one `git cat-file --batch`. */
  files(commit: string, dir: string): Files {
    const entries = this.list(commit, dir);
    if (entries.length === 0) return new Map();
    const r = spawnSync('git', ['cat-file', '--batch'], { cwd: this.top, input: entries.map((e) => e.oid).join('\n') + '\n', maxBuffer: 1 << 30 });
    if (r.status !== 0) throw new UsageError(`git cat-file: ${r.stderr.toString().trim()}`);
    const out: Files = new Map();
    const buf = r.stdout;
    let at = 0;
    for (const e of entries) {
      const nl = buf.indexOf(0x0a, at);
      const size = Number(buf.toString('utf8', at, nl).split(' ')[2]);
      out.set(e.path, buf.toString('utf8', nl + 1, nl + 1 + size));
      at = nl + 1 + size + 1;
    }
    return out;
  }

  /** The text of one file at `commit`, or undefined when it does not exist there. */
  show(commit: string, path: string): string | undefined {
    const r = spawnSync('git', ['show', `${commit}:${this.prefix}${path}`], { cwd: this.top, encoding: 'utf8', maxBuffer: 1 << 30 });
    return r.status === 0 ? r.stdout : undefined;
  }
}

const SITE_FILES = ['site.yaml', 'site.yml', 'site.json'];

/** Groups `generated/<site>/<path>` files by site. */
function bySite(files: Files): Map<string, Files> {
  const sites = new Map<string, Files>();
  for (const [path, content] of files) {
    const slash = path.indexOf('/');
    if (slash < 0) continue;
    const site = path.slice(0, slash);
    if (!sites.has(site)) sites.set(site, new Map());
    sites.get(site)!.set(path.slice(slash + 1), content);
  }
  return sites;
}

/** YAML/JSON site definitions at a commit, resolved (TypeScript sites need a build, so they are left out). */
function committedSites(git: Git, commit: string): Map<string, ResolvedSite> {
  const sites = new Map<string, ResolvedSite>();
  const folders = new Set(
    git.list(commit, 'packages/sites').map((e) => e.path).filter((p) => SITE_FILES.some((f) => p.endsWith(`/${f}`) && p.split('/').length === 2)),
  );
  for (const path of [...folders].sort()) {
    const text = git.show(commit, `packages/sites/${path}`);
    try {
      const site = resolve(parse(text ?? ''));
      sites.set(site.name, site);
    } catch {
      // An invalid site at that revision: compare its generated files only.
    }
  }
  return sites;
}

function committedSide(git: Git, ref: string, out: string): Side {
  const commit = git.commit(ref);
  const label = commit.startsWith(ref) ? commit.slice(0, Math.max(7, ref.length)) : `${ref} @ ${commit.slice(0, 7)}`;
  return { label, files: bySite(git.files(commit, out)), sites: committedSites(git, commit) };
}

/** Builds every site of the working tree; a site that does not build is returned with its error, not as removed. */
async function workingTreeSide(root: string, o: Output): Promise<{ side: Side; failed: Map<string, string> }> {
  const side: Side = { label: 'working tree', files: new Map(), sites: new Map() };
  const failed = new Map<string, string>();
  for (const source of siteSources(root)) {
    try {
      const site = await source.load();
      side.files.set(site.name, buildSite(site));
      side.sites.set(site.name, site);
    } catch (err) {
      if (!(err instanceof SiteError || err instanceof BuildError)) throw err;
      failed.set(source.name, err.message);
      o.error(`✗ ${source.name} (${source.origin}): ${err.message}`);
    }
  }
  return { side, failed };
}

function lintFiles(site: string, files: Files): LintFile[] {
  return [...files].filter(([p]) => /\.ya?ml$/.test(p)).map(([p, text]) => loadLintFile(`generated/${site}/${p}`, text));
}

const finding = (d: LintFinding): LintFinding => ({ ruleId: d.ruleId, severity: d.severity, message: d.message, location: d.location });

/**
 * Lint both sides the same way: with the site model where both sides have it, else on the
 * generated files only (a TypeScript site's base is not built), saying so.
 */
function lintBoth(name: string, base: Side, head: Side): SiteLint | undefined {
  const b = base.files.get(name);
  const h = head.files.get(name);
  if (!h) return undefined;
  const baseSite = base.sites.get(name);
  const headSite = head.sites.get(name);
  const withModel = !!headSite && (!b || !!baseSite);
  const run = (site: ResolvedSite | undefined, files: Files) => lint({ ...(withModel && site && { site }), files: lintFiles(name, files) }).map(finding);
  return {
    base: b ? run(baseSite, b) : [],
    head: run(headSite, h),
    ...(!withModel && { note: "lint compared on the generated files only: the base revision's site is TypeScript (or invalid) and is not built for the diff, so model rules were not compared" }),
  };
}

export async function diffCommand(o: DiffOptions, out: Output): Promise<number> {
  const git = new Git(o.root);
  const base = committedSide(git, o.base, o.out);
  let head: Side;
  let failed = new Map<string, string>();
  if (o.head !== undefined) head = committedSide(git, o.head, o.out);
  else ({ side: head, failed } = await workingTreeSide(o.root, out));
  for (const name of failed.keys()) base.files.delete(name);
  const lints = new Map<string, SiteLint>();
  for (const name of new Set([...base.files.keys(), ...head.files.keys()])) {
    const l = lintBoth(name, base, head);
    if (l) lints.set(name, l);
  }
  const report = diffBuilds({ baseLabel: base.label, headLabel: head.label, base: base.files, head: head.files, lint: lints });
  for (const [name, message] of failed) {
    const first = message.split('\n').slice(0, 3).join(' ').replace(/\s+/g, ' ');
    report.sites.push({ site: name, status: 'changed', notes: [], changes: [{ subject: 'site', kind: 'changed', risk: 'high', summary: `site \`${name}\` does not build, so its changes are not shown: ${first}`, details: [] }] });
  }
  report.sites.sort((a, b) => (a.site < b.site ? -1 : a.site > b.site ? 1 : 0));
  process.stdout.write(o.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : renderMarkdown(report, { fullReportHint: `run \`kiln diff --base ${o.base}\` locally, or add \`--format json\`, for the full report` }));
  return failed.size > 0 ? 1 : 0;
}
