/** Where each character of a PromQL expression sits: code, string or comment, and bracket depth. */
export interface CharContext {
  kind: 'code' | 'string' | 'comment';
  /** Number of `[` open around this character (range selectors, subqueries). */
  brackets: number;
}

export function scanPromql(expr: string): CharContext[] {
  const out: CharContext[] = [];
  let quote: string | undefined;
  let comment = false;
  let brackets = 0;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i]!;
    if (comment) {
      out.push({ kind: 'comment', brackets });
      if (c === '\n') comment = false;
    } else if (quote !== undefined) {
      out.push({ kind: 'string', brackets });
      if (c === '\\' && quote !== '`' && i + 1 < expr.length) {
        out.push({ kind: 'string', brackets });
        i++;
      } else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
      out.push({ kind: 'string', brackets });
    } else if (c === '#') {
      comment = true;
      out.push({ kind: 'comment', brackets });
    } else {
      if (c === ']') brackets = Math.max(0, brackets - 1);
      out.push({ kind: 'code', brackets });
      if (c === '[') brackets++;
    }
  }
  return out;
}
