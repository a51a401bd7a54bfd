/**
 * The site definitions of another revision, loaded by the same loader and pipeline as the working
 * tree's: `packages/sites` of that revision is extracted from git into a cache folder inside the
 * workspace (so its imports of `@kiln/*` resolve to this workspace's packages), each TypeScript site's
 * sources are compiled to the `dist/` its package.json exports, and `siteSources()` reads the folder.
 * Comparing the two revisions' models is what shows a policy change (SSH moved to the SERVERS VLAN)
 * that changes no generated file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { SiteError } from '@kiln/model';
import { siteSources, type LoadedSite } from '../load-site.js';
import { UsageError } from '../workspace.js';

export type BaseSite = { loaded: LoadedSite } | { error: string };

function tsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/** Compiles a site package's `src/**.ts` to `dist/**.js` (type errors are the site's own CI's business; syntax is enough here). */
export async function compileSite(dir: string): Promise<void> {
  const files = tsFiles(join(dir, 'src'));
  if (files.length === 0) return;
  const ts = (await import('typescript')).default;
  for (const file of files) {
    const out = join(dir, 'dist', relative(join(dir, 'src'), file)).replace(/\.ts$/, '.js');
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false, isolatedModules: true },
    });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, outputText);
  }
}

/**
 * Extracts `packages/sites` at `commit` (once per commit: the cache folder is immutable) and loads
 * every site. A site that does not load at that revision is returned with its error.
 */
export async function sitesAt(root: string, gitTop: string, prefix: string, commit: string): Promise<Map<string, BaseSite>> {
  const cache = join(root, 'node_modules', '.cache', 'kiln', `sites-${commit}`);
  if (!existsSync(cache)) {
    const tmp = `${cache}.tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    const archive = spawnSync('git', ['archive', '--format=tar', commit, '--', `${prefix}packages/sites`], {
      cwd: gitTop,
      maxBuffer: 1 << 30,
    });
    if (archive.status !== 0) throw new UsageError(`git archive ${commit} packages/sites: ${archive.stderr.toString().trim()}`);
    const strip = prefix.split('/').filter(Boolean).length;
    const tar = spawnSync('tar', ['-x', '-C', tmp, `--strip-components=${strip}`], { input: archive.stdout, maxBuffer: 1 << 30 });
    if (tar.status !== 0) throw new UsageError(`tar: ${tar.stderr.toString().trim()}`);
    const sitesDir = join(tmp, 'packages', 'sites');
    if (existsSync(sitesDir)) {
      for (const d of readdirSync(sitesDir, { withFileTypes: true })) if (d.isDirectory()) await compileSite(join(sitesDir, d.name));
    } else mkdirSync(sitesDir, { recursive: true });
    renameSync(tmp, cache);
  }
  const sites = new Map<string, BaseSite>();
  for (const source of siteSources(cache)) {
    try {
      const loaded = await source.load();
      sites.set(loaded.site.name, { loaded });
    } catch (err) {
      // Foreign code: whatever the revision's site does wrong is reported, never a stack trace.
      sites.set(source.name, {
        error:
          err instanceof SiteError || err instanceof UsageError
            ? err.message
            : `${(err as Error)?.name ?? 'Error'}: ${(err as Error)?.message ?? String(err)}`,
      });
    }
  }
  return sites;
}
