/**
 * Durations in ranges, subquery steps and offsets. A plain literal (`5m`, `300`, `-1h`) is always
 * allowed; anything else is an experimental duration expression.
 */
import type { SyntaxNode } from '@lezer/common';
import type { DurationNode, DurationOp, Span } from './ast.js';
import { childNodes, type BuildContext } from './build-context.js';
import { isDurationText, parseDuration, parseNumber, type Parsed } from './literals.js';

const MAX_DURATION_SECONDS = 2 ** 63 / 1e9;

/** Literals by text: rule files repeat the same few (`5m`, `0`, `1h`), and parseDuration works in BigInt. */
const literals = new Map<string, Readonly<Parsed<number>>>();

function parsedLiteral(body: string): Readonly<Parsed<number>> {
  let parsed = literals.get(body);
  if (parsed === undefined) {
    parsed = Object.freeze(isDurationText(body) ? parseDuration(body) : parseNumber(body));
    if (literals.size >= 10_000) literals.clear();
    literals.set(body, parsed);
  }
  return parsed;
}

/** Seconds of a number or duration literal such as `5m`, `1.5` or `-1h`. */
export function literalSeconds(ctx: BuildContext, text: string, span: { from: number; to: number }): number {
  const first = text[0];
  const sign = first === '-' ? -1 : 1;
  const body = first === '-' || first === '+' ? text.slice(1) : text;
  const parsed = parsedLiteral(body);
  if (!parsed.ok) {
    // Prometheus lexes the sign as a separate token, so the error starts at the digits.
    ctx.report(parsed.message, { from: span.from + text.length - body.length, to: span.to });
    return 0;
  }
  return sign * parsed.value;
}

/** A duration written as a number or duration literal (`5m`, `300`). */
export function literalDuration(ctx: BuildContext, text: string, span: Span): DurationNode {
  let seconds = literalSeconds(ctx, text, span);
  // Seconds beyond Go's time.Duration (`foo[9.5e10]`, `offset 9.5e10`): Prometheus then reads 0.
  if (Math.abs(seconds) > MAX_DURATION_SECONDS) {
    ctx.report('duration out of range', span);
    seconds = 0;
  }
  return { kind: 'literal', text, seconds, ...span };
}

/** A sign before a duration literal (`offset -5m`): one literal spanning both. */
export function signedDuration(ctx: BuildContext, op: '+' | '-', operand: DurationNode, span: Span): DurationNode {
  if (operand.kind !== 'literal') throw new Error('signedDuration of a duration expression');
  const seconds = op === '-' ? -operand.seconds : operand.seconds;
  if (seconds > MAX_DURATION_SECONDS || seconds < -MAX_DURATION_SECONDS) ctx.report('duration out of range', span);
  return { kind: 'literal', text: op + operand.text, seconds, ...span };
}

export function buildDuration(ctx: BuildContext, node: SyntaxNode): DurationNode {
  const span = { from: node.from, to: node.to };
  const kids = childNodes(node);
  const [first, second, third] = kids;
  switch (node.name) {
    case 'NumberDurationLiteralInDurationContext':
    case 'NumberDurationLiteral':
      return literalDuration(ctx, ctx.text(node), span);
    case 'DurationExpr':
    case 'OffsetDurationExpr':
      break;
    default:
      throw new Error(`unexpected duration node ${node.name}`);
  }
  if (!first) throw new Error('empty duration expression');
  if (first.name === 'UnaryOp' && second) {
    const operand = buildDuration(ctx, second);
    const op = ctx.text(first) === '-' ? '-' : '+';
    if (operand.kind === 'literal') return signedDuration(ctx, op, operand, span);
    return { kind: 'unary', op, operand, ...span };
  }
  if (first.name === 'DurationStep' || first.name === 'DurationRange') {
    return { kind: 'call', name: first.name === 'DurationStep' ? 'step' : 'range', ...span };
  }
  if (first.name === 'DurationMinOf' || first.name === 'DurationMaxOf') {
    if (!second || !third) throw new Error('min_of/max_of without two arguments');
    const name = first.name === 'DurationMinOf' ? 'min_of' : 'max_of';
    return { kind: 'minmax', name, args: [buildDuration(ctx, second), buildDuration(ctx, third)], ...span };
  }
  if (kids.length === 3 && second && third) {
    const op = ctx.text(second) as DurationOp;
    const lhs = buildDuration(ctx, first);
    const rhs = buildDuration(ctx, third);
    if ((op === '/' || op === '%') && rhs.kind === 'literal' && rhs.seconds === 0)
      ctx.report('division by zero', { from: second.from, to: second.to });
    return { kind: 'binary', op, lhs, rhs, ...span };
  }
  if (kids.length === 1 && first.name === 'DurationExpr') {
    return { kind: 'paren', inner: buildDuration(ctx, first), ...span };
  }
  if (kids.length === 1) return buildDuration(ctx, first);
  throw new Error(`unexpected duration expression shape: ${ctx.text(node)}`);
}

/**
 * Checks a range or subquery step: a literal must be positive, anything else needs the duration
 * expression feature.
 */
export function checkPositiveDuration(ctx: BuildContext, d: DurationNode): void {
  if (d.kind === 'literal') {
    if (d.seconds <= 0) ctx.report('duration must be greater than 0', d);
    return;
  }
  requireDurationExpressions(ctx, d);
}

export function requireDurationExpressions(ctx: BuildContext, d: DurationNode): void {
  if (d.kind !== 'literal' && !ctx.features.durationExpressions) ctx.report('experimental duration expression is not enabled', d);
}
