/**
 * Number spellings Prometheus' lexer accepts but the lezer grammar does not: `1.` (a trailing dot)
 * and `0X1F` (upper-case hex prefix). They are rewritten to same-length spellings before lezer
 * parses, so every offset in the tree still matches the original text (which is what the AST reads).
 */
const IDENTIFIER_CHAR = /[A-Za-z0-9_:]/;

/**
 * `offset` names a metric where an operand may start (`offset{job="x"}`, `rate(offset[5m])`, `a + offset`):
 * Prometheus' grammar accepts the keyword as a metric identifier, lezer's does not. Such an `offset`
 * is rewritten to the same-length identifier `offse_`; the AST reads the name from the original text.
 */
function offsetAsMetricName(expr: string): string {
  const out = expr.split('');
  let last = ''; // the previous token: '' at the start, a word, or a punctuation character
  let braces = 0;
  const parens: string[] = []; // the token before each open parenthesis
  for (let i = 0; i < expr.length; i++) {
    const ch = expr[i]!;
    if (ch === '"' || ch === "'" || ch === '`') {
      let j = i + 1;
      while (j < expr.length && expr[j] !== ch && !(ch !== '`' && expr[j] === '\n')) j += expr[j] === '\\' && ch !== '`' ? 2 : 1;
      i = j;
      last = 'string';
      continue;
    }
    if (ch === '#') {
      while (i < expr.length && expr[i] !== '\n') i++;
      continue;
    }
    if (/\s/.test(ch)) continue;
    if (/[A-Za-z_:]/.test(ch)) {
      let j = i;
      while (j + 1 < expr.length && IDENTIFIER_CHAR.test(expr[j + 1]!)) j++;
      const word = expr.slice(i, j + 1);
      const operandStart =
        last === '' ||
        /^[(,+\-*/%^=<>!]$/.test(last) ||
        /^(and|or|unless|bool|atan2|group_left\)|group_right\)|on\)|ignoring\))$/i.test(last);
      if (word === 'offset' && braces === 0 && operandStart) out[j] = '_';
      last = word;
      i = j;
      continue;
    }
    if (ch === '{') braces++;
    if (ch === '}') braces = Math.max(0, braces - 1);
    if (ch === '(') parens.push(last);
    if (ch === ')') {
      const opener = parens.pop() ?? '';
      last = /^(on|ignoring|group_left|group_right)$/i.test(opener) ? `${opener})` : ')';
      continue;
    }
    last = ch;
  }
  return out.join('');
}

/**
 * Label names with colons in grouping and matching lists (`sum by (a:b)`), which Prometheus 3.x
 * accepts and lezer's LabelName token does not: the colon becomes `_` (the AST reads the original).
 */
function groupingColons(expr: string): string {
  return expr.replace(
    /\b(by|without|on|ignoring|group_left|group_right)(\s*\()([^()"'`]*)\)/gi,
    (m, kw: string, open: string, list: string) => `${kw}${open}${list.replace(/:/g, '_')})`,
  );
}

export function lezerInput(expr: string): string {
  if (expr.includes('offset')) expr = offsetAsMetricName(expr);
  if (expr.includes(':') && /\b(by|without|on|ignoring|group_left|group_right)\s*\([^()]*:/i.test(expr)) expr = groupingColons(expr);
  // Most expressions have neither (`0.05` and `"5.."` do not count): skip the scan.
  if (!/0X|0x_|\d\.(?![\d.])/.test(expr)) return expr;
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
    const number = /^(0[xX]_[0-9a-fA-F_]+|0X[0-9a-fA-F]+|\d+\.(?=[eE][+-]?\d)|\d+\.(?![\d.])(?![eE_A-Za-z]))/.exec(expr.slice(i))?.[0];
    if (/^0[xX]_/.test(number ?? '')) {
      // `0x_1f`: Go allows an underscore right after the prefix; `0x01f` has the same length.
      out[i + 1] = 'x';
      out[i + 2] = '0';
    } else if (number?.startsWith('0X')) out[i + 1] = 'x';
    // `5.e3`: a mantissa with a trailing dot and an exponent; `50e3` has the same length (the AST reads the original).
    else if (number?.endsWith('.') && /[eE]/.test(expr[i + number.length] ?? '')) out[i + number.length - 1] = '0';
    else if (number?.endsWith('.')) out[i + number.length - 1] = ' ';
    if (number) i += number.length - 1;
  }
  return out.join('');
}
