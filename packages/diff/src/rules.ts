/**
 * Alert and recording rules of two builds, matched by name and static labels. Expressions are
 * compared in PromQL's canonical form (formatExpr), so re-spelling an expression is no change;
 * the numbers comparisons compare with are shown as thresholds, old → new.
 */
import { countNestedItems, itemScalar, layout, topLevelSequenceItems } from '@kiln/plan';
import { formatAst, formatExpr, syntaxTree, type Expr } from '@kiln/promql';
import { parse } from 'yaml';
import { asArray, asLabels, isRecord, object, pathsUnder, text, type Labels } from './parse.js';
import { alertName, code, labelList, plural, value } from './show.js';
import type { Change, Risk, SiteFiles } from './types.js';
import { equal, fieldChanges, fieldLines, keyed, partition } from './values.js';

export const RULES_DIR = `${layout.prometheus.rulesDir}/`;
export const TESTS_DIR = `${layout.prometheus.testsDir}/`;

export interface RuleEntry {
  file: string;
  group: string;
  kind: 'alert' | 'record';
  name: string;
  expr: string;
  for?: string;
  labels: Labels;
  annotations: Labels;
}

const parsed = new WeakMap<SiteFiles, Map<string, RuleEntry[]>>();

/** The rules of every rule file under `dir`, in file order (parsed once per file set). */
export function rulesOf(files: SiteFiles, dir = RULES_DIR): RuleEntry[] {
  const cache = parsed.get(files) ?? new Map<string, RuleEntry[]>();
  parsed.set(files, cache);
  if (!cache.has(dir)) cache.set(dir, readRules(files, dir));
  return cache.get(dir)!;
}

function readRules(files: SiteFiles, dir: string): RuleEntry[] {
  const out: RuleEntry[] = [];
  for (const file of pathsUnder(files, dir, '.yml')) {
    const doc = object(file, files.get(file));
    for (const g of asArray(doc?.groups)) {
      if (!isRecord(g)) continue;
      for (const r of asArray(g.rules)) {
        if (!isRecord(r)) continue;
        const kind = typeof r.alert === 'string' ? 'alert' : 'record';
        out.push({
          file,
          group: text(g.name),
          kind,
          name: String(kind === 'alert' ? r.alert : r.record),
          expr: text(r.expr),
          ...(r.for !== undefined && { for: text(r.for) }),
          labels: asLabels(r.labels),
          annotations: asLabels(r.annotations),
        });
      }
    }
  }
  return out;
}

/** Identity of a rule: kind, name and static labels other than severity (a severity change is a change, not a new alert). */
export function ruleKey(r: RuleEntry): string {
  const labels = Object.entries(r.labels)
    .filter(([k]) => k !== 'severity')
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return `${r.kind}:${r.name}{${labels.join(',')}}`;
}

/** The labels Alertmanager sees for an alert rule as far as the rule file says: alertname and static labels. */
export function alertLabels(r: RuleEntry): Labels {
  return { alertname: r.name, ...r.labels };
}

const sameLabelsOrNested = (a: Labels, b: Labels) => {
  const inner = (x: Labels, y: Labels) => Object.entries(x).every(([k, v]) => k === 'severity' || y[k] === v);
  return inner(a, b) || inner(b, a);
};

export interface RulePairs {
  removed: RuleEntry[];
  added: RuleEntry[];
  common: [RuleEntry, RuleEntry][];
}

/**
 * Matches the rules of two builds: by name and static labels (severity aside) first; then a rule
 * left over on each side with the same name is the same rule when its expression is unchanged or
 * one side's labels extend the other's (a label added, removed or relabelled) — not when a mount
 * was swapped for another (new labels *and* a new expression: one removed, one added).
 */
export function pairRules(before: RuleEntry[], after: RuleEntry[]): RulePairs {
  const b = keyed(before, ruleKey);
  const a = keyed(after, ruleKey);
  const { removed, added, common } = partition(b, a);
  const left = removed.map((k) => b.get(k)!);
  const right = added.map((k) => a.get(k)!);
  const pairs: [RuleEntry, RuleEntry][] = common.map((k) => [b.get(k)!, a.get(k)!]);
  for (const x of [...left]) {
    const y = right.find(
      (r) => r.kind === x.kind && r.name === x.name && (canonical(r.expr) === canonical(x.expr) || sameLabelsOrNested(x.labels, r.labels)),
    );
    if (!y) continue;
    pairs.push([x, y]);
    left.splice(left.indexOf(x), 1);
    right.splice(right.indexOf(y), 1);
  }
  return { removed: left, added: right, common: pairs };
}

const COMPARISONS = new Set(['==', '!=', '>', '<', '>=', '<=']);

function numberIn(e: Expr): Expr | undefined {
  if (e.type === 'NumberLiteral') return e;
  if (e.type === 'ParenExpr') return numberIn(e.expr);
  if (e.type === 'UnaryExpr' && numberIn(e.expr)) return e;
  return undefined;
}

function children(e: Expr): Expr[] {
  switch (e.type) {
    case 'MatrixSelector':
      return [e.selector];
    case 'SubqueryExpr':
    case 'UnaryExpr':
    case 'ParenExpr':
      return [e.expr];
    case 'Call':
      return e.args;
    case 'AggregateExpr':
      return [e.param, e.expr].filter((x): x is Expr => x !== undefined);
    case 'BinaryExpr':
      return [e.lhs, e.rhs];
    default:
      return [];
  }
}

/** Comparisons with a number, in source order: `< 0.1`, `== 1`, or `0.9 >` when the number is on the left. */
function thresholdNodes(e: Expr, out: { node: Expr; shown: (n: string) => string }[] = []) {
  if (e.type === 'BinaryExpr' && COMPARISONS.has(e.op)) {
    const bool = e.returnBool ? ' bool' : '';
    const rhs = numberIn(e.rhs);
    const lhs = numberIn(e.lhs);
    if (rhs) out.push({ node: rhs, shown: (n) => `${e.op}${bool} ${n}` });
    else if (lhs) out.push({ node: lhs, shown: (n) => `${n} ${e.op}${bool}` });
  }
  for (const c of children(e)) thresholdNodes(c, out);
  return out;
}

export function thresholds(expr: string): string[] {
  const ast = syntaxTree(expr);
  return ast ? thresholdNodes(ast).map((t) => t.shown(formatAst(t.node))) : [];
}

/** The canonical expression with every threshold replaced by `N`, to tell a threshold change from other edits. */
function shape(expr: string): string {
  const ast = syntaxTree(expr);
  if (!ast) return expr.trim();
  const copy = structuredClone(ast);
  for (const t of thresholdNodes(copy)) Object.assign(t.node, { type: 'NumberLiteral', value: 0, text: 'N', isDuration: false });
  return formatAst(copy);
}

export const canonical = (expr: string) => formatExpr(expr) ?? expr.trim();

function describe(r: RuleEntry): string {
  if (r.kind === 'alert') return `alert ${alertName(r.name, r.labels)}`;
  const labels = labelList(r.labels);
  return `recording rule ${code(r.name)}${labels ? ` (${labels})` : ''}`;
}

/** What changed in one rule: the headline parts (threshold, for) and the detail lines. */
function ruleChange(before: RuleEntry, after: RuleEntry): { headline: string[]; details: string[]; risk: Risk } | undefined {
  const headline: string[] = [];
  const details: string[] = [];
  const tb = thresholds(before.expr);
  const ta = thresholds(after.expr);
  if (!equal(tb, ta))
    headline.push(`threshold ${tb.length ? tb.map(code).join(', ') : '(none)'} → ${ta.length ? ta.map(code).join(', ') : '(none)'}`);
  if (before.for !== after.for) headline.push(`for ${value(before.for)} → ${value(after.for)}`);
  if (before.labels.severity !== after.labels.severity)
    headline.push(`severity ${value(before.labels.severity)} → ${value(after.labels.severity)}`);
  const cb = canonical(before.expr);
  const ca = canonical(after.expr);
  if (cb !== ca && shape(before.expr) !== shape(after.expr)) {
    headline.push('expression changed');
    details.push(`expr before: ${code(cb)}`, `expr after: ${code(ca)}`);
  }
  const { severity: _sb, ...lb } = before.labels;
  const { severity: _sa, ...la } = after.labels;
  const labels = fieldChanges(lb, la, 'labels');
  const annotations = fieldChanges(before.annotations, after.annotations, 'annotations');
  if (labels.length) headline.push(`labels ${labels.map((f) => code(f.path.slice('labels.'.length))).join(', ')} changed`);
  if (annotations.length)
    headline.push(
      `annotation${annotations.length === 1 ? '' : 's'} ${annotations.map((f) => code(f.path.slice('annotations.'.length))).join(', ')} changed`,
    );
  details.push(...fieldLines([...labels, ...annotations]));
  const moved = unchunked(before.group) !== unchunked(after.group) || unchunked(before.file) !== unchunked(after.file);
  if (moved) {
    headline.push(`moved to group ${code(after.group)}`);
    details.push(`moved from group ${code(before.group)} (${before.file}) to ${code(after.group)} (${after.file})`);
  }
  if (headline.length === 0) return undefined;
  // Only annotations or the group changed: what fires and where it goes is the same.
  const risk: Risk = headline.length === (annotations.length ? 1 : 0) + (moved ? 1 : 0) ? 'low' : 'medium';
  return { headline, details, risk };
}

/**
 * A rule group (or its file) without the number of its chunk: Kiln splits a group of more than 1,000
 * rules, or 720 KiB, by host into `<group>-01`, `<group>-02`, … (@kiln/prometheus splitGroup), so a host added to a
 * large site shifts other hosts' rules into the next chunk. Such a move, and a group crossing the limit,
 * changes neither what fires nor how it is evaluated in any way a reviewer acts on: it is not shown.
 */
const unchunked = (name: string) => name.replace(/-\d{2,}(\.yml)?$/, '$1');

export function diffRules(base: SiteFiles, head: SiteFiles): Change[] {
  const { removed, added, common } = pairRules(rulesOf(base), rulesOf(head));
  const changes: Change[] = [];
  const subject = (r: RuleEntry): 'alert rule' | 'recording rule' => (r.kind === 'alert' ? 'alert rule' : 'recording rule');
  for (const r of removed) {
    changes.push({
      subject: subject(r),
      kind: 'removed',
      risk: 'high',
      summary: `removed ${describe(r)}${r.kind === 'alert' ? ': this condition no longer alerts' : ': alerts and dashboards using it go blank'}`,
      details: [`was in group ${code(r.group)} (${r.file}): ${code(canonical(r.expr))}`],
    });
  }
  for (const [b, r] of common) {
    const c = ruleChange(b, r);
    if (!c) continue;
    changes.push({
      subject: subject(r),
      kind: 'changed',
      risk: c.risk,
      summary: `${describe(r)}: ${c.headline.join('; ')}`,
      details: c.details,
    });
  }
  for (const r of added) {
    const t = thresholds(r.expr);
    changes.push({
      subject: subject(r),
      kind: 'added',
      risk: 'low',
      summary: `new ${describe(r)}${t.length ? `, threshold ${t.map(code).join(', ')}` : ''}${r.for ? `, for ${code(r.for)}` : ''}`,
      details: [`${code(canonical(r.expr))} in group ${code(r.group)} (${r.file})`],
    });
  }
  return [...changes, ...diffUnitTests(base, head)];
}

interface UnitTest {
  file: string;
  name: string;
  /** The case as JSON: generated cases hold every series of the site, so they are compared as text. */
  json: string;
  series: number;
}

/**
 * Generated test files grow with the square of the inventory (every case lists every series), so
 * they are split as text where Kiln's serializer wrote them (`tests:` then `  - name: …` items);
 * anything else is parsed as YAML.
 */
function unitTestsOf(files: SiteFiles): UnitTest[] {
  return pathsUnder(files, TESTS_DIR, '.yml').flatMap(
    (file) => splitTests(file, files.get(file) ?? '') ?? parsedTests(file, files.get(file)),
  );
}

function splitTests(file: string, text: string): UnitTest[] | undefined {
  return topLevelSequenceItems(text, 'tests')?.map((block, i) => {
    const name = itemScalar(block, 'name');
    return { file, name: name !== undefined ? unquote(name) : `#${i + 1}`, json: block, series: countNestedItems(block, 'series', 2) };
  });
}

function unquote(yamlScalar: string): string {
  const t = yamlScalar.trim();
  try {
    return t.startsWith('"') || t.startsWith("'") ? String(parse(t)) : t;
  } catch {
    return t;
  }
}

function parsedTests(file: string, text: string | undefined): UnitTest[] {
  return asArray(object(file, text)?.tests).map((t, i) => ({
    file,
    name: isRecord(t) && typeof t.name === 'string' ? t.name : `#${i + 1}`,
    json: JSON.stringify(t),
    series: isRecord(t) ? asArray(t.input_series).length : 0,
  }));
}

/** promtool unit test cases by file and name: one change per test file, its cases in the details. */
export function diffUnitTests(base: SiteFiles, head: SiteFiles): Change[] {
  const key = (t: UnitTest) => `${t.file}\u0000${t.name}`;
  const before = keyed(unitTestsOf(base), key);
  const after = keyed(unitTestsOf(head), key);
  const { removed, added, common } = partition(before, after);
  const changed = common.filter((k) => before.get(k)!.json !== after.get(k)!.json);
  const files = [...new Set([...removed, ...added, ...changed].map((k) => k.split('\u0000')[0]!))].sort();
  return files.map((file): Change => {
    const mine = (keys: string[]) => keys.filter((k) => k.startsWith(`${file}\u0000`));
    const [r, a, c] = [mine(removed), mine(added), mine(changed)];
    const series = (k: string) => {
      const [b, n] = [before.get(k)!.series, after.get(k)!.series];
      return b === n ? '' : ` (input series ${b} → ${n})`;
    };
    const details = [
      ...r.map((k) => `removed: ${code(before.get(k)!.name)}`),
      ...c.map((k) => `changed: ${code(after.get(k)!.name)}${series(k)}`),
      ...a.map((k) => `new: ${code(after.get(k)!.name)}`),
    ];
    const counts = [
      r.length && `${plural(r.length, 'case')} removed`,
      c.length && `${plural(c.length, 'case')} changed`,
      a.length && `${plural(a.length, 'new case', 'new cases')}`,
    ].filter(Boolean);
    const kind = r.length && !a.length && !c.length ? 'removed' : a.length && !r.length && !c.length ? 'added' : 'changed';
    const whole = !base.has(file) ? 'new test file ' : !head.has(file) ? 'removed test file ' : '';
    return {
      subject: 'unit test',
      kind,
      risk: 'low',
      summary: `${whole}${code(file)}: ${counts.join(', ')}`,
      details: details.length > 12 ? [...details.slice(0, 12), `… and ${details.length - 12} more`] : details,
    };
  });
}
