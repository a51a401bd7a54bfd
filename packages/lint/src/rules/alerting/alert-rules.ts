/**
 * Reads Prometheus rules (alerting and recording), Alertmanager configs and scrape intervals out of
 * lint files, keeping their positions. Every reader tolerates malformed input: a value of the wrong
 * shape is skipped, never trusted, so the rules built on these readers cannot crash on broken files.
 */
import { EXPORTERS, type MetricType } from '@kiln/exporters';
import type { ExporterKind, ResolvedSite } from '@kiln/model';
import { analyzeExpr, durationSeconds, formatSeconds, lineColumn, parseExpr, syntaxTree, type Analysis, type CheckOptions, type Expr, type ParsedExpr } from '@kiln/promql';
import { isScalar } from 'yaml';
import { z } from 'zod';
import type { LintFile } from '../../files.js';

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

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The text of a YAML scalar as Prometheus would read it into a string field; undefined for maps, lists and null. */
function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function stringMap(v: unknown): Record<string, string> {
  if (!isRecord(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, value] of Object.entries(v)) {
    const text = scalarText(value);
    if (text !== undefined) out[k] = text;
  }
  return out;
}

/** Rule groups of a plain rule file, or of a PrometheusRule manifest (`spec.groups`). */
function groupsOf(value: unknown): { groups: unknown[]; prefix: string[] } | undefined {
  if (!isRecord(value)) return undefined;
  if (Array.isArray(value['groups'])) return { groups: value['groups'], prefix: [] };
  const spec = value['spec'];
  if (value['kind'] === 'PrometheusRule' && isRecord(spec) && Array.isArray(spec['groups'])) return { groups: spec['groups'], prefix: ['spec'] };
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
      out!.push({
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
  const node = r.file.docs[r.doc]?.getIn([...r.path, 'expr'], true);
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return key;
  const text = r.file.text;
  const value = node.value;
  const end = node.range[1];
  let src = node.range[0];
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    const header = text.indexOf('\n', src);
    if (header < 0 || header >= end) return key;
    src = header + 1;
  } else if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') {
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

/** Every node of a PromQL syntax tree, parents before children. */
export function* walkExpr(node: Expr): Generator<Expr> {
  yield node;
  switch (node.type) {
    case 'MatrixSelector':
      yield* walkExpr(node.selector);
      break;
    case 'SubqueryExpr':
    case 'UnaryExpr':
    case 'ParenExpr':
      yield* walkExpr(node.expr);
      break;
    case 'Call':
      for (const arg of node.args) yield* walkExpr(arg);
      break;
    case 'AggregateExpr':
      if (node.param) yield* walkExpr(node.param);
      if (node.expr) yield* walkExpr(node.expr);
      break;
    case 'BinaryExpr':
      yield* walkExpr(node.lhs);
      yield* walkExpr(node.rhs);
      break;
    default:
      break;
  }
}

/** `line:column` of an offset inside the rule's expression, for messages (`expr 2:5`). */
export function exprPosition(r: RuleRef, offset: number): string {
  const p = lineColumn(r.expr ?? '', offset);
  return `${p.line}:${p.column}`;
}

// ---- durations and scrape intervals ------------------------------------------------------------

/** Seconds of a Prometheus duration (`1h30m`, `15s`, `0`), or undefined when it is not one. */
export const parseDuration = (v: unknown): number | undefined => durationSeconds(scalarText(v));

/** The shortest Prometheus spelling of a duration in seconds: `90` → `1m30s`. */
export const formatDuration = formatSeconds;

export interface Interval {
  seconds: number;
  /** Where the value comes from, for messages: `option scrapeInterval`, `site \`lab\``, `prometheus.yml`. */
  source: string;
}

/** Prometheus' default `global.scrape_interval`. */
export const PROMETHEUS_DEFAULT_SCRAPE_INTERVAL = '1m';

export interface ScrapeIntervals {
  /** The global scrape interval, when known. */
  global: Interval | undefined;
  /** The interval of one scrape job: its own `scrape_interval` when set, else the global one. */
  job(name: string): Interval | undefined;
  /** The interval of the series a selector reads: of its `job="…"` when it has one, else the global one. */
  of(matchers: { name: string; op: string; value: string }[]): Interval | undefined;
}

/**
 * What the scrape interval is, in order: the rule option, the site being linted
 * (`prometheus.scrapeInterval`), or a Prometheus config among the files (`global.scrape_interval`,
 * Prometheus' default 1m when unset). Undefined when none of them is there.
 */
export function scrapeIntervals(ctx: { site?: ResolvedSite; files: LintFile[] }, option?: string): ScrapeIntervals {
  const jobs = new Map<string, Interval>();
  let global: Interval | undefined;
  const config = ctx.files.find((f) => f.kind === 'prometheus-config');
  const value = config?.values[0];
  if (config && isRecord(value)) {
    const g = isRecord(value['global']) ? value['global'] : {};
    const raw = g['scrape_interval'] ?? PROMETHEUS_DEFAULT_SCRAPE_INTERVAL;
    const seconds = parseDuration(raw);
    const source = g['scrape_interval'] === undefined ? `Prometheus' default in ${config.path}` : `${config.path} global.scrape_interval`;
    if (seconds !== undefined && seconds > 0) global = { seconds, source };
    for (const job of Array.isArray(value['scrape_configs']) ? value['scrape_configs'] : []) {
      if (!isRecord(job) || typeof job['job_name'] !== 'string') continue;
      const s = parseDuration(job['scrape_interval']);
      if (s !== undefined && s > 0) jobs.set(job['job_name'], { seconds: s, source: `${config.path} job \`${job['job_name']}\`` });
    }
  }
  if (ctx.site) {
    const seconds = parseDuration(ctx.site.prometheus.scrapeInterval);
    if (seconds !== undefined && seconds > 0) global = { seconds, source: `site \`${ctx.site.name}\`` };
    for (const job of ctx.site.scrapeJobs) {
      const s = parseDuration(job.interval);
      if (s !== undefined && s > 0) jobs.set(job.name, { seconds: s, source: `site \`${ctx.site.name}\` scrape job \`${job.name}\`` });
    }
  }
  const fromOption = parseDuration(option);
  if (fromOption !== undefined && fromOption > 0) global = { seconds: fromOption, source: 'option `scrapeInterval`' };
  const job = (name: string) => jobs.get(name) ?? global;
  return {
    global,
    job,
    of(matchers) {
      const name = matchers.find((m) => m.name === 'job' && m.op === '=')?.value;
      return name === undefined ? global : job(name);
    },
  };
}

// ---- exporter catalogs -------------------------------------------------------------------------

export interface CatalogMetric {
  type: MetricType;
  exporter: ExporterKind;
}

/**
 * Series names the exporters' catalogs declare, with their type: histograms and summaries also
 * give their `_bucket`/`_count`/`_sum` series (counters). All exporters unless `kinds` is given.
 */
export function catalogSeries(kinds?: Iterable<string>): Map<string, CatalogMetric> {
  const wanted = kinds ? new Set(kinds) : undefined;
  const out = new Map<string, CatalogMetric>();
  for (const [kind, module] of Object.entries(EXPORTERS) as [ExporterKind, (typeof EXPORTERS)[ExporterKind]][]) {
    if (wanted && !wanted.has(kind)) continue;
    for (const m of module.metrics) {
      out.set(m.name, { type: m.type, exporter: kind });
      const parts = m.type === 'histogram' ? ['_bucket', '_count', '_sum'] : m.type === 'summary' ? ['_count', '_sum'] : [];
      for (const p of parts) out.set(m.name + p, { type: 'counter', exporter: kind });
    }
  }
  return out;
}

// ---- Alertmanager ------------------------------------------------------------------------------

export interface AlertmanagerRef {
  config: { route?: unknown; receivers?: Record<string, unknown>[]; inhibit_rules?: Record<string, unknown>[] };
  file: LintFile;
  doc: number;
}

export function alertmanagerConfigs(files: LintFile[]): AlertmanagerRef[] {
  return files.flatMap((file) =>
    file.kind === 'alertmanager-config' ? file.values.map((config, doc) => ({ config: config as AlertmanagerRef['config'], file, doc })) : [],
  );
}

/** A receiver with no integrations delivers nowhere. */
export function blackHoles(config: AlertmanagerRef['config']): Set<string> {
  return new Set(
    (config.receivers ?? [])
      .filter((r) => !Object.keys(r).some((k) => k.endsWith('_configs') && Array.isArray(r[k]) && (r[k] as unknown[]).length > 0))
      .map((r) => String(r['name'])),
  );
}

/** The labels an alert is known to carry before its expression runs: its name and static labels. */
export const staticLabels = (r: AlertRuleRef) => ({ ...r.labels, alertname: r.alert });

// ---- PromQL feature flags as rule options ------------------------------------------------------

/** Options of the rules that type-check expressions: Prometheus' experimental PromQL feature flags. */
export const promqlFeatureOptions = {
  experimentalFunctions: z.boolean().default(false).describe('Accept experimental functions (Prometheus `--enable-feature=promql-experimental-functions`).'),
  durationExpressions: z.boolean().default(false).describe('Accept arithmetic in ranges and offsets (`--enable-feature=promql-duration-expr`).'),
  extendedRangeSelectors: z.boolean().default(false).describe('Accept the `anchored` and `smoothed` range selector modifiers (`--enable-feature=promql-extended-range-selectors`).'),
  binopFillModifiers: z.boolean().default(false).describe('Accept `fill(…)` modifiers on binary operators (`--enable-feature=promql-binop-fill-modifiers`).'),
};

export const featuresOf = (o: { [K in keyof typeof promqlFeatureOptions]: boolean }) => ({
  features: {
    experimentalFunctions: o.experimentalFunctions,
    durationExpressions: o.durationExpressions,
    extendedRangeSelectors: o.extendedRangeSelectors,
    binopFillModifiers: o.binopFillModifiers,
  },
});

// ---- expressions, parsed once ------------------------------------------------------------------

interface ExprCache {
  parsed: ParsedExpr;
  /** syntaxTree's AST; null when the expression does not parse. */
  ast?: Expr | null;
  /** analyzeExpr's result per feature set. */
  analyses: Map<string, Analysis>;
}

/** Several lint rules read each expression: it is parsed once per file and text, and analysed once per feature set. */
const exprCaches = new WeakMap<LintFile, Map<string, ExprCache>>();

function exprCache(file: LintFile, expr: string): ExprCache {
  let byText = exprCaches.get(file);
  if (!byText) exprCaches.set(file, (byText = new Map()));
  let entry = byText.get(expr);
  if (!entry) byText.set(expr, (entry = { parsed: parseExpr(expr), analyses: new Map() }));
  return entry;
}

/** `syntaxTree(r.expr)` (every experimental feature accepted), undefined when missing or not parsing. */
export function exprAst(r: RuleRef): Expr | undefined {
  if (r.expr === undefined) return undefined;
  const entry = exprCache(r.file, r.expr);
  if (entry.ast === undefined) entry.ast = syntaxTree(entry.parsed) ?? null;
  return entry.ast ?? undefined;
}

/** `analyzeExpr(expr, options)` for an expression of `file`. */
export function exprAnalysis(file: LintFile, expr: string, options: CheckOptions): Analysis {
  const entry = exprCache(file, expr);
  const key = JSON.stringify(options.features ?? {});
  let analysis = entry.analyses.get(key);
  if (!analysis) entry.analyses.set(key, (analysis = analyzeExpr(entry.parsed, options)));
  return analysis;
}

/** The `scrapeInterval` option of rules that compare durations with the scrape interval. */
export const scrapeIntervalOption = (description: string) =>
  z
    .string()
    .refine((d) => durationSeconds(d) !== undefined, 'must be a Prometheus duration such as `30s` (units largest first, each once)')
    .optional()
    .describe(description);
