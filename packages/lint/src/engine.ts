/**
 * The engine: resolves the configuration (site + overrides), runs every enabled rule, applies
 * suppressions, and returns diagnostics sorted by place. Rules never see each other.
 */
import type { ResolvedSite } from '@kiln/model';
import { suggest } from '@kiln/model/basics';
import { formatMessage } from './create-rule.js';
import type { LintFile } from './files.js';
import { RULES } from './rules/index.js';
import type { Diagnostic, Rule, Severity } from './types.js';

export type RuleSetting = Severity | 'off' | { severity?: Severity | 'off'; options?: Record<string, unknown> };

export interface LintInput {
  site?: ResolvedSite;
  files?: LintFile[];
  /** Overrides on top of the site's `lint.rules` (e.g. from the command line). */
  rules?: Record<string, RuleSetting>;
  /** Rules to run; defaults to the registry. Tests pass a single rule. */
  registry?: readonly Rule[];
}

export class LintConfigError extends Error {
  override name = 'LintConfigError';
}

interface ActiveRule {
  rule: Rule;
  severity: Severity;
  options: unknown;
}

function configure(registry: readonly Rule[], settings: Record<string, RuleSetting>): ActiveRule[] {
  const ids = registry.map((r) => r.id);
  const problems: string[] = [];
  for (const id of Object.keys(settings)) {
    if (!ids.includes(id)) problems.push(`unknown lint rule \`${id}\`; ${suggest(id, ids)}`);
  }
  const active: ActiveRule[] = [];
  for (const rule of registry) {
    const s = settings[rule.id];
    if (s === undefined && rule.meta.enabledByDefault === false) continue;
    const severity = typeof s === 'string' ? s : (s?.severity ?? rule.meta.severity);
    if (severity === 'off') continue;
    const parsed = rule.meta.options.safeParse((typeof s === 'object' ? s.options : undefined) ?? {});
    if (!parsed.success) {
      problems.push(
        `lint rule \`${rule.id}\`: invalid options: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`).join('; ')}`,
      );
      continue;
    }
    active.push({ rule, severity, options: parsed.data });
  }
  if (problems.length > 0) throw new LintConfigError(problems.join('\n'));
  return active;
}

const bySeverity: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function lint(input: LintInput): Diagnostic[] {
  const files = input.files ?? [];
  const settings = { ...(input.site?.lint.rules ?? {}), ...(input.rules ?? {}) } as Record<string, RuleSetting>;
  const diagnostics: Diagnostic[] = [];
  for (const { rule, severity, options } of configure(input.registry ?? RULES, settings)) {
    if (!input.site && rule.meta.reads.every((r) => r === 'site')) continue;
    if (files.length === 0 && rule.meta.reads.every((r) => r === 'files')) continue;
    try {
      rule.check({
        ...(input.site && { site: input.site }),
        files,
        options,
        report: (r) =>
          diagnostics.push({
            ruleId: rule.id,
            messageId: r.messageId,
            severity,
            summary: rule.meta.summary,
            message: formatMessage(rule.meta.messages[r.messageId] ?? `unknown message id ${r.messageId}`, r.data),
            entity: r.entity,
            location: r.location,
            ...(r.fix !== undefined && { fix: r.fix }),
          }),
      });
    } catch (err) {
      diagnostics.push({
        ruleId: rule.id,
        messageId: 'crash',
        severity: 'error',
        summary: 'lint rule crashed',
        message: `lint rule \`${rule.id}\` crashed: ${err instanceof Error ? err.message : String(err)} (this is a bug in Kiln; please report it)`,
        entity: { kind: 'rule', name: rule.id },
        location: {},
      });
    }
  }
  return sortDiagnostics(applySuppressions(diagnostics, input.site, files));
}

function applySuppressions(diagnostics: Diagnostic[], site: ResolvedSite | undefined, files: LintFile[]): Diagnostic[] {
  const siteSuppressions = site?.lint.suppressions ?? [];
  const out = diagnostics.filter((d) => {
    const entityKeys = [`${d.entity.kind}:${d.entity.name}`, d.entity.name];
    if (siteSuppressions.some((s) => s.rule === d.ruleId && entityKeys.includes(s.entity))) return false;
    const file = files.find((f) => f.path === d.location.file);
    return !file?.suppressions.some(
      (s) => (s.line === 0 || s.line === d.location.line) && s.reason && (s.rules.includes(d.ruleId) || s.rules.includes('all')),
    );
  });
  for (const f of files) {
    for (const s of f.suppressions) {
      if (!s.reason) {
        out.push({
          ruleId: 'lint/suppression',
          messageId: 'missingReason',
          severity: 'error',
          summary: 'suppression without a reason',
          message: `\`kiln-disable-${s.line === 0 ? 'file' : 'next-line'} ${s.rules.join(', ')}\` needs a reason: append \` -- <why this is acceptable>\``,
          entity: { kind: 'file', name: f.path },
          location: { file: f.path, line: s.commentLine, column: 1 },
        });
      }
    }
  }
  return out;
}

/** Code-unit order: the same on every machine (`localeCompare` follows the user's locale and loads ICU). */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      byText(a.location.file ?? '', b.location.file ?? '') ||
      (a.location.line ?? 0) - (b.location.line ?? 0) ||
      (a.location.column ?? 0) - (b.location.column ?? 0) ||
      bySeverity[a.severity] - bySeverity[b.severity] ||
      byText(a.ruleId, b.ruleId) ||
      byText(a.message, b.message),
  );
}

/** Exit code from the worst severity: 1 when any error, or more warnings than `maxWarnings`; else 0. */
export const exitCodeFor = (d: Diagnostic[], maxWarnings = Infinity) =>
  d.some((x) => x.severity === 'error') || d.filter((x) => x.severity === 'warning').length > maxWarnings ? 1 : 0;
