/**
 * One canonical spelling per expression, so two spellings of the same expression compare equal:
 * single spaces, lower-case keywords, double-quoted strings, label matchers and label lists sorted,
 * `by`/`without` before the arguments, `{__name__="x"}` written as `x`, numbers in decimal,
 * durations as written, and no-op modifiers (`by ()`, `ignoring ()`) dropped.
 */
import type { AggregateExpr, BinaryExpr, Expr, LabelMatcher, TimeModifiers, VectorSelector } from './ast.js';
import { formatAt, formatDuration } from './format-duration.js';
import { formatNumber, isLegacyLabelName, isLegacyMetricName, quoteString } from './literals.js';
import { syntaxTree } from './syntax-tree.js';

function labelName(name: string): string {
  return isLegacyLabelName(name) ? name : quoteString(name);
}

function labelList(labels: readonly string[]): string {
  return `(${[...new Set(labels)].sort().map(labelName).join(', ')})`;
}

function compareMatchers(a: LabelMatcher, b: LabelMatcher): number {
  const ka = [a.name, a.op, a.value];
  const kb = [b.name, b.op, b.value];
  for (let i = 0; i < 3; i++) {
    const x = ka[i] ?? '';
    const y = kb[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function modifiers(m: TimeModifiers): string {
  let out = '';
  if (m.at) out += ` ${formatAt(m.at)}`;
  if (m.offset) out += ` offset ${formatDuration(m.offset)}`;
  if (m.anchored) out += ' anchored';
  if (m.smoothed) out += ' smoothed';
  return out;
}

function selectorBody(s: VectorSelector): string {
  let name = s.name;
  let matchers = s.matchers;
  const nameMatchers = matchers.filter((m) => m.name === '__name__' && m.op === '=');
  const [only] = nameMatchers;
  if (name === '' && nameMatchers.length === 1 && only && isLegacyMetricName(only.value)) {
    name = only.value;
    matchers = matchers.filter((m) => m !== only);
  }
  const parts: string[] = [];
  if (name === '' && nameMatchers.length === 1 && only) {
    parts.push(quoteString(only.value));
    matchers = matchers.filter((m) => m !== only);
  }
  parts.push(...[...matchers].sort(compareMatchers).map((m) => `${labelName(m.name)}${m.op}${quoteString(m.value)}`));
  return parts.length === 0 ? name : `${name}{${parts.join(', ')}}`;
}

function formatAggregate(node: AggregateExpr): string {
  const args = [node.param, node.expr].filter((e): e is Expr => e !== undefined).map(format);
  let grouping = '';
  if (node.grouping && (node.without || node.grouping.length > 0)) {
    grouping = ` ${node.without ? 'without' : 'by'} ${labelList(node.grouping)} `;
  }
  return `${node.op}${grouping}(${args.join(', ')})`;
}

function formatBinary(node: BinaryExpr): string {
  const m = node.matching;
  const parts = [format(node.lhs), node.op];
  if (node.returnBool) parts.push('bool');
  const grouped = m.card === 'many-to-one' || m.card === 'one-to-many';
  if (m.labels && (m.on || m.labels.length > 0 || grouped)) parts.push(`${m.on ? 'on' : 'ignoring'} ${labelList(m.labels)}`);
  if (grouped) {
    const keyword = m.card === 'many-to-one' ? 'group_left' : 'group_right';
    parts.push(m.include.length > 0 ? `${keyword} ${labelList(m.include)}` : keyword);
  }
  if (m.fill.lhs !== undefined && m.fill.lhs === m.fill.rhs) parts.push(`fill(${formatNumber(m.fill.lhs)})`);
  else {
    if (m.fill.lhs !== undefined) parts.push(`fill_left(${formatNumber(m.fill.lhs)})`);
    if (m.fill.rhs !== undefined) parts.push(`fill_right(${formatNumber(m.fill.rhs)})`);
  }
  parts.push(format(node.rhs));
  return parts.join(' ');
}

function format(node: Expr): string {
  switch (node.type) {
    case 'NumberLiteral':
      return node.isDuration ? node.text.replace(/^\+/, '') : formatNumber(node.value);
    case 'StringLiteral':
      return quoteString(node.value);
    case 'VectorSelector':
      return selectorBody(node) + modifiers(node);
    case 'MatrixSelector':
      return `${selectorBody(node.selector)}[${formatDuration(node.range)}]${modifiers(node.selector)}`;
    case 'SubqueryExpr':
      return `${format(node.expr)}[${formatDuration(node.range)}:${node.step ? formatDuration(node.step) : ''}]${modifiers(node)}`;
    case 'Call':
      return `${node.name}(${node.args.map(format).join(', ')})`;
    case 'AggregateExpr':
      return formatAggregate(node);
    case 'BinaryExpr':
      return formatBinary(node);
    case 'UnaryExpr':
      return `${node.op === '-' ? '-' : ''}${format(node.expr)}`;
    case 'ParenExpr':
      return `(${format(node.expr)})`;
  }
}

/** The canonical spelling of an AST. */
export function formatAst(ast: Expr): string {
  return format(ast);
}

/** The canonical spelling of an expression, or undefined when it has syntax errors. */
export function formatExpr(expr: string): string | undefined {
  const ast = syntaxTree(expr);
  return ast ? format(ast) : undefined;
}
