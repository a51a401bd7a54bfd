/**
 * Grafana template variables → placeholders PromQL can parse, keeping every character's offset:
 * each variable is replaced by text of exactly its own length, so positions found in the result are
 * positions in the query as written.
 *
 * - Interval-like built-ins (`$__interval`, `$__rate_interval`, `$__range`, `$__auto`) and any
 *   variable inside `[…]` or after `offset` become a duration (`5m`, `1m`) padded with spaces.
 * - Inside a string (label matcher values, regexes) a variable becomes its name padded with `_`:
 *   letters, digits and `_` only, so it is a valid, literal regex too.
 * - Elsewhere (`$__range_s`, `topk($k, …)`) it becomes the number `1` padded with spaces.
 */
import { scanPromql } from './scan.js';

/** Grafana's own pattern: `$var`, `[[var]]`, `[[var:fmt]]`, `${var}`, `${var.field}`, `${var:fmt}`. */
const VARIABLE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^}]+))?(?::([^}]+))?\}/g;

const DURATION_BUILTINS = new Set(['__interval', '__rate_interval', '__range', '__auto']);

function pad(text: string, length: number, fill: string): string {
  return (text + fill.repeat(length)).slice(0, length);
}

export function substituteGrafanaVariables(expr: string): string {
  const context = scanPromql(expr);
  return expr.replace(VARIABLE, (match, a?: string, b?: string, _bf?: string, c?: string, ...rest: unknown[]) => {
    const offset = rest[2] as number;
    const name = a ?? b ?? c ?? 'var';
    const at = context[offset];
    if (at?.kind === 'string' || at?.kind === 'comment') return pad(name.replace(/\W/g, '_'), match.length, '_');
    const afterOffset = /(^|[^\w])offset\s*$/i.test(expr.slice(0, offset));
    if (DURATION_BUILTINS.has(name)) return pad('5m', match.length, ' ');
    if ((at?.brackets ?? 0) > 0 || afterOffset) return pad('1m', match.length, ' ');
    return pad('1', match.length, ' ');
  });
}
