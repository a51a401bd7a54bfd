import type { Diagnostic } from '../types.js';

export interface StylishOptions {
  /** File texts by path, to print the offending line with a caret under the column. */
  sources?: Map<string, string>;
}

/** Human output: grouped by file (or site entity), the source line with a caret, a summary at the end. */
export function stylish(diagnostics: Diagnostic[], options: StylishOptions = {}): string {
  if (diagnostics.length === 0) return 'no problems\n';
  const groups = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const key = d.location.file ?? `${d.entity.kind} ${d.entity.name}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const lines: string[] = [];
  for (const [key, list] of groups) {
    lines.push(key);
    const source = options.sources?.get(key)?.split('\n');
    for (const d of list) {
      const at = d.location.line !== undefined ? `${d.location.line}:${d.location.column ?? 1}` : (d.location.modelPath ?? '');
      lines.push(`  ${at}  ${d.severity}  ${d.message}  ${d.ruleId}`);
      const text = d.location.line !== undefined ? source?.[d.location.line - 1] : undefined;
      if (text !== undefined) {
        lines.push(`      ${text}`);
        lines.push(`      ${' '.repeat(Math.max(0, (d.location.column ?? 1) - 1))}^`);
      }
      if (d.fix) lines.push(`      fix: ${d.fix}`);
    }
    lines.push('');
  }
  const count = (s: string) => diagnostics.filter((d) => d.severity === s).length;
  lines.push(
    `${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'} (${count('error')} errors, ${count('warning')} warnings, ${count('info')} info)`,
  );
  return lines.join('\n') + '\n';
}
