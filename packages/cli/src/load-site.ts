/** Loads site definitions: TypeScript site packages (their built module) or YAML/JSON site files. */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative, resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SiteError, resolve, type ResolvedSite, type SiteIssue } from '@kiln/model';
import type { DashboardFactory } from '@kiln/grafana';
import { LineCounter, isNode, parseDocument, type Document } from 'yaml';
import { UsageError } from './workspace.js';

/** Optional exports of a site package, e.g. `export const dashboards = [myDashboard]`. */
export interface SiteExtensions {
  dashboards?: DashboardFactory[];
}

export interface SiteSource {
  /** Folder name under packages/sites, or the file's base name. */
  name: string;
  /** What to show in messages: the package folder or the file. */
  origin: string;
  /** The source file to point findings at: the YAML/JSON file, or the package's src/index.ts. */
  file?: string;
  load(): Promise<LoadedSite>;
}

/** A loaded site: the resolved definition and what its package adds, as one value. */
export interface LoadedSite {
  source: SiteSource;
  site: ResolvedSite;
  extensions: SiteExtensions;
}

const SITE_FILES = ['site.yaml', 'site.yml', 'site.json'];

/** The sites a command works on: the given site files, else the workspace sites (all, or those named). */
export function selectSources(root: string, sites: readonly string[], files: readonly string[]): SiteSource[] {
  if (files.length > 0) return files.map((f) => fileSource(root, resolvePath(f)));
  const all = siteSources(root);
  if (sites.length === 0) return all;
  return sites.map((name) => {
    const s = all.find((x) => x.name === name);
    if (!s) throw new UsageError(`no site \`${name}\` under packages/sites (sites: ${all.map((x) => x.name).join(', ') || 'none'})`);
    return s;
  });
}

export function siteSources(root: string): SiteSource[] {
  const dir = join(root, 'packages', 'sites');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => siteSourceIn(root, join(dir, name), name));
}

function siteSourceIn(root: string, dir: string, name: string): SiteSource {
  const file = SITE_FILES.map((f) => join(dir, f)).find(existsSync);
  if (file) return fileSource(root, file, name);
  const tsSource = join(dir, 'src', 'index.ts');
  const source: SiteSource = {
    name,
    origin: relative(root, dir),
    ...(existsSync(tsSource) && { file: tsSource }),
    async load() {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { exports?: { '.': { default: string } }; main?: string };
      const entry = join(dir, pkg.exports?.['.']?.default ?? pkg.main ?? 'dist/index.js');
      if (!existsSync(entry))
        throw new UsageError(
          `site package ${relative(root, dir)} is not built (${relative(root, entry)} is missing); run \`npm run build\` first`,
        );
      // The file's mtime in the URL: a process that loads a site twice (tests, diff of two revisions) sees edits.
      const mod = (await import(`${pathToFileURL(entry).href}?mtime=${statSync(entry).mtimeMs}`)) as SiteModule;
      return { source, ...siteOfModule(mod, relative(root, entry)) };
    },
  };
  return source;
}

/** What a site package's module exports: the definition, and optionally its own dashboards. */
export interface SiteModule {
  default?: unknown;
  site?: unknown;
  dashboards?: unknown;
}

/** The resolved site and extensions of a site module (`shownAs` names it in errors). */
export function siteOfModule(mod: SiteModule, shownAs: string): Omit<LoadedSite, 'source'> {
  const definition = mod.site ?? mod.default;
  const extensions: SiteExtensions = {};
  if (mod.dashboards !== undefined) {
    if (!Array.isArray(mod.dashboards) || !mod.dashboards.every((d) => typeof d === 'function')) {
      throw new UsageError(
        `${shownAs}: \`dashboards\` must be an array of functions (site) => dashboard, from @kiln/grafana's composeDashboard`,
      );
    }
    extensions.dashboards = mod.dashboards as DashboardFactory[];
  }
  if (!definition) throw new UsageError(`${shownAs} exports no site: export \`site\` (or a default export) made with defineSite()`);
  return { site: resolve(definition), extensions };
}

export function fileSource(root: string, file: string, name = file): SiteSource {
  const origin = relative(root, file) || file;
  const source: SiteSource = {
    name,
    origin,
    file,
    load: () => Promise.resolve().then(() => ({ source, site: loadSiteFile(file, origin), extensions: {} })),
  };
  return source;
}

/** Limits on a site file: far above any real site, low enough that no input exhausts memory or the stack. */
export const SITE_FILE_LIMITS = { bytes: 8 * 1024 * 1024, aliases: 1000 } as const;

function fileIssue(file: string, message: string, line = 1, column = 1): SiteIssue {
  return { entity: { kind: 'file', name: file }, path: [], message, position: { file, line, column } };
}

/** Reads a site file, refusing what is not one (a missing path, a folder, something huge) with a clear error. */
function readSiteText(file: string, shownAs: string): string {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) {
      const inside = SITE_FILES.find((f) => existsSync(join(file, f)));
      throw new UsageError(`${shownAs} is a folder; pass the site file${inside ? ` (${join(shownAs, inside)})` : ' (site.yaml)'}`);
    }
    size = st.size;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(
      `cannot read site file ${shownAs}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`,
    );
  }
  if (size > SITE_FILE_LIMITS.bytes)
    throw new UsageError(
      `${shownAs} is ${Math.round(size / 1048576)} MiB; a site file may be at most ${SITE_FILE_LIMITS.bytes / 1048576} MiB`,
    );
  return readFileSync(file, 'utf8');
}

/** Parses a YAML/JSON site and resolves it; issues get `file:line:col` positions. */
export function loadSiteFile(file: string, shownAs = file): ResolvedSite {
  const text = readSiteText(file, shownAs);
  const name = basename(file).replace(/\.(ya?ml|json)$/, '');
  const lineCounter = new LineCounter();
  let doc: Document;
  let value: unknown;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
    if (doc.errors.length > 0) {
      throw new SiteError(
        name,
        doc.errors.slice(0, 10).map((e) => {
          const pos = lineCounter.linePos(e.pos[0]);
          const message = /call stack/i.test(e.message)
            ? 'the YAML is nested too deeply to read; a site needs only a few levels'
            : `YAML syntax: ${e.message.split('\n')[0]}`;
          return fileIssue(shownAs, message, pos.line, pos.col);
        }),
      );
    }
    value = doc.toJS({ maxAliasCount: SITE_FILE_LIMITS.aliases });
  } catch (err) {
    if (err instanceof SiteError) throw err;
    if (err instanceof ReferenceError && /alias/i.test(err.message)) {
      throw new SiteError(name, [
        fileIssue(
          shownAs,
          `too many YAML alias expansions (over ${SITE_FILE_LIMITS.aliases}); write the repeated parts out or use fewer anchors`,
        ),
      ]);
    }
    if (err instanceof RangeError)
      throw new SiteError(name, [fileIssue(shownAs, 'the YAML is nested too deeply to read; a site needs only a few levels')]);
    throw err;
  }
  try {
    return resolve(value);
  } catch (err) {
    if (err instanceof SiteError)
      throw new SiteError(
        err.site,
        err.issues.map((i) => withPosition(i, doc, lineCounter, shownAs)),
      );
    if (err instanceof RangeError)
      throw new SiteError(name, [fileIssue(shownAs, 'the site is nested too deeply to read; a site needs only a few levels')]);
    throw err;
  }
}

function withPosition(issue: SiteIssue, doc: Document, lc: LineCounter, file: string): SiteIssue {
  // Walk up the path until a node exists (a missing field points at its parent object).
  for (let n = issue.path.length; n >= 0; n--) {
    const node = doc.getIn(issue.path.slice(0, n), true);
    if (isNode(node) && node.range) {
      const pos = lc.linePos(node.range[0]);
      return { ...issue, position: { file, line: pos.line, column: pos.col } };
    }
  }
  return { ...issue, position: { file, line: 1, column: 1 } };
}
