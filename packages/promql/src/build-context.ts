/** State shared by the steps that turn a lezer tree into a checked AST. */
import type { SyntaxNode } from '@lezer/common';
import type { Span } from './ast.js';
import type { PromqlFeatures } from './features.js';

export interface Finding extends Span {
  message: string;
}

export class BuildContext {
  readonly findings: Finding[] = [];

  constructor(
    readonly expr: string,
    readonly features: PromqlFeatures,
  ) {}

  report(message: string, span: Span): void {
    this.findings.push({ message, from: span.from, to: span.to });
  }

  text(node: Span): string {
    return this.expr.slice(node.from, node.to);
  }
}

export function childNodes(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.name !== 'LineComment') out.push(child);
  }
  return out;
}

/** The children that are expressions (lezer's `Expr` group). */
export function exprChildren(node: SyntaxNode): SyntaxNode[] {
  return childNodes(node).filter((c) => c.type.is('Expr'));
}
