import { COMPARISON_OPS, formatAst, matchersDisjoint, outputLabels, type Expr, type Matcher, type OutputLabels } from '@kiln/promql';
import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { exprAst, walkExpr } from '../../readers/expr.js';
import { at, describeRule, type GroupRef, promRules, ruleEntity, ruleGroups, type RuleRef } from '../../readers/rules.js';

const labelText = (labels: Record<string, string>) => {
  const keys = Object.keys(labels).sort();
  return keys.length === 0 ? 'no static labels' : `labels {${keys.map((k) => `${k}=${JSON.stringify(labels[k])}`).join(', ')}}`;
};

/** Whether a label of the input series reaches the result unchanged (not dropped, not rewritten). */
function survives(ol: OutputLabels, label: string): boolean {
  return ol.kind === 'only' ? ol.labels.includes(label) : !ol.dropped.includes(label) && !ol.added.includes(label);
}

interface Shape {
  ast: Expr;
  ol: OutputLabels;
  /** Each selector's matchers, by label. */
  selectors: Map<string, Matcher[]>[];
  /** The expression without its outer parentheses, normalised. */
  text: string;
}

function strip(e: Expr): Expr {
  return e.type === 'ParenExpr' ? strip(e.expr) : e;
}

function shapeOf(r: RuleRef): Shape | undefined {
  const ast = exprAst(r);
  const ol = ast ? outputLabels(ast) : undefined;
  if (!ast || !ol) return undefined;
  const selectors: Map<string, Matcher[]>[] = [];
  for (const node of walkExpr(ast)) {
    if (node.type !== 'VectorSelector') continue;
    const byLabel = new Map<string, Matcher[]>();
    for (const m of node.matchers) byLabel.set(m.name, [...(byLabel.get(m.name) ?? []), m]);
    selectors.push(byLabel);
  }
  return { ast, ol, selectors, text: formatAst(strip(ast)) };
}

/**
 * Whether the results of two expressions can never share a series, because of a label that
 * reaches both results: every selector of each constrains it, and no pair of selectors can agree
 * on a value (`code=~"2.."` / `code=~"3.."`, `handler="/x"` / `handler!="/x"`).
 */
function disjointByMatchers(a: Shape, b: Shape): boolean {
  if (a.selectors.length === 0 || b.selectors.length === 0) return false;
  const labels = new Set<string>();
  for (const s of a.selectors) for (const l of s.keys()) labels.add(l);
  for (const label of labels) {
    if (label === '__name__' || !survives(a.ol, label) || !survives(b.ol, label)) continue;
    const ma = a.selectors.map((s) => s.get(label));
    const mb = b.selectors.map((s) => s.get(label));
    if (ma.some((m) => !m) || mb.some((m) => !m)) continue;
    if (ma.every((x) => mb.every((y) => x!.some((p) => y!.some((q) => matchersDisjoint(p, q)))))) return true;
  }
  return false;
}

/** The values a comparison with a number lets through, as an interval (`> 0` → (0, ∞)); undefined for `!=`. */
function filterOf(e: Expr): { operand: string; lo: number; hi: number; loOpen: boolean; hiOpen: boolean; ne?: number } | undefined {
  const n = strip(e);
  if (n.type !== 'BinaryExpr' || !COMPARISON_OPS.has(n.op) || n.returnBool) return undefined;
  const l = strip(n.lhs);
  const r = strip(n.rhs);
  const flip: Record<string, string> = { '>': '<', '<': '>', '>=': '<=', '<=': '>=', '==': '==', '!=': '!=' };
  const [operand, op, v] = r.type === 'NumberLiteral' ? [l, n.op, r.value] : l.type === 'NumberLiteral' ? [r, flip[n.op]!, l.value] : [];
  if (operand === undefined || op === undefined || v === undefined) return undefined;
  const text = formatAst(operand);
  switch (op) {
    case '==':
      return { operand: text, lo: v, hi: v, loOpen: false, hiOpen: false };
    case '!=':
      return { operand: text, lo: -Infinity, hi: Infinity, loOpen: true, hiOpen: true, ne: v };
    case '>':
      return { operand: text, lo: v, hi: Infinity, loOpen: true, hiOpen: true };
    case '>=':
      return { operand: text, lo: v, hi: Infinity, loOpen: false, hiOpen: true };
    case '<':
      return { operand: text, lo: -Infinity, hi: v, loOpen: true, hiOpen: true };
    default:
      return { operand: text, lo: -Infinity, hi: v, loOpen: true, hiOpen: false };
  }
}

/** Whether two expressions filter one operand by comparisons no value passes both (`x == 0` / `x > 0`). */
function disjointByFilter(a: Shape, b: Shape): boolean {
  const fa = filterOf(a.ast);
  const fb = filterOf(b.ast);
  if (!fa || !fb || fa.operand !== fb.operand) return false;
  if (fa.ne !== undefined || fb.ne !== undefined) {
    const [ne, other] = fa.ne !== undefined ? [fa, fb] : [fb, fa];
    return other.ne === undefined && other.lo === other.hi && other.lo === ne.ne;
  }
  if (fa.hi < fb.lo || fb.hi < fa.lo) return true;
  if (fa.hi === fb.lo) return fa.hiOpen || fb.loOpen;
  if (fb.hi === fa.lo) return fb.hiOpen || fa.loOpen;
  return false;
}

export default createRule({
  id: 'rule/duplicate',
  meta: {
    description:
      'No two alerting or recording rules with the same name and static labels produce the same series, in one file (in a site: across its rule files, which one Prometheus loads together); no file repeats a group name.',
    rationale:
      'Two recording rules with the same name and labels write the same series, and Prometheus drops samples as duplicates or out of order, so the series flaps between two definitions. ' +
      'Two such alerts produce the same alert identity: Alertmanager merges them and one definition silently wins. ' +
      'Recording rules are told apart, and not reported, when a label that reaches both results is matched by values no series has twice ' +
      '(`code=~"2.."` and `code=~"3.."` with `code` kept by `sum by (code)`; `handler="/x"` and `handler!="/x"`), or when they filter one expression ' +
      'by comparisons no value passes both (`x == 0` and `x > 0`). Alerts with one name and one set of static labels but different expressions are a ' +
      'common and deliberate pattern (the deployment and the statefulset variant of a rollout alert): they are reported only when their expressions are the ' +
      'same, which provably collides, unless `compareAlertExpressions` is on. ' +
      'A repeated group name makes Prometheus refuse the whole file.',
    summary: 'duplicate rule',
    severity: 'error',
    messages: {
      duplicate:
        '{{rule}} with {{labels}} is defined again (first at {{first}}{{same}}); both write the same {{what}}. Remove one, or tell them apart with a static label',
      group:
        'rule group `{{group}}` is defined twice in this file (first at line {{first}}); Prometheus refuses to load the file. Rename or merge the groups',
    },
    options: z.strictObject({
      acrossFiles: z
        .boolean()
        .default(false)
        .describe('Compare rules of different files too, as when they are loaded by one Prometheus. Always on when linting a site.'),
      compareAlertExpressions: z
        .boolean()
        .default(false)
        .describe(
          'Also report alerts with one name and static labels whose different expressions are not told apart by matchers or filters (by default only identical expressions are).',
        ),
    }),
    reads: ['files'],
  },
  check({ site, files, options, report }) {
    const seen = new Map<string, RuleRef[]>();
    const shapes = new Map<RuleRef, Shape | undefined>();
    const shape = (r: RuleRef) => {
      if (!shapes.has(r)) shapes.set(r, shapeOf(r));
      return shapes.get(r);
    };
    /** Whether two rules of one name and static labels can write the same series or alert. */
    const collide = (a: RuleRef, b: RuleRef): boolean => {
      if (a.expr === b.expr) return true;
      const sa = shape(a);
      const sb = shape(b);
      if (!sa || !sb) return false; // promql/syntax reports the expression
      if (sa.text === sb.text) return true;
      if (a.kind === 'alert' && !options.compareAlertExpressions) return false;
      return !disjointByMatchers(sa, sb) && !disjointByFilter(sa, sb);
    };
    const across = options.acrossFiles || site !== undefined;
    for (const r of promRules(files)) {
      const key = JSON.stringify([
        across ? '' : r.file.path,
        r.kind,
        r.name,
        // Any fixed order makes equal label sets equal keys; localeCompare's first call costs ~30 ms (ICU).
        Object.entries(r.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      ]);
      const earlier = seen.get(key) ?? [];
      seen.set(key, [...earlier, r]);
      const first = earlier.find((e) => collide(e, r));
      if (!first) continue;
      const firstAt = at(first, first.kind);
      report({
        messageId: 'duplicate',
        data: {
          rule: describeRule(r),
          labels: labelText(r.labels),
          first: first.file === r.file ? `line ${firstAt.line}` : `${first.file.path}:${firstAt.line}`,
          same:
            first.expr === r.expr || shape(first)?.text === shape(r)?.text
              ? ', with the same expression'
              : '; nothing in the expressions tells their series apart',
          what: r.kind === 'alert' ? 'alert identity' : 'series',
        },
        entity: ruleEntity(r),
        location: at(r, r.kind),
      });
    }
    const groups = new Map<string, GroupRef>();
    for (const g of ruleGroups(files)) {
      if (g.name === undefined) continue;
      const key = JSON.stringify([g.file.path, g.doc, g.name]);
      const first = groups.get(key);
      if (!first) {
        groups.set(key, g);
        continue;
      }
      report({
        messageId: 'group',
        data: { group: g.name, first: g.file.position([...first.path, 'name'], first.doc).line },
        entity: { kind: 'rule group', name: g.name },
        location: { file: g.file.path, ...g.file.position([...g.path, 'name'], g.doc) },
      });
    }
  },
});
