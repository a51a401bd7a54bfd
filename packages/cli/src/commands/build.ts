import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative, resolve as resolvePath } from 'node:path';
import { SiteError, siteJsonSchema, type Problem } from '@kiln/model';
import { BuildError, buildLoaded, generateLoaded, type ChecksCache } from '../pipeline.js';
import { selectSources } from '../load-site.js';
import { UsageError } from '../workspace.js';
import { toolVerifier } from '../verify.js';
import { cacheDir, codeFingerprint, folderCache } from '../verify-cache.js';
import { Staging, assertReplaceable, compareFolder, hasDrift, writeFolder } from '../write.js';
import type { Output } from '../output.js';

export interface BuildOptions {
  root: string;
  sites: string[];
  files: string[];
  check: boolean;
  /** Output folder, relative to the root or absolute. */
  out: string;
  /** Check the output with promtool/amtool (where installed) before it replaces the old (default true). */
  verify?: boolean;
  /** Skip the tool checks that passed before on the same bytes (the verification cache, verify-cache.ts; default true). */
  cache?: boolean;
}

export const SCHEMA_PATH = 'schemas/site.schema.json';

export function schemaFiles(): Map<string, string> {
  return new Map([['site.schema.json', JSON.stringify(siteJsonSchema(), null, 2) + '\n']]);
}

/** Returns the exit code: 0 when everything built (or matched, with --check), 1 otherwise. */
export async function build(o: BuildOptions, out: Output): Promise<number> {
  const sources = selectSources(o.root, o.sites, o.files);
  let failed = 0;
  const outDir = resolvePath(o.root, o.out);
  const store = o.cache === false || o.check ? undefined : folderCache(cacheDir(o.root));
  const verifier = o.verify === false || o.check ? undefined : toolVerifier({ cache: store });
  // Kiln's own checks of a rule file are cached like the tools' verdicts, keyed also by the checks' code.
  const checksCache: ChecksCache | undefined = store && {
    store,
    fingerprint: codeFingerprint('@kiln/lint'),
    stats: { files: 0, cached: 0 },
  };
  if (verifier && verifier.missing.length > 0) {
    out.progress(
      `  (${verifier.missing.join(' and ')} not found: the output is not checked by the real tools; apt-get install -y prometheus prometheus-alertmanager)`,
    );
  }
  const seen = new Map<string, string>();
  for (const source of sources) {
    const started = performance.now();
    try {
      const loaded = await source.load();
      const name = loaded.site.name;
      const other = seen.get(name);
      if (other !== undefined)
        throw new UsageError(
          `${source.origin} and ${other} both define site \`${name}\`; their output would overwrite each other — give one another \`name\``,
        );
      seen.set(name, source.origin);
      const target = join(outDir, name);
      const shown = relative(o.root, target) || '.';
      if (o.check) {
        const { files } = buildLoaded(loaded);
        const drift = compareFolder(target, files);
        if (hasDrift(drift)) {
          failed++;
          const rebuild =
            o.files.length > 0
              ? `kiln build --file ${source.origin}${o.out !== 'generated' ? ` --out ${o.out}` : ''}`
              : `npm run build\` (or \`kiln build --site ${name}`;
          out.error(`✗ ${name}: ${shown} is stale; run \`${rebuild}\` and commit the result`);
          for (const p of drift.changed) out.error(`    changed: ${shown}/${p}`);
          for (const p of drift.missing) out.error(`    missing: ${shown}/${p}`);
          for (const p of drift.extra) out.error(`    not generated (delete it): ${shown}/${p}`);
        } else out.progress(`✓ ${name}: ${files.size} files in ${shown} are up to date`);
      } else {
        // The tools judge the output in a staging folder beside the target, in their own processes:
        // promtool as soon as the Prometheus files are serialized, while Kiln generates the other
        // targets, the other tools once those are; Kiln's own checks run meanwhile. Only when every
        // verdict passed is the target updated, so a failed build leaves the previous output intact.
        const staging = verifier && new Staging(target);
        const before = { ...(verifier?.stats ?? { checks: 0, cached: 0 }) };
        const checksBefore = { ...(checksCache?.stats ?? { files: 0, cached: 0 }) };
        let files: Map<string, string>;
        try {
          const verdicts: Promise<Problem[]>[] = [];
          const built = generateLoaded(
            loaded,
            staging &&
              ((prometheus) => {
                for (const [p, c] of prometheus) if (verifier.readsPrometheus(p)) staging.write(p, c);
                verdicts.push(verifier.verifyPrometheus(name, staging.dir));
              }),
            checksCache,
          );
          files = built.files;
          assertReplaceable(target, files, shown);
          if (staging) {
            for (const [p, c] of files) if (verifier.reads(p) && !verifier.readsPrometheus(p)) staging.write(p, c);
            verdicts.push(verifier.verifyOthers(name, staging.dir));
          }
          const problems = [...built.check(), ...(await Promise.all(verdicts)).flat()];
          if (problems.length > 0) throw new BuildError(name, problems);
        } finally {
          staging?.remove();
        }
        writeFolder(target, files, shown);
        const checks = verifier ? verifier.stats.checks - before.checks : 0;
        const cached = verifier ? verifier.stats.cached - before.cached : 0;
        const own = checksCache ? checksCache.stats.files - checksBefore.files : 0;
        const ownCached = checksCache ? checksCache.stats.cached - checksBefore.cached : 0;
        const tools =
          (checks > 0 ? `; ${checks} tool check${checks === 1 ? '' : 's'}, ${cached} cached` : '') +
          (own > 0 ? `; Kiln's checks of ${own} rule file${own === 1 ? '' : 's'}, ${ownCached} cached` : '');
        out.progress(`✓ ${name}: ${files.size} files → ${shown} (${Math.round(performance.now() - started)} ms${tools})`);
      }
    } catch (err) {
      if (err instanceof UsageError) {
        failed++;
        out.error(`✗ ${source.name} (${source.origin}): ${err.message}`);
      } else if (err instanceof SiteError || err instanceof BuildError) {
        failed++;
        out.error(`✗ ${source.name} (${source.origin}): ${err.message}`);
        out.error(`  ${o.check ? 'nothing compared' : 'nothing written'}; the previous output is untouched`);
      } else throw err;
    }
  }
  if (o.sites.length === 0 && o.files.length === 0) failed += schema(o, out);
  return failed > 0 ? 1 : 0;
}

function schema(o: BuildOptions, out: Output): number {
  const dir = join(o.root, 'schemas');
  const files = schemaFiles();
  if (o.check) {
    if (hasDrift({ ...compareFolder(dir, files, { marker: false }), extra: [] })) {
      out.error(`✗ ${SCHEMA_PATH} is stale; run \`npm run build\` and commit it`);
      return 1;
    }
    return 0;
  }
  for (const [name, content] of files) replaceFile(join(dir, name), content);
  out.progress(`✓ ${SCHEMA_PATH}`);
  return 0;
}

function replaceFile(file: string, content: string): void {
  mkdirSync(join(file, '..'), { recursive: true });
  const tmp = `${file}.kiln-tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}
