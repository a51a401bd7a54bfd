/**
 * `kiln diff [--base REF] [--head REF] [--format markdown|json]` — what a change does to the
 * generated configuration, for review.
 *
 * Generated files: the base is the `generated/` folder committed at REF, read with git: generated/
 * is committed and CI fails when it differs from what the sources produce (`kiln build --check`), so
 * the committed output of a checked revision *is* its build. The head is a fresh build of the working
 * tree by the pipeline (so a pull request that forgot to commit generated/ is still reviewed by what
 * its sources do), or with `--head REF` the output committed there.
 *
 * Site models: both sides' site definitions are loaded from their sources (the base's extracted from
 * git and compiled, see base-sites.ts), so lint compares the models too and a policy change that
 * changes no generated file still shows.
 */
import { spawnSync } from 'node:child_process';
import { diffBuilds, renderMarkdown, type LintFinding, type SiteLint } from '@kiln/diff';
import { lint } from '@kiln/lint';
import { SiteError, type ResolvedSite } from '@kiln/model';
import { siteSources } from '../load-site.js';
import { BuildError, buildLoaded, lintableFiles } from '../pipeline.js';
import { MARKER } from '../write.js';
import { sitesAt } from './base-sites.js';
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
  /** Site name → why its definition could not be read at this revision. */
  invalid: Map<string, string>;
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
    if (r.status !== 0)
      throw new UsageError(
        `unknown revision \`${ref}\`; in CI fetch it first (e.g. \`git fetch origin main\`) and pass \`--base origin/main\``,
      );
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
    const r = spawnSync('git', ['cat-file', '--batch'], {
      cwd: this.top,
      input: entries.map((e) => e.oid).join('\n') + '\n',
      maxBuffer: 1 << 30,
    });
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

/** Groups `generated/<site>/<path>` files by site. */
function bySite(files: Files): Map<string, Files> {
  const sites = new Map<string, Files>();
  for (const [path, content] of files) {
    const slash = path.indexOf('/');
    if (slash < 0 || path.endsWith(`/${MARKER}`)) continue;
    const site = path.slice(0, slash);
    if (!sites.has(site)) sites.set(site, new Map());
    sites.get(site)!.set(path.slice(slash + 1), content);
  }
  return sites;
}

async function committedSide(git: Git, ref: string, out: string): Promise<Side> {
  const commit = git.commit(ref);
  const label = commit.startsWith(ref) ? commit.slice(0, Math.max(7, ref.length)) : `${ref} @ ${commit.slice(0, 7)}`;
  const sites = new Map<string, ResolvedSite>();
  const invalid = new Map<string, string>();
  for (const [name, s] of await sitesAt(git.root, git.top, git.prefix, commit)) {
    if ('loaded' in s) sites.set(name, s.loaded.site);
    else invalid.set(name, s.error);
  }
  return { label, files: bySite(git.files(commit, out)), sites, invalid };
}

/** Builds every site of the working tree; a site that does not build is returned with its error, not as removed. */
async function workingTreeSide(root: string, o: Output): Promise<{ side: Side; failed: Map<string, string> }> {
  const side: Side = { label: 'working tree', files: new Map(), sites: new Map(), invalid: new Map() };
  const failed = new Map<string, string>();
  for (const source of siteSources(root)) {
    try {
      const { site, files } = buildLoaded(await source.load());
      side.files.set(site.name, files);
      side.sites.set(site.name, site);
    } catch (err) {
      if (!(err instanceof SiteError || err instanceof BuildError)) throw err;
      failed.set(source.name, err.message);
      o.error(`✗ ${source.name} (${source.origin}): ${err.message}`);
    }
  }
  return { side, failed };
}

const finding = (d: LintFinding): LintFinding => ({ ruleId: d.ruleId, severity: d.severity, message: d.message, location: d.location });

/**
 * Lint both sides the same way: the site model where both sides have it, and the generated files
 * `kiln lint` reads. Where one side's definition could not be read, the model is left out on both
 * sides, saying so.
 */
function lintBoth(name: string, base: Side, head: Side): SiteLint | undefined {
  const b = base.files.get(name);
  const h = head.files.get(name);
  if (!h) return undefined;
  const baseSite = base.sites.get(name);
  const headSite = head.sites.get(name);
  const withModel = !!headSite && (!b || !!baseSite);
  const run = (site: ResolvedSite | undefined, files: Files) =>
    lint({ ...(withModel && site && { site }), files: lintableFiles(name, files) }).map(finding);
  const why = base.invalid.get(name) ?? head.invalid.get(name);
  return {
    base: b ? run(baseSite, b) : [],
    head: run(headSite, h),
    ...(!withModel && {
      note: `lint compared on the generated files only: the site definition could not be read at ${baseSite ? head.label : base.label}${why ? ` (${why.split('\n')[0]})` : ''}, so model rules were not compared`,
    }),
  };
}

export async function diffCommand(o: DiffOptions, out: Output): Promise<number> {
  const git = new Git(o.root);
  const base = await committedSide(git, o.base, o.out);
  let head: Side;
  let failed = new Map<string, string>();
  if (o.head !== undefined) head = await committedSide(git, o.head, o.out);
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
    report.sites.push({
      site: name,
      status: 'changed',
      notes: [],
      changes: [
        {
          subject: 'site',
          kind: 'changed',
          risk: 'high',
          summary: `site \`${name}\` does not build, so its changes are not shown: ${first}`,
          details: [],
        },
      ],
    });
  }
  report.sites.sort((a, b) => (a.site < b.site ? -1 : a.site > b.site ? 1 : 0));
  process.stdout.write(
    o.format === 'json'
      ? JSON.stringify(report, null, 2) + '\n'
      : renderMarkdown(report, {
          fullReportHint: `run \`kiln diff --base ${o.base}\` locally, or add \`--format json\`, for the full report`,
        }),
  );
  return failed.size > 0 ? 1 : 0;
}
