/**
 * A PromQL syntax tree shaped like Prometheus' own (promql/parser/ast.go), built from the lezer
 * tree by `buildAst`. Offsets (`from`, `to`) index the expression string; `to` is exclusive.
 */
import type { PromqlFunction } from './functions.js';

export interface Span {
  from: number;
  to: number;
}

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher extends Span {
  /** Label name, unquoted. */
  name: string;
  op: MatchOp;
  /** Value, unquoted. */
  value: string;
}

/** A duration as written (`5m`, `300`, or an experimental duration expression such as `5m + step()`). */
export type DurationNode =
  | (Span & { kind: 'literal'; text: string; seconds: number })
  | (Span & { kind: 'call'; name: 'step' | 'range' })
  | (Span & { kind: 'minmax'; name: 'min_of' | 'max_of'; args: [DurationNode, DurationNode] })
  | (Span & { kind: 'unary'; op: '+' | '-'; operand: DurationNode })
  | (Span & { kind: 'binary'; op: DurationOp; lhs: DurationNode; rhs: DurationNode })
  | (Span & { kind: 'paren'; inner: DurationNode });

export type DurationOp = '+' | '-' | '*' | '/' | '%' | '^';

export type AtModifier = Span & ({ kind: 'timestamp'; seconds: number; text: string } | { kind: 'start' | 'end' });

/** The modifiers Prometheus stores on vector selectors and subqueries. */
export interface TimeModifiers {
  offset?: DurationNode;
  at?: AtModifier;
  anchored?: boolean;
  smoothed?: boolean;
}

export interface NumberLiteral extends Span {
  type: 'NumberLiteral';
  value: number;
  /** As written, including a sign folded in from a unary operator. */
  text: string;
  isDuration: boolean;
}

export interface StringLiteral extends Span {
  type: 'StringLiteral';
  value: string;
}

export interface VectorSelector extends Span, TimeModifiers {
  type: 'VectorSelector';
  /** The metric name written before the braces, or '' (a `__name__` matcher may still name it). */
  name: string;
  /** Matchers as written inside the braces; the name before the braces is not repeated here. */
  matchers: LabelMatcher[];
}

export interface MatrixSelector extends Span {
  type: 'MatrixSelector';
  selector: VectorSelector;
  range: DurationNode;
}

export interface SubqueryExpr extends Span, TimeModifiers {
  type: 'SubqueryExpr';
  expr: Expr;
  range: DurationNode;
  step?: DurationNode;
}

export interface Call extends Span {
  type: 'Call';
  /** `func` is undefined when the name is unknown (reported while building). */
  name: string;
  func: PromqlFunction | undefined;
  args: Expr[];
}

export type AggregateOp =
  | 'sum'
  | 'avg'
  | 'count'
  | 'min'
  | 'max'
  | 'group'
  | 'stddev'
  | 'stdvar'
  | 'topk'
  | 'bottomk'
  | 'count_values'
  | 'quantile'
  | 'limitk'
  | 'limit_ratio';

export interface AggregateExpr extends Span {
  type: 'AggregateExpr';
  op: AggregateOp;
  expr: Expr | undefined;
  param: Expr | undefined;
  /** Labels of `by (...)` / `without (...)`, undefined when neither is given. */
  grouping: string[] | undefined;
  without: boolean;
  /** Whether `by`/`without` was written after the argument list. */
  groupingAfter: boolean;
}

export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '^' | 'atan2' | '==' | '!=' | '>' | '<' | '>=' | '<=' | 'and' | 'or' | 'unless';

export type Cardinality = 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many';

export interface VectorMatching {
  card: Cardinality;
  /** Labels of `on(...)` or `ignoring(...)`; undefined when neither is written. */
  labels: string[] | undefined;
  on: boolean;
  /** Labels of `group_left(...)` / `group_right(...)`. */
  include: string[];
  fill: { lhs?: number; rhs?: number };
}

export interface BinaryExpr extends Span {
  type: 'BinaryExpr';
  op: BinaryOp;
  lhs: Expr;
  rhs: Expr;
  returnBool: boolean;
  matching: VectorMatching;
  /** Span of the operator and its modifiers (used for error positions). */
  opSpan: Span;
}

export interface UnaryExpr extends Span {
  type: 'UnaryExpr';
  op: '+' | '-';
  expr: Expr;
}

export interface ParenExpr extends Span {
  type: 'ParenExpr';
  expr: Expr;
}

export type Expr =
  | NumberLiteral
  | StringLiteral
  | VectorSelector
  | MatrixSelector
  | SubqueryExpr
  | Call
  | AggregateExpr
  | BinaryExpr
  | UnaryExpr
  | ParenExpr;

export const COMPARISON_OPS: ReadonlySet<BinaryOp> = new Set(['==', '!=', '>', '<', '>=', '<=']);
export const SET_OPS: ReadonlySet<BinaryOp> = new Set(['and', 'or', 'unless']);

/** The direct children of a node, in source order. */
export function children(node: Expr): Expr[] {
  switch (node.type) {
    case 'MatrixSelector':
      return [node.selector];
    case 'SubqueryExpr':
    case 'UnaryExpr':
    case 'ParenExpr':
      return [node.expr];
    case 'Call':
      return node.args;
    case 'AggregateExpr':
      return [node.param, node.expr].filter((e): e is Expr => e !== undefined);
    case 'BinaryExpr':
      return [node.lhs, node.rhs];
    default:
      return [];
  }
}

/** Every node of the tree, parents before children. */
export function* walk(node: Expr): Generator<Expr> {
  yield node;
  for (const child of children(node)) yield* walk(child);
}
