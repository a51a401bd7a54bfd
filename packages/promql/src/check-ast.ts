/**
 * Type checking as in Prometheus' parser.checkAST (promql/parser/parse.go): value types of every
 * node, function signatures, aggregation parameters, binary operator and vector matching rules,
 * and the selector rules.
 */
import { COMPARISON_OPS, SET_OPS, type BinaryExpr, type Call, type Expr, type Span, type VectorSelector } from './ast.js';
import type { Finding } from './build-context.js';
import { matchesEmpty } from './build-selector.js';
import { documentedType, type ValueType } from './value-type.js';

/** The value type an expression evaluates to (Prometheus' `Expr.Type()`). */
export function typeOf(node: Expr): ValueType {
  switch (node.type) {
    case 'NumberLiteral':
      return 'scalar';
    case 'StringLiteral':
      return 'string';
    case 'VectorSelector':
    case 'AggregateExpr':
      return 'vector';
    case 'MatrixSelector':
    case 'SubqueryExpr':
      return 'matrix';
    case 'Call':
      return node.func?.returns ?? 'none';
    case 'ParenExpr':
    case 'UnaryExpr':
      return typeOf(node.expr);
    case 'BinaryExpr':
      return typeOf(node.lhs) === 'scalar' && typeOf(node.rhs) === 'scalar' ? 'scalar' : 'vector';
  }
}

class Checker {
  readonly findings: Finding[] = [];
  /** Selectors exempt from the non-empty matcher rule (the second argument of info()); made when info() is seen. */
  private labelSelectorsOnly: Set<VectorSelector> | undefined;

  private report(message: string, span: Span): void {
    this.findings.push({ message, from: span.from, to: span.to });
  }

  private expectType(node: Expr, want: ValueType, context: string): void {
    const got = this.check(node);
    if (got !== want) this.report(`expected type ${documentedType(want)} in ${context}, got ${documentedType(got)}`, node);
  }

  /** Checks `node` and returns its type (typeOf's, computed bottom-up here rather than once per level). */
  check(node: Expr): ValueType {
    switch (node.type) {
      case 'AggregateExpr':
        if (node.expr) this.expectType(node.expr, 'vector', 'aggregation expression');
        if (node.param && ['topk', 'bottomk', 'quantile', 'limitk', 'limit_ratio'].includes(node.op)) {
          this.expectType(node.param, 'scalar', 'aggregation parameter');
        }
        if (node.param && node.op === 'count_values') this.expectType(node.param, 'string', 'aggregation parameter');
        break;
      case 'BinaryExpr':
        return this.checkBinary(node);
      case 'Call':
        this.checkCall(node);
        break;
      case 'ParenExpr':
        return this.check(node.expr);
      case 'UnaryExpr': {
        const t = this.check(node.expr);
        if (t !== 'scalar' && t !== 'vector') {
          this.report(
            `unary expression only allowed on expressions of type scalar or instant vector, got ${JSON.stringify(documentedType(t))}`,
            node,
          );
        }
        return t;
      }
      case 'SubqueryExpr': {
        const t = this.check(node.expr);
        if (t !== 'vector') this.report(`subquery is only allowed on instant vector, got ${t} instead`, node);
        break;
      }
      case 'MatrixSelector':
        this.check(node.selector);
        break;
      case 'VectorSelector':
        this.checkSelector(node);
        break;
      case 'NumberLiteral':
      case 'StringLiteral':
        break;
    }
    return typeOf(node);
  }

  /** Returns the binary expression's type. */
  private checkBinary(node: BinaryExpr): ValueType {
    const lt = this.check(node.lhs);
    const rt = this.check(node.rhs);
    const m = node.matching;
    const comparison = COMPARISON_OPS.has(node.op);
    const setOp = SET_OPS.has(node.op);
    if (node.returnBool && !comparison) this.report('bool modifier can only be used on comparison operators', node.opSpan);
    if (comparison && !node.returnBool && lt === 'scalar' && rt === 'scalar') {
      this.report('comparisons between scalars must use BOOL modifier', node.opSpan);
    }
    const card = setOp && m.card === 'one-to-one' ? 'many-to-many' : m.card;
    if (m.on) {
      for (const label of m.labels ?? []) {
        if (m.include.includes(label))
          this.report(`label ${JSON.stringify(label)} must not occur in ON and GROUP clause at once`, node.opSpan);
      }
    }
    if (lt !== 'scalar' && lt !== 'vector') this.report('binary expression must contain only scalar and instant vector types', node.lhs);
    if (rt !== 'scalar' && rt !== 'vector') this.report('binary expression must contain only scalar and instant vector types', node.rhs);
    const filled = m.fill.lhs !== undefined || m.fill.rhs !== undefined;
    if (lt !== 'vector' || rt !== 'vector') {
      if ((m.labels ?? []).length > 0) this.report('vector matching only allowed between instant vectors', node);
      if (filled) this.report('filling in missing series only allowed between instant vectors', node);
    } else if (setOp) {
      if (card === 'one-to-many' || card === 'many-to-one')
        this.report(`no grouping allowed for ${JSON.stringify(node.op)} operation`, node);
      if (card !== 'many-to-many') this.report('set operations must always be many-to-many', node);
      if (filled) this.report('filling in missing series not allowed for set operators', node);
    }
    if ((lt === 'scalar' || rt === 'scalar') && setOp) {
      this.report(`set operator ${JSON.stringify(node.op)} not allowed in binary scalar expression`, node);
    }
    return lt === 'scalar' && rt === 'scalar' ? 'scalar' : 'vector';
  }

  private checkCall(node: Call): void {
    const fn = node.func;
    if (!fn) return;
    const nargs = fn.args.length;
    const given = node.args.length;
    if (fn.variadic === 0) {
      if (nargs !== given) this.report(`expected ${nargs} argument(s) in call to ${JSON.stringify(fn.name)}, got ${given}`, node);
    } else {
      const required = nargs - 1;
      if (required > given) {
        this.report(`expected at least ${required} argument(s) in call to ${JSON.stringify(fn.name)}, got ${given}`, node);
      } else if (fn.variadic > 0 && required + fn.variadic < given) {
        this.report(`expected at most ${required + fn.variadic} argument(s) in call to ${JSON.stringify(fn.name)}, got ${given}`, node);
      }
    }
    const second = node.args[1];
    if (fn.name === 'info' && second) {
      const t = typeOf(second);
      if (t !== 'vector') this.report(`expected type instant vector in call to function "info", got ${documentedType(t)}`, node);
      if (second.type === 'VectorSelector' && second.name !== '') {
        this.report('expected label selectors only, got vector selector instead', second);
      } else if (second.type === 'VectorSelector') {
        (this.labelSelectorsOnly ??= new Set()).add(second);
      } else {
        this.report('expected label selectors only', second);
      }
    }
    for (const [index, arg] of node.args.entries()) {
      let i = index;
      if (i >= nargs) {
        if (fn.variadic === 0) break;
        i = nargs - 1;
      }
      const want = fn.args[i];
      const got = this.check(arg);
      if (want !== undefined && got !== want) {
        this.report(
          `expected type ${documentedType(want)} in call to function ${JSON.stringify(fn.name)}, got ${documentedType(got)}`,
          arg,
        );
      }
    }
  }

  private checkSelector(node: VectorSelector): void {
    if (node.name !== '') {
      for (const m of node.matchers) {
        if (m.name === '__name__') {
          this.report(`metric name must not be set twice: ${JSON.stringify(node.name)} or ${JSON.stringify(m.value)}`, node);
        }
      }
      return;
    }
    if (this.labelSelectorsOnly?.has(node)) return;
    if (node.matchers.every(matchesEmpty)) this.report('vector selector must contain at least one non-empty matcher', node);
  }
}

/** Type-check an AST, returning every finding in Prometheus' order. */
export function checkAst(ast: Expr): Finding[] {
  const checker = new Checker();
  checker.check(ast);
  return checker.findings;
}
