import { readFileSync } from 'node:fs';
import { relative, resolve as resolvePath } from 'node:path';
import {
  embeddedFiles,
  exitCodeFor,
  lint,
  loadLintFile,
  report,
  type Diagnostic,
  type Format,
  type LintFile,
  type RuleSetting,
} from '@kiln/lint';
import { SiteError } from '@kiln/model/basics';
import type { SiteSource } from '../load-site.js';
import type { Output } from '../output.js';
import { UsageError } from '../workspace.js';

export interface LintOptions {
  root: string;
  sites: string[];
  files: string[];
  format: Format;
  rules: Record<string, RuleSetting>;
  /** Fail when there are more warnings than this (errors always fail). */
  maxWarnings?: number;
  /** Also report generated files that differ from what the site produces (one build for both checks). */
  checkGenerated?: boolean;
  /** YAML/JSON site files to lint instead of the workspace sites (`--file`). */
  siteFiles?: string[];
}

/** Parses `--rule-option 'id={"key": value}'` flags: a rule's options as a JSON object. */
export function parseRuleOptionFlags(flags: string[]): Record<string, RuleSetting> {
  return Object.fromEntries(
    flags.map((f) => {
      const eq = f.indexOf('=');
      const id = f.slice(0, eq);
      let options: unknown;
      try {
        options = JSON.parse(f.slice(eq + 1));
      } catch {
        options = undefined;
      }
      if (eq <= 0 || !options || typeof options !== 'object' || Array.isArray(options)) {
        throw new UsageError(`--rule-option expects id={"option": value} (a JSON object), got \`${f}\``);
      }
      return [id, { options: options as Record<string, unknown> }];
    }),
  );
}

/** Severity flags and option flags for the same rule combine into one setting. */
export function mergeRuleSettings(
  severities: Record<string, RuleSetting>,
  options: Record<string, RuleSetting>,
): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = { ...severities };
  for (const [id, o] of Object.entries(options)) {
    const sev = severities[id];
    out[id] = typeof sev === 'string' ? { ...(o as object), severity: sev } : o;
  }
  return out;
}

/** Parses `--rule id=severity` flags. */
export function parseRuleFlags(flags: string[]): Record<string, RuleSetting> {
  return Object.fromEntries(
    flags.map((f) => {
      const [id, severity] = f.split('=');
      if (!id || !['error', 'warning', 'info', 'off'].includes(severity ?? ''))
        throw new UsageError(`--rule expects id=error|warning|info|off, got \`${f}\``);
      return [id, severity as RuleSetting];
    }),
  );
}

/** Where a model finding points in a site's source: the line that declares the entity named last in its path. */
function locateInSource(d: Diagnostic, source: string, text: string): Diagnostic {
  const keys = (d.location.modelPath ?? '').split(/[.[\]]/).filter((k) => k && !/^\d+$/.test(k));
  const lines = text.split('\n');
  for (const key of [...keys].reverse().concat(d.entity.name)) {
    const re = new RegExp(`(^|[\\s{,])['"]?${key.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}['"]?\\s*:`);
    const i = lines.findIndex((l) => re.test(l));
    if (i >= 0) return { ...d, location: { ...d.location, file: source, line: i + 1, column: lines[i]!.search(/\S/) + 1 } };
  }
  return { ...d, location: { ...d.location, file: source, line: 1, column: 1 } };
}

/** `generated/<site>/` compared with the in-memory build, as findings (the pre-commit hook's drift gate). */
async function staleFiles(root: string, site: string, files: Map<string, string>): Promise<Diagnostic[]> {
  const { compareFolder } = await import('../write.js');
  const drift = compareFolder(resolvePath(root, 'generated', site), files);
  const finding = (path: string, what: string): Diagnostic => ({
    ruleId: 'build/stale',
    messageId: 'stale',
    severity: 'error',
    summary: 'generated file is stale',
    message: `generated/${site}/${path} ${what}; run \`npm run build\` and commit the result`,
    entity: { kind: 'site', name: site },
    location: { file: `generated/${site}/${path}` },
  });
  return [
    ...drift.changed.map((p) => finding(p, 'differs from what the site produces')),
    ...drift.missing.map((p) => finding(p, 'is missing')),
    ...drift.extra.map((p) => finding(p, 'is no longer generated (delete it)')),
  ];
}

/**
 * Findings on the site's own alerts were found in the generated rule file; the author wrote them in
 * the site source, so point there (the line that declares the alert).
 */
function ownAlert(d: Diagnostic, siteName: string, ownAlerts: ReadonlySet<string>): boolean {
  return d.entity.kind === 'alert' && ownAlerts.has(d.entity.name) && (d.location.file ?? '').startsWith(`generated/${siteName}/`);
}

/**
 * `# kiln-disable-next-line <rule> -- <reason>` above a line of the site source suppresses the
 * findings located there, as in any linted YAML file; one without a reason is itself an error.
 */
function applySourceSuppressions(diagnostics: Diagnostic[], file: string, text: string): Diagnostic[] {
  if (!text.includes('kiln-disable-')) return diagnostics;
  const { suppressions } = loadLintFile(file, text);
  const kept = diagnostics.filter(
    (d) =>
      d.location.file !== file ||
      !suppressions.some(
        (s) => s.reason && (s.line === 0 || s.line === d.location.line) && (s.rules.includes(d.ruleId) || s.rules.includes('all')),
      ),
  );
  for (const s of suppressions) {
    if (s.reason) continue;
    kept.push({
      ruleId: 'lint/suppression',
      messageId: 'missingReason',
      severity: 'error',
      summary: 'suppression without a reason',
      message: `\`kiln-disable-${s.line === 0 ? 'file' : 'next-line'} ${s.rules.join(', ')}\` needs a reason: append \` -- <why this is acceptable>\``,
      entity: { kind: 'file', name: file },
      location: { file, line: s.commentLine, column: 1 },
    });
  }
  return kept;
}

async function lintSite(o: LintOptions, source: SiteSource): Promise<Diagnostic[]> {
  const { buildLoaded, lintableFiles } = await import('../pipeline.js');
  const { site, files: generated } = buildLoaded(await source.load());
  const files = lintableFiles(site.name, generated);
  const stale = o.checkGenerated ? await staleFiles(o.root, site.name, generated) : [];
  const sourceFile = source.file ?? source.origin;
  const shown = relative(o.root, sourceFile) || sourceFile;
  const text = source.file ? readFileSync(source.file, 'utf8') : '';
  const ownAlerts = new Set(site.alerts.map((a) => a.name));
  const located = [...stale, ...lint({ site, files, rules: o.rules })].map((d) => {
    if (!text) return d.location.file ? d : { ...d, location: { ...d.location, file: sourceFile } };
    if (!d.location.file || ownAlert(d, site.name, ownAlerts)) return locateInSource(d, shown, text);
    return d;
  });
  return text ? applySourceSuppressions(located, shown, text) : located;
}

const SITE_FILE_NAMES = /(^|\/)site\.(ya?ml|json)$/;

/** A file given to `kiln lint` that is a site definition (by name, or by its top-level keys), not a loose config. */
function isSiteFile(file: LintFile): boolean {
  if (SITE_FILE_NAMES.test(file.path)) return true;
  const [v] = file.values;
  return !!v && typeof v === 'object' && !Array.isArray(v) && 'name' in v && 'hosts' in v && ('prometheus' in v || 'vlans' in v);
}

export async function lintCommand(o: LintOptions, out: Output): Promise<number> {
  let diagnostics: Diagnostic[] = [];
  let failed = false;
  const sources = new Map<string, string>();
  const siteFiles = [...(o.siteFiles ?? [])];
  const looseFiles: LintFile[] = [];
  for (const f of o.files) {
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch (err) {
      throw new UsageError(
        `cannot read ${f}: ${(err as NodeJS.ErrnoException).code === 'EISDIR' ? 'it is a folder' : (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`,
      );
    }
    // Parsed once: the linter's reader tells a site definition from a loose configuration file.
    const file = loadLintFile(relative(o.root, resolvePath(f)) || f, text);
    if (isSiteFile(file)) siteFiles.push(f);
    else looseFiles.push(file);
  }
  // Imported only for sites, so that linting files alone does not load the site loader and the
  // generators; and before anything is printed (the `kiln lint` bundle declines here, see lint-bundle.ts).
  const siteModules =
    siteFiles.length > 0 || o.files.length === 0 ? await Promise.all([import('../load-site.js'), import('../pipeline.js')]) : undefined;
  if (looseFiles.length > 0) {
    for (const f of looseFiles) for (const e of f.parseErrors) out.error(`${f.path}:${e.line}:${e.column}: ${e.message}`);
    failed = looseFiles.some((f) => f.parseErrors.length > 0);
    for (const f of looseFiles) sources.set(f.path, f.text);
    diagnostics = lint({ files: looseFiles.flatMap((f) => [f, ...embeddedFiles(f)]), rules: o.rules });
  }
  if (siteModules) {
    const [{ selectSources }, { BuildError }] = siteModules;
    const chosen = selectSources(o.root, o.sites, siteFiles);
    for (const source of chosen) {
      try {
        diagnostics.push(...(await lintSite(o, source)));
      } catch (err) {
        if (!(err instanceof SiteError || err instanceof BuildError)) throw err;
        failed = true;
        out.error(`✗ ${source.name}: ${err.message}`);
      }
    }
  }
  for (const d of diagnostics) {
    const file = d.location.file;
    if (file && !sources.has(file)) {
      try {
        sources.set(file, readFileSync(resolvePath(o.root, file), 'utf8'));
      } catch {
        // Generated files exist only in memory here; they are printed without the source line.
      }
    }
  }
  // "no problems" would contradict the errors just printed (a file that cannot be read, a site that does not resolve).
  if (!(failed && diagnostics.length === 0 && o.format === 'stylish')) process.stdout.write(report(o.format, diagnostics, { sources }));
  return failed ? 1 : exitCodeFor(diagnostics, o.maxWarnings);
}
