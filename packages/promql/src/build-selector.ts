/** Vector selectors: the metric name, label matchers with unquoted values, regex checks. */
import type { SyntaxNode } from '@lezer/common';
import type { LabelMatcher, MatchOp, VectorSelector } from './ast.js';
import { childNodes, type BuildContext } from './build-context.js';
import { unquoteString } from './literals.js';
import { checkRe2 } from './re2-syntax.js';

/** The unquoted value of a StringLiteral node; reports a bad escape or a missing quote. */
export function stringValue(ctx: BuildContext, node: SyntaxNode): string {
  const parsed = unquoteString(ctx.text(node));
  if (!parsed.ok) {
    ctx.report(parsed.message, { from: node.from, to: ctx.expr.length });
    return '';
  }
  return parsed.value;
}

function buildMatcher(ctx: BuildContext, node: SyntaxNode): LabelMatcher | undefined {
  const span = { from: node.from, to: node.to };
  if (node.name === 'QuotedLabelName') {
    const literal = node.getChild('StringLiteral');
    if (!literal) return undefined;
    return { name: '__name__', op: '=', value: stringValue(ctx, literal), ...span };
  }
  const [nameNode, opNode, valueNode] = childNodes(node);
  if (!nameNode || !opNode || !valueNode) return undefined;
  let name = ctx.text(nameNode);
  if (nameNode.name === 'QuotedLabelName') {
    const literal = nameNode.getChild('StringLiteral');
    name = literal ? stringValue(ctx, literal) : '';
  }
  const op = ctx.text(opNode) as MatchOp;
  const value = stringValue(ctx, valueNode);
  if (op === '=~' || op === '!~') {
    const checked = checkRe2(value);
    if (!checked.ok) ctx.report(checked.message, span);
  }
  return { name, op, value, ...span };
}

export function buildVectorSelector(ctx: BuildContext, node: SyntaxNode): VectorSelector {
  const id = node.getChild('Identifier');
  const matchersNode = node.getChild('LabelMatchers');
  const matchers = matchersNode
    ? childNodes(matchersNode)
        .map((m) => buildMatcher(ctx, m))
        .filter((m): m is LabelMatcher => m !== undefined)
    : [];
  const name = id ? ctx.text(id) : '';
  // `atan2` is an operator keyword in Prometheus and, unlike the aggregation names, not a metric name.
  if (id && name.toLowerCase() === 'atan2') ctx.report(`unexpected <op:${name}>`, id);
  return { type: 'VectorSelector', name, matchers, from: node.from, to: node.to };
}

/** Whether a matcher accepts the empty label value (Prometheus' `Matcher.Matches("")`). */
export function matchesEmpty(m: LabelMatcher): boolean {
  switch (m.op) {
    case '=':
      return m.value === '';
    case '!=':
      return m.value !== '';
    case '=~': {
      const r = checkRe2(m.value);
      return r.ok && r.matchesEmpty;
    }
    case '!~': {
      const r = checkRe2(m.value);
      return r.ok && !r.matchesEmpty;
    }
  }
}
