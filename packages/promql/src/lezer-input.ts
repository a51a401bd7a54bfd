/**
 * Number spellings Prometheus' lexer accepts but the lezer grammar does not: `1.` (a trailing dot)
 * and `0X1F` (upper-case hex prefix). They are rewritten to same-length spellings before lezer
 * parses, so every offset in the tree still matches the original text (which is what the AST reads).
 */
const IDENTIFIER_CHAR = /[A-Za-z0-9_:]/;

export function lezerInput(expr: string): string {
  // Most expressions have neither (`0.05` and `"5.."` do not count): skip the scan.
  if (!/0X|\d\.(?![\d.])/.test(expr)) return expr;
  const out = expr.split('');
  for (let i = 0; i < expr.length; i++) {
    const ch = expr[i] ?? '';
    if (ch === '"' || ch === "'" || ch === '`') {
      let j = i + 1;
      while (j < expr.length && expr[j] !== ch && !(ch !== '`' && expr[j] === '\n')) j += expr[j] === '\\' && ch !== '`' ? 2 : 1;
      i = j;
      continue;
    }
    if (ch === '#') {
      while (i < expr.length && expr[i] !== '\n') i++;
      continue;
    }
    if (IDENTIFIER_CHAR.test(ch) && !/\d/.test(ch)) {
      while (i + 1 < expr.length && IDENTIFIER_CHAR.test(expr[i + 1] ?? '')) i++;
      continue;
    }
    if (!/\d/.test(ch) || (i > 0 && /[.\d]/.test(expr[i - 1] ?? ''))) continue;
    const number = /^(0X[0-9a-fA-F]+|\d+\.(?![\d.])(?![eE_A-Za-z]))/.exec(expr.slice(i))?.[0];
    if (number?.startsWith('0X')) out[i + 1] = 'x';
    else if (number?.endsWith('.')) out[i + number.length - 1] = ' ';
    if (number) i += number.length - 1;
  }
  return out.join('');
}
