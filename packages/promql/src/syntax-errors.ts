/**
 * Turns the first lezer error node into a message in Prometheus' words ("unexpected <op:*>",
 * "unknown function with name \"foo\"", "unclosed left parenthesis", …).
 */
import type { Tree } from '@lezer/common';

export interface SyntaxError {
  message: string;
  from: number;
  to: number;
}

const OPERATOR_WORDS = new Set(['and', 'or', 'unless', 'atan2']);
const AGGREGATORS = new Set(['sum', 'avg', 'count', 'min', 'max', 'group', 'stddev', 'stdvar', 'topk', 'bottomk', 'count_values', 'quantile', 'limitk', 'limit_ratio']);
const KEYWORDS = new Set(['offset', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'start', 'end', 'step', 'smoothed', 'anchored']);
const OPERATORS = ['==', '!=', '>=', '<=', '=~', '!~', '+', '-', '*', '/', '%', '^', '>', '<', '=', '@'];

/** The token starting at `from`, described the way Prometheus' lexer items describe themselves. */
export function describeToken(expr: string, from: number): { text: string; description: string } {
  const rest = expr.slice(from);
  const word = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(rest)?.[0];
  if (word !== undefined) {
    const lower = word.toLowerCase();
    if (lower === 'inf' || lower === 'nan') return { text: word, description: `number ${JSON.stringify(word)}` };
    if (OPERATOR_WORDS.has(lower)) return { text: word, description: `<op:${word}>` };
    if (AGGREGATORS.has(lower)) return { text: word, description: `<aggr:${word}>` };
    if (KEYWORDS.has(lower)) return { text: word, description: `<${word}>` };
    return { text: word, description: `identifier ${JSON.stringify(word)}` };
  }
  const number = /^(\d+(ms|[smhdwy]))+(?![\w])/.exec(rest)?.[0] ?? undefined;
  if (number !== undefined) return { text: number, description: `duration ${JSON.stringify(number)}` };
  const num = /^(0[xX][0-9a-fA-F_]+|(\d[\d_]*\.?[\d_]*|\.\d[\d_]*)([eE][+-]?\d+)?)/.exec(rest)?.[0];
  if (num !== undefined) return { text: num, description: `number ${JSON.stringify(num)}` };
  const quote = rest[0];
  if (quote === '"' || quote === "'" || quote === '`') {
    const end = rest.indexOf(quote, 1);
    const text = end < 0 ? rest : rest.slice(0, end + 1);
    return { text, description: `string ${JSON.stringify(text.length > 10 ? text.slice(0, 10) : text)}${text.length > 10 ? '...' : ''}` };
  }
  const op = OPERATORS.find((o) => rest.startsWith(o));
  if (op !== undefined && op !== '=') return { text: op, description: `<op:${op}>` };
  const ch = String.fromCodePoint(rest.codePointAt(0) ?? 0);
  return { text: ch, description: JSON.stringify(ch) };
}

/** Bracket depth at the end of the text, outside strings and comments. */
function unclosed(expr: string): 'paren' | 'bracket' | 'brace' | undefined {
  const stack: string[] = [];
  for (let i = 0; i < expr.length; i++) {
    const ch = expr[i];
    if (ch === '"' || ch === "'" || ch === '`') {
      let j = i + 1;
      while (j < expr.length && expr[j] !== ch && !(ch !== '`' && expr[j] === '\n')) j += expr[j] === '\\' && ch !== '`' ? 2 : 1;
      i = j;
    } else if (ch === '#') {
      while (i < expr.length && expr[i] !== '\n') i++;
    } else if (ch === '(' || ch === '[' || ch === '{') {
      stack.push(ch);
    } else if (ch === ')' || ch === ']' || ch === '}') {
      stack.pop();
    }
  }
  const top = stack.at(-1);
  if (top === '(') return 'paren';
  if (top === '[') return 'bracket';
  if (top === '{') return 'brace';
  return undefined;
}

function previousNonSpace(expr: string, before: number): number {
  let i = before - 1;
  while (i >= 0 && /\s/.test(expr[i] ?? '')) i--;
  return i;
}

export function firstSyntaxError(expr: string, tree: Tree): SyntaxError | undefined {
  let at: number | undefined;
  tree.iterate({
    enter(node) {
      if (at !== undefined) return false;
      if (node.type.isError) at = node.from;
      return undefined;
    },
  });
  if (at === undefined) return undefined;
  const from = at;

  if (from >= expr.length || expr.slice(from).trim() === '') {
    const open = unclosed(expr);
    const message =
      open === 'paren' ? 'unclosed left parenthesis'
        : open === 'bracket' ? 'unclosed left bracket'
          : open === 'brace' ? 'unexpected end of input inside braces'
            : 'unexpected end of input';
    return { message, from: Math.min(from, expr.length), to: expr.length };
  }

  const prev = previousNonSpace(expr, from);
  if (expr[from] === '(') {
    const name = /[a-zA-Z_:][a-zA-Z0-9_:]*$/.exec(expr.slice(0, prev + 1))?.[0];
    const lower = name?.toLowerCase() ?? '';
    if (name !== undefined && !KEYWORDS.has(lower) && !AGGREGATORS.has(lower) && !OPERATOR_WORDS.has(lower)) {
      const start = prev + 1 - name.length;
      return { message: `unknown function with name ${JSON.stringify(name)}`, from: start, to: prev + 1 };
    }
  }
  if (expr[from] === ')' && expr[prev] === ',') {
    return { message: 'trailing commas not allowed in function call args', from: prev, to: prev + 1 };
  }
  const token = describeToken(expr, from);
  return { message: `unexpected ${token.description}`, from, to: from + token.text.length };
}
