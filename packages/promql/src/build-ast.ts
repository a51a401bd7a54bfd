/**
 * Builds the Prometheus-shaped AST (ast.ts) from a lezer tree without syntax errors, reporting what
 * Prometheus' grammar actions report: unknown or disabled functions, aggregation arity, misplaced
 * modifiers, bad literals and regexes.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import type {
  AggregateExpr,
  AggregateOp,
  AtModifier,
  BinaryExpr,
  BinaryOp,
  Call,
  Expr,
  NumberLiteral,
  Span,
  VectorMatching,
} from './ast.js';
import { BuildContext, childNodes, exprChildren, type Finding } from './build-context.js';
import { buildDuration, literalSeconds } from './build-duration.js';
import { applyAt, applyOffset, applyRange, applyRangeModifier, applySubquery } from './build-postfix.js';
import { buildVectorSelector, stringValue } from './build-selector.js';
import type { PromqlFeatures } from './features.js';
import { FUNCTIONS } from './functions.js';
import { isDurationText } from './literals.js';

export const PARAM_AGGREGATORS: ReadonlySet<AggregateOp> = new Set([
  'topk',
  'bottomk',
  'count_values',
  'quantile',
  'limitk',
  'limit_ratio',
]);
export const EXPERIMENTAL_AGGREGATORS: ReadonlySet<AggregateOp> = new Set(['limitk', 'limit_ratio']);
/** The aggregation operators without a feature flag. */
export const STABLE_AGGREGATORS: ReadonlySet<AggregateOp> = new Set([
  'sum',
  'avg',
  'count',
  'min',
  'max',
  'group',
  'stddev',
  'stdvar',
  'topk',
  'bottomk',
  'count_values',
  'quantile',
]);

/** A number or duration literal written `text` (a sign included) at `span`. */
export function numberLiteralOf(ctx: BuildContext, text: string, span: Span): NumberLiteral {
  const value = literalSeconds(ctx, text, span);
  return { type: 'NumberLiteral', value, text, isDuration: isDurationText(text), from: span.from, to: span.to };
}

function numberLiteral(ctx: BuildContext, node: SyntaxNode): NumberLiteral {
  return numberLiteralOf(ctx, ctx.text(node), { from: node.from, to: node.to });
}

function groupingLabels(ctx: BuildContext, node: SyntaxNode | null): string[] {
  if (!node) return [];
  return childNodes(node).map((label) => {
    if (label.name !== 'QuotedLabelName') {
      const name = ctx.text(label);
      const lower = name.toLowerCase();
      // Keywords the Prometheus grammar does not take as label names (maybe_label).
      if (lower === 'without') ctx.report(`unexpected <${name}> in grouping opts, expected label`, label);
      if (lower === 'inf' || lower === 'nan')
        ctx.report(`unexpected number ${JSON.stringify(name)} in grouping opts, expected label`, label);
      return name;
    }
    const literal = label.getChild('StringLiteral');
    const name = literal ? stringValue(ctx, literal) : '';
    if (name === '') ctx.report(`invalid label name for grouping: ${JSON.stringify(name)}`, label);
    return name;
  });
}

function buildCall(ctx: BuildContext, node: SyntaxNode): Call {
  const idNode = node.getChild('FunctionIdentifier');
  const body = node.getChild('FunctionCallBody');
  const name = idNode ? ctx.text(idNode) : '';
  const func = FUNCTIONS.get(name);
  const idSpan = idNode ? { from: idNode.from, to: idNode.to } : node;
  if (!func) ctx.report(`unknown function with name ${JSON.stringify(name)}`, idSpan);
  else if (func.experimental && !ctx.features.experimentalFunctions) ctx.report(`function ${JSON.stringify(name)} is not enabled`, idSpan);
  const args = body ? exprChildren(body).map((a) => buildExpr(ctx, a)) : [];
  return { type: 'Call', name, func, args, from: node.from, to: node.to };
}

function buildAggregate(ctx: BuildContext, node: SyntaxNode): AggregateExpr {
  const opNode = node.getChild('AggregateOp');
  const op = (opNode ? ctx.text(opNode).toLowerCase() : 'sum') as AggregateOp;
  const body = node.getChild('FunctionCallBody');
  const modifier = node.getChild('AggregateModifier');
  const args = body ? exprChildren(body).map((a) => buildExpr(ctx, a)) : [];
  const aggregate: AggregateExpr = {
    type: 'AggregateExpr',
    op,
    expr: undefined,
    param: undefined,
    grouping: modifier ? groupingLabels(ctx, modifier.getChild('GroupingLabels')) : undefined,
    without: modifier?.getChild('Without') != null,
    groupingAfter: modifier !== null && body !== null && modifier.from > body.from,
    from: node.from,
    to: node.to,
  };
  if (args.length === 0) {
    ctx.report('no arguments for aggregate expression provided', node);
    return aggregate;
  }
  let desired = 1;
  if (PARAM_AGGREGATORS.has(op)) {
    if (EXPERIMENTAL_AGGREGATORS.has(op) && !ctx.features.experimentalFunctions) {
      ctx.report(`${op}() is experimental and must be enabled with --enable-feature=promql-experimental-functions`, node);
      return aggregate;
    }
    desired = 2;
    aggregate.param = args[0];
  }
  if (args.length !== desired) {
    ctx.report(`wrong number of arguments for aggregate expression provided, expected ${desired}, got ${args.length}`, node);
    return aggregate;
  }
  aggregate.expr = args[desired - 1];
  return aggregate;
}

const BINARY_OPS: Record<string, BinaryOp> = {
  Pow: '^',
  Mul: '*',
  Div: '/',
  Mod: '%',
  Atan2: 'atan2',
  Add: '+',
  Sub: '-',
  Eql: '==',
  Neq: '!=',
  Gte: '>=',
  Gtr: '>',
  Lte: '<=',
  Lss: '<',
  And: 'and',
  Or: 'or',
  Unless: 'unless',
};

function fillValue(ctx: BuildContext, clause: SyntaxNode | null): number | undefined {
  const literal = clause?.getChild('NumberDurationLiteral');
  return literal ? numberLiteral(ctx, literal).value : undefined;
}

function buildBinary(ctx: BuildContext, node: SyntaxNode): Expr {
  const kids = childNodes(node);
  const [lhsNode, rhsNode] = exprChildren(node);
  const opNode = kids[1];
  if (!lhsNode || !rhsNode || !opNode) throw new Error(`incomplete binary expression: ${ctx.text(node)}`);
  const lhs = buildExpr(ctx, lhsNode);
  const rhs = buildExpr(ctx, rhsNode);
  const op = BINARY_OPS[opNode.name];
  if (op === undefined) {
    ctx.report(`binary expression does not support operator ${JSON.stringify(ctx.text(opNode))}`, opNode);
    return lhs;
  }
  const clause = node.getChild('MatchingModifierClause');
  const fill = node.getChild('FillModifier');
  const grouping = clause?.getChildren('GroupingLabels') ?? [];
  const matching: VectorMatching = {
    card: clause?.getChild('GroupLeft') ? 'many-to-one' : clause?.getChild('GroupRight') ? 'one-to-many' : 'one-to-one',
    labels: clause ? groupingLabels(ctx, grouping[0] ?? null) : undefined,
    on: clause?.getChild('On') != null,
    include: groupingLabels(ctx, grouping[1] ?? null),
    fill: {},
  };
  if (fill) {
    const both = fillValue(ctx, fill.getChild('FillClause'));
    const left = fillValue(ctx, fill.getChild('FillLeftClause')) ?? both;
    const right = fillValue(ctx, fill.getChild('FillRightClause')) ?? both;
    if (left !== undefined) matching.fill.lhs = left;
    if (right !== undefined) matching.fill.rhs = right;
  }
  const lastModifier = [fill, clause, node.getChild('BoolModifier'), opNode].find((n) => n != null) ?? opNode;
  const opSpan: Span = { from: opNode.from, to: lastModifier.to };
  const binary: BinaryExpr = {
    type: 'BinaryExpr',
    op,
    lhs,
    rhs,
    returnBool: node.getChild('BoolModifier') != null,
    matching,
    opSpan,
    from: lhs.from,
    to: rhs.to,
  };
  if (fill && !ctx.features.binopFillModifiers) ctx.report('binop fill modifiers are experimental and not enabled', binary);
  return binary;
}

function buildAt(ctx: BuildContext, node: SyntaxNode): AtModifier {
  const pre = node.getChild('AtModifierPreprocessors');
  if (pre) {
    const kind = pre.getChild('AtStart') ? 'start' : 'end';
    return { kind, from: pre.from, to: node.to };
  }
  const literal = node.getChild('NumberDurationLiteral');
  if (!literal) throw new Error(`@ without a timestamp: ${ctx.text(node)}`);
  const n = numberLiteral(ctx, literal);
  return { kind: 'timestamp', seconds: n.value, text: n.text, from: literal.from, to: literal.to };
}

/** Prometheus lexes `[…]` without comments ("unexpected character in duration expression"). */
function rejectCommentInBrackets(ctx: BuildContext, from: number, to: number): void {
  const hash = ctx.expr.indexOf('#', from);
  if (hash >= 0 && hash < to) ctx.report("unexpected character in duration expression: '#'", { from: hash, to });
}

export function buildExpr(ctx: BuildContext, node: SyntaxNode): Expr {
  const [first] = exprChildren(node);
  const inner = (): Expr => {
    if (!first) throw new Error(`${node.name} without an operand: ${ctx.text(node)}`);
    return buildExpr(ctx, first);
  };
  switch (node.name) {
    case 'NumberDurationLiteral':
      return numberLiteral(ctx, node);
    case 'StringLiteral':
      return { type: 'StringLiteral', value: stringValue(ctx, node), from: node.from, to: node.to };
    case 'VectorSelector':
      return buildVectorSelector(ctx, node);
    case 'FunctionCall':
      return buildCall(ctx, node);
    case 'AggregateExpr':
      return buildAggregate(ctx, node);
    case 'BinaryExpr':
      return buildBinary(ctx, node);
    case 'ParenExpr':
      return { type: 'ParenExpr', expr: inner(), from: node.from, to: node.to };
    case 'UnaryExpr': {
      const opNode = node.getChild('UnaryOp');
      const op = opNode && ctx.text(opNode) === '-' ? '-' : '+';
      const operand = inner();
      if (operand.type === 'NumberLiteral') {
        const value = op === '-' ? -operand.value : operand.value;
        return { ...operand, value, text: op + operand.text, from: node.from };
      }
      return { type: 'UnaryExpr', op, expr: operand, from: node.from, to: node.to };
    }
    case 'MatrixSelector': {
      const durationNode = node.getChild('DurationExpr');
      if (!first || !durationNode) throw new Error(`incomplete range selector: ${ctx.text(node)}`);
      const open = ctx.expr.lastIndexOf('[', durationNode.from);
      rejectCommentInBrackets(ctx, open, node.to);
      return applyRange(ctx, inner(), buildDuration(ctx, durationNode), { from: open, to: node.to });
    }
    case 'SubqueryExpr': {
      const [rangeNode, stepNode] = node.getChildren('DurationExpr');
      if (!rangeNode) throw new Error(`subquery without a range: ${ctx.text(node)}`);
      rejectCommentInBrackets(ctx, ctx.expr.lastIndexOf('[', rangeNode.from), node.to);
      const step = stepNode ? buildDuration(ctx, stepNode) : undefined;
      return applySubquery(ctx, inner(), buildDuration(ctx, rangeNode), step, node.to);
    }
    case 'OffsetExpr': {
      const durationNode = node.getChild('OffsetDurationExpr');
      if (!durationNode) throw new Error(`offset without a duration: ${ctx.text(node)}`);
      return applyOffset(ctx, inner(), buildDuration(ctx, durationNode), node.to);
    }
    case 'StepInvariantExpr':
      return applyAt(ctx, inner(), buildAt(ctx, node), node.to);
    case 'AnchoredExpr':
      return applyRangeModifier(ctx, inner(), 'anchored', node.to);
    case 'SmoothedExpr':
      return applyRangeModifier(ctx, inner(), 'smoothed', node.to);
    default:
      throw new Error(`unexpected node ${node.name}`);
  }
}

export interface BuiltAst {
  ast: Expr | undefined;
  findings: Finding[];
}

/** Build the AST of a tree that has no syntax errors. */
export function buildAst(expr: string, tree: Tree, features: PromqlFeatures): BuiltAst {
  const ctx = new BuildContext(expr, features);
  const [top] = exprChildren(tree.topNode);
  const ast = top ? buildExpr(ctx, top) : undefined;
  return { ast, findings: ctx.findings };
}
