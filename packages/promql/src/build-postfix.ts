/**
 * Postfix parts of an expression: `[range]`, `[range:step]`, `offset`, `@`, `anchored`, `smoothed`.
 * In Prometheus these bind tighter than every operator (`a + b offset 5m` is `a + (b offset 5m)`);
 * the lezer grammar gives them the lowest precedence, so they are pushed down onto the rightmost
 * operand here. Misplaced modifiers are reported with Prometheus' messages.
 */
import type { AtModifier, DurationNode, Expr, MatrixSelector, Span, SubqueryExpr, VectorSelector } from './ast.js';
import type { BuildContext } from './build-context.js';
import { checkPositiveDuration, requireDurationExpressions } from './build-duration.js';

export function pushDown(inner: Expr, apply: (target: Expr) => Expr): Expr {
  if (inner.type === 'BinaryExpr') {
    const rhs = pushDown(inner.rhs, apply);
    return { ...inner, rhs, to: rhs.to };
  }
  if (inner.type === 'UnaryExpr') {
    const expr = pushDown(inner.expr, apply);
    return { ...inner, expr, to: expr.to };
  }
  return apply(inner);
}

/** The node that carries offset/@ for a target, as in Prometheus' addOffset/getAtModifierVars. */
function modifierHolder(target: Expr): VectorSelector | SubqueryExpr | undefined {
  if (target.type === 'VectorSelector' || target.type === 'SubqueryExpr') return target;
  if (target.type === 'MatrixSelector') return target.selector;
  return undefined;
}

function extend<T extends Expr>(target: T, to: number): T {
  if (target.type === 'MatrixSelector') return { ...target, to, selector: { ...target.selector } };
  return { ...target, to };
}

export function applyRange(ctx: BuildContext, inner: Expr, range: DurationNode, brackets: Span): Expr {
  return pushDown(inner, (target) => {
    let message: string | undefined;
    if (target.type !== 'VectorSelector') message = 'ranges only allowed for vector selectors';
    // As generated_parser.y: a non-zero offset, any offset expression, any @ (a timestamp, start() or end()).
    else if (target.offset && (target.offset.kind !== 'literal' || target.offset.seconds !== 0))
      message = 'no offset modifiers allowed before range';
    else if (target.at) message = 'no @ modifiers allowed before range';
    if (message) ctx.report(message, brackets);
    checkPositiveDuration(ctx, range);
    if (target.type !== 'VectorSelector') return target;
    const matrix: MatrixSelector = { type: 'MatrixSelector', selector: target, range, from: target.from, to: brackets.to };
    return matrix;
  });
}

export function applySubquery(ctx: BuildContext, inner: Expr, range: DurationNode, step: DurationNode | undefined, to: number): Expr {
  return pushDown(inner, (target) => {
    checkPositiveDuration(ctx, range);
    if (step) checkPositiveDuration(ctx, step);
    const subquery: SubqueryExpr = { type: 'SubqueryExpr', expr: target, range, from: target.from, to };
    if (step) subquery.step = step;
    return subquery;
  });
}

const PRECEDED_BY = 'must be preceded by an instant vector selector or range vector selector or a subquery';

export function applyOffset(ctx: BuildContext, inner: Expr, offset: DurationNode, to: number): Expr {
  requireDurationExpressions(ctx, offset);
  return pushDown(inner, (target) => {
    const result = extend(target, to);
    const holder = modifierHolder(result);
    if (!holder) {
      ctx.report(`offset modifier ${PRECEDED_BY}`, target);
      return target;
    }
    const existing = holder.offset;
    if (existing && !(existing.kind === 'literal' && existing.seconds === 0)) {
      ctx.report('offset may not be set multiple times', result);
    } else {
      holder.offset = offset;
    }
    return result;
  });
}

/** Go's `%f` for the "timestamp out of bounds" message. */
function goFixed(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  // toFixed switches to exponent notation from 1e21; Go prints every digit.
  if (Math.abs(value) >= 1e21) return `${BigInt(value).toString()}.000000`;
  return value.toFixed(6);
}

export function applyAt(ctx: BuildContext, inner: Expr, at: AtModifier, to: number): Expr {
  return pushDown(inner, (target) => {
    if (at.kind === 'timestamp') {
      const s = at.seconds;
      if (!Number.isFinite(s) || s >= 2 ** 63 || s <= -(2 ** 63)) {
        ctx.report(`timestamp out of bounds for @ modifier: ${goFixed(s)}`, target);
      }
    }
    const result = extend(target, to);
    const holder = modifierHolder(result);
    if (!holder) {
      ctx.report(`@ modifier ${PRECEDED_BY}`, target);
      return target;
    }
    if (holder.at) {
      ctx.report('@ <timestamp> may not be set multiple times', result);
      return result;
    }
    holder.at = at;
    return result;
  });
}

export function applyRangeModifier(ctx: BuildContext, inner: Expr, modifier: 'anchored' | 'smoothed', to: number): Expr {
  return pushDown(inner, (target) => {
    if (!ctx.features.extendedRangeSelectors) {
      ctx.report(`${modifier} modifier is experimental and not enabled`, target);
      return target;
    }
    const result = extend(target, to);
    if (result.type === 'SubqueryExpr') {
      ctx.report(`${modifier} modifier is not supported for subqueries`, target);
      return target;
    }
    const holder = modifierHolder(result);
    if (!holder) {
      ctx.report(`${modifier} modifier not implemented`, target);
      return target;
    }
    holder[modifier] = true;
    if (holder.anchored && holder.smoothed) ctx.report('anchored and smoothed modifiers cannot be used together', result);
    return result;
  });
}
