/**
 * Reads Prometheus rule groups and rules (alerting and recording) out of lint files — plain rule
 * files and PrometheusRule manifests — keeping their positions. Every reader tolerates malformed
 * input: a value of the wrong shape is skipped, never trusted, so the lint rules built on these
 * readers cannot crash on broken files.
 */
import type { LintFile } from '../files.js';

type Path = (string | number)[];

export interface RuleRef {
  kind: 'alert' | 'record';
  /** The alert name or the recorded metric name. */
  name: string;
  /** The expression as Prometheus reads it; undefined when missing or not a scalar. */
  expr: string | undefined;
  /** The raw `for` value, undefined when absent. */
  for: unknown;
  /** Static labels with scalar values (others are skipped). */
  labels: Record<string, string>;
  /** Annotations with scalar values (others are skipped). */
  annotations: Record<string, string>;
  /** Name of the rule group (may be empty in a malformed file). */
  group: string;
  file: LintFile;
  doc: number;
  /** Path of the rule in its document, e.g. `['groups', 0, 'rules', 2]`. */
  path: Path;
  /** The rule as written, for fields of unexpected shape. */
  raw: Record<string, unknown>;
}

export interface AlertRuleRef {
  alert: string;
  expr: string;
  labels: Record<string, string>;
  file: LintFile;
  doc: number;
  path: Path;
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The text of a YAML scalar as Prometheus would read it into a string field; undefined for maps, lists and null. */
export function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function stringMap(v: unknown): Record<string, string> {
  if (!isRecord(v)) return {};
  const out: Record<string, string> = {};
  for (const k in v) {
    const text = scalarText(v[k]);
    if (text !== undefined) out[k] = text;
  }
  return out;
}

/** Rule groups of a plain rule file, or of a PrometheusRule manifest (`spec.groups`). */
function groupsOf(value: unknown): { groups: unknown[]; prefix: string[] } | undefined {
  if (!isRecord(value)) return undefined;
  if (Array.isArray(value['groups'])) return { groups: value['groups'], prefix: [] };
  const spec = value['spec'];
  if (value['kind'] === 'PrometheusRule' && isRecord(spec) && Array.isArray(spec['groups']))
    return { groups: spec['groups'], prefix: ['spec'] };
  return undefined;
}

export interface GroupRef {
  /** The group name; undefined when missing or not a scalar. */
  name: string | undefined;
  /** The `rules` list as written (possibly not a list). */
  rules: unknown;
  file: LintFile;
  doc: number;
  /** Path of the group in its document, e.g. `['spec', 'groups', 1]`. */
  path: Path;
}

/** Every rule group in the files (plain rule files and PrometheusRule manifests), in file order. */
export function ruleGroups(files: LintFile[]): GroupRef[] {
  const out: GroupRef[] = [];
  for (const file of files) {
    file.values.forEach((value, doc) => {
      const found = groupsOf(value);
      found?.groups.forEach((g, gi) => {
        if (isRecord(g)) out.push({ name: scalarText(g['name']), rules: g['rules'], file, doc, path: [...found.prefix, 'groups', gi] });
      });
    });
  }
  return out;
}

/** The rules of one file; every lint rule asks, so they are read once per file. */
const rulesByFile = new WeakMap<LintFile, RuleRef[]>();

function rulesOf(file: LintFile): RuleRef[] {
  let out = rulesByFile.get(file);
  if (out) return out;
  out = [];
  for (const g of ruleGroups([file])) {
    if (!Array.isArray(g.rules)) continue;
    g.rules.forEach((r: unknown, ri) => {
      if (!isRecord(r)) return;
      const alert = scalarText(r['alert']);
      const record = scalarText(r['record']);
      const name = alert ?? record;
      if (name === undefined) return;
      out.push({
        kind: alert !== undefined ? 'alert' : 'record',
        name,
        expr: scalarText(r['expr']),
        for: r['for'],
        labels: stringMap(r['labels']),
        annotations: stringMap(r['annotations']),
        group: g.name ?? '',
        file: g.file,
        doc: g.doc,
        path: [...g.path, 'rules', ri],
        raw: r,
      });
    });
  }
  rulesByFile.set(file, out);
  return out;
}

/** Every alerting and recording rule in the files, in file order. */
export function promRules(files: LintFile[]): RuleRef[] {
  return files.flatMap(rulesOf);
}

export function alertRules(files: LintFile[]): AlertRuleRef[] {
  return promRules(files)
    .filter((r) => r.kind === 'alert')
    .map((r) => ({ alert: r.name, expr: r.expr ?? '', labels: r.labels, file: r.file, doc: r.doc, path: r.path }));
}

/** `alert `X`` or `recording rule `x``, for messages. */
export const describeRule = (r: RuleRef) => (r.kind === 'alert' ? `alert \`${r.name}\`` : `recording rule \`${r.name}\``);

/** The entity of a finding about a rule. */
export const ruleEntity = (r: RuleRef) => ({ kind: r.kind === 'alert' ? 'alert' : 'recording rule', name: r.name });

/** Where a field of a rule is (its key), e.g. `at(r, 'labels', 'severity')`. */
export const at = (r: RuleRef, ...field: Path) => ({ file: r.file.path, ...r.file.position([...r.path, ...field], r.doc) });

/**
 * Where offset `offset` of a rule's expression is in the file. Block scalars (`|`, `>`) and quoted
 * scalars are mapped character by character: the non-blank characters of the value appear in the
 * source in the same order, with indentation, quotes and escapes in between.
 */
export function exprLocation(r: RuleRef, offset: number): { file: string; line: number; column: number } {
  const key = at(r, 'expr');
  const node = r.file.scalar([...r.path, 'expr'], r.doc);
  const value = r.expr;
  if (!node || value === undefined) return key;
  const text = r.file.text;
  const end = node.end;
  let src = node.start;
  if (node.style === 'block') {
    const header = text.indexOf('\n', src);
    if (header < 0 || header >= end) return key;
    src = header + 1;
  } else if (node.style === 'double' || node.style === 'single') {
    src++;
  }
  for (let i = 0; i < value.length && src < end; i++) {
    if (/\s/.test(value[i]!)) continue;
    while (src < end && text[src] !== value[i]) src++;
    if (src >= end) break;
    if (i >= offset) return { file: r.file.path, ...r.file.positionAt(src) };
    src++;
  }
  return key;
}
