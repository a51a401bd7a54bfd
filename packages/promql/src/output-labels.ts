/**
 * What can be said statically about the labels of an expression's result series.
 *
 * `{kind: 'only', labels}`: every result series carries at most these labels (scalars: none).
 * `{kind: 'except', dropped, added}`: result series carry the labels of the selected input series,
 * minus `dropped`, plus (possibly) `added`. `__name__` stands for the metric name.
 * `mayAddOthers` is set when a function such as info() adds labels that cannot be known statically.
 */
import { COMPARISON_OPS, SET_OPS, type AggregateExpr, type BinaryExpr, type Call, type Expr } from './ast.js';
import { typeOf } from './check-ast.js';
import { syntaxTree } from './syntax-tree.js';

export type OutputLabels =
  { kind: 'only'; labels: string[]; mayAddOthers: boolean } | { kind: 'except'; dropped: string[]; added: string[]; mayAddOthers: boolean };

const NAME = '__name__';
const sorted = (labels: Iterable<string>): string[] => [...new Set(labels)].sort();

const only = (labels: Iterable<string>, mayAddOthers = false): OutputLabels => ({ kind: 'only', labels: sorted(labels), mayAddOthers });
const allLabels = (): OutputLabels => ({ kind: 'except', dropped: [], added: [], mayAddOthers: false });

function drop(ol: OutputLabels, names: readonly string[]): OutputLabels {
  if (ol.kind === 'only') return { ...ol, labels: ol.labels.filter((l) => !names.includes(l)) };
  return { ...ol, dropped: sorted([...ol.dropped, ...names]), added: ol.added.filter((l) => !names.includes(l)) };
}

function add(ol: OutputLabels, names: readonly string[]): OutputLabels {
  if (ol.kind === 'only') return { ...ol, labels: sorted([...ol.labels, ...names]) };
  return { ...ol, dropped: ol.dropped.filter((l) => !names.includes(l)), added: sorted([...ol.added, ...names]) };
}

function keep(ol: OutputLabels, names: readonly string[]): OutputLabels {
  if (ol.kind === 'only') return { ...ol, labels: ol.labels.filter((l) => names.includes(l)) };
  return only(
    names.filter((l) => !ol.dropped.includes(l) || ol.added.includes(l)),
    ol.mayAddOthers,
  );
}

function union(a: OutputLabels, b: OutputLabels): OutputLabels {
  const mayAddOthers = a.mayAddOthers || b.mayAddOthers;
  if (a.kind === 'only' && b.kind === 'only') return only([...a.labels, ...b.labels], mayAddOthers);
  if (a.kind === 'except' && b.kind === 'except') {
    return {
      kind: 'except',
      dropped: a.dropped.filter((l) => b.dropped.includes(l)),
      added: sorted([...a.added, ...b.added]),
      mayAddOthers,
    };
  }
  if (a.kind === 'except' && b.kind === 'only') return { ...a, dropped: a.dropped.filter((l) => !b.labels.includes(l)), mayAddOthers };
  return union(b, a);
}

/** Functions whose result keeps the input's metric name (Prometheus 3.x). */
const KEEPS_NAME = new Set([
  'sort',
  'sort_desc',
  'sort_by_label',
  'sort_by_label_desc',
  'last_over_time',
  'first_over_time',
  'label_replace',
  'label_join',
]);

function stringArg(call: Call, index: number): string | undefined {
  const arg = call.args[index];
  return arg?.type === 'StringLiteral' ? arg.value : undefined;
}

function ofCall(call: Call): OutputLabels {
  const fn = call.func;
  if (!fn || fn.returns !== 'vector') return only([]);
  const [first] = call.args;
  if (call.name === 'vector') return only([]);
  if (call.name === 'absent' || call.name === 'absent_over_time') {
    const selector = first?.type === 'MatrixSelector' ? first.selector : first;
    if (selector?.type !== 'VectorSelector') return only([]);
    return only(selector.matchers.filter((m) => m.op === '=' && m.name !== NAME).map((m) => m.name));
  }
  const input = call.args.find((a) => typeOf(a) === 'vector' || typeOf(a) === 'matrix');
  let ol = input ? of(input) : only([]);
  if (!KEEPS_NAME.has(call.name)) ol = drop(ol, [NAME]);
  if (call.name === 'histogram_quantile' || call.name === 'histogram_fraction' || call.name === 'histogram_quantiles')
    ol = drop(ol, ['le']);
  if (call.name === 'label_replace' || call.name === 'label_join' || call.name === 'histogram_quantiles') {
    const target = stringArg(call, 1);
    if (target !== undefined) ol = add(ol, [target]);
  }
  if (call.name === 'info') ol = { ...ol, mayAddOthers: true };
  return ol;
}

function ofAggregate(node: AggregateExpr): OutputLabels {
  const input = node.expr ? of(node.expr) : only([]);
  if (node.op === 'topk' || node.op === 'bottomk' || node.op === 'limitk' || node.op === 'limit_ratio') return input;
  const extra = node.op === 'count_values' && node.param?.type === 'StringLiteral' ? [node.param.value] : [];
  if (node.without) return add(drop(input, [...(node.grouping ?? []), NAME]), extra);
  return add(keep(input, node.grouping ?? []), extra);
}

function ofBinary(node: BinaryExpr): OutputLabels {
  const lt = typeOf(node.lhs);
  const rt = typeOf(node.rhs);
  if (lt === 'scalar' && rt === 'scalar') return only([]);
  const dropsName = !COMPARISON_OPS.has(node.op) || node.returnBool;
  const finish = (ol: OutputLabels): OutputLabels => (dropsName && !SET_OPS.has(node.op) ? drop(ol, [NAME]) : ol);
  if (lt === 'scalar') return finish(of(node.rhs));
  if (rt === 'scalar') return finish(of(node.lhs));
  const m = node.matching;
  if (node.op === 'or') return union(of(node.lhs), of(node.rhs));
  if (SET_OPS.has(node.op)) return of(node.lhs);
  if (m.card === 'many-to-one') return finish(add(of(node.lhs), m.include));
  if (m.card === 'one-to-many') return finish(add(of(node.rhs), m.include));
  const lhs = of(node.lhs);
  if (m.labels === undefined) return finish(lhs);
  return finish(m.on ? keep(lhs, m.labels) : drop(lhs, m.labels));
}

function of(node: Expr): OutputLabels {
  switch (node.type) {
    case 'NumberLiteral':
    case 'StringLiteral':
      return only([]);
    case 'VectorSelector':
    case 'MatrixSelector':
      return allLabels();
    case 'SubqueryExpr':
    case 'ParenExpr':
      return of(node.expr);
    case 'UnaryExpr':
      return node.op === '-' ? drop(of(node.expr), [NAME]) : of(node.expr);
    case 'Call':
      return ofCall(node);
    case 'AggregateExpr':
      return ofAggregate(node);
    case 'BinaryExpr':
      return ofBinary(node);
  }
}

/** The labels the result of an expression can carry, or undefined when it has syntax errors. */
export function outputLabels(expr: string | Expr): OutputLabels | undefined {
  const ast = typeof expr === 'string' ? syntaxTree(expr) : expr;
  return ast ? of(ast) : undefined;
}
