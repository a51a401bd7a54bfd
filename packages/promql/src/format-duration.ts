/** Spelling of durations and @ modifiers: literals exactly as written, expressions normalized. */
import type { AtModifier, DurationNode } from './ast.js';
import { formatNumber, isDurationText } from './literals.js';

export function formatDuration(d: DurationNode): string {
  switch (d.kind) {
    case 'literal':
      return d.text.replace(/^\+/, '');
    case 'call':
      return `${d.name}()`;
    case 'minmax':
      return `${d.name}(${formatDuration(d.args[0])}, ${formatDuration(d.args[1])})`;
    case 'unary':
      return `${d.op === '-' ? '-' : ''}${formatDuration(d.operand)}`;
    case 'binary':
      return `${formatDuration(d.lhs)} ${d.op} ${formatDuration(d.rhs)}`;
    case 'paren':
      return `(${formatDuration(d.inner)})`;
  }
}

export function formatAt(at: AtModifier): string {
  if (at.kind !== 'timestamp') return `@ ${at.kind}()`;
  return `@ ${isDurationText(at.text) ? at.text.replace(/^\+/, '') : formatNumber(at.seconds)}`;
}
