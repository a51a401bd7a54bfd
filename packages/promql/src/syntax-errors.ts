/**
 * Turns the first lezer error node into a message in Prometheus' words ("unexpected <op:*>",
 * "unknown function with name \"foo\"", "unclosed left parenthesis", …).
 */
import type { Tree } from '@lezer/common';
import { EXPERIMENTAL_AGGREGATORS, STABLE_AGGREGATORS } from './build-ast.js';
import { unquoteString } from './literals.js';

export interface SyntaxProblem {
  message: string;
  from: number;
  to: number;
}

const OPERATOR_WORDS = new Set(['and', 'or', 'unless', 'atan2']);
const AGGREGATORS: ReadonlySet<string> = new Set([...STABLE_AGGREGATORS, ...EXPERIMENTAL_AGGREGATORS]);
const KEYWORDS = new Set([
  'offset',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'start',
  'end',
  'step',
  'smoothed',
  'anchored',
]);
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
  const duration = /^(\d+(ms|[smhdwy]))+(?![\w])/.exec(rest)?.[0];
  if (duration !== undefined) return { text: duration, description: `duration ${JSON.stringify(duration)}` };
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

interface Depths {
  paren: number;
  bracket: number;
  brace: number;
}

/** Bracket depths just before `end`, outside strings and comments. */
function depthsAt(expr: string, end: number): Depths {
  const d: Depths = { paren: 0, bracket: 0, brace: 0 };
  for (let i = 0; i < end && i < expr.length; i++) {
    const ch = expr[i];
    if (ch === '"' || ch === "'" || ch === '`') {
      let j = i + 1;
      while (j < expr.length && expr[j] !== ch && !(ch !== '`' && expr[j] === '\n')) j += expr[j] === '\\' && ch !== '`' ? 2 : 1;
      i = j;
    } else if (ch === '#') {
      while (i < expr.length && expr[i] !== '\n') i++;
    } else if (ch === '(') d.paren++;
    else if (ch === ')') d.paren--;
    else if (ch === '[') d.bracket++;
    else if (ch === ']') d.bracket--;
    else if (ch === '{') d.brace++;
    else if (ch === '}') d.brace--;
  }
  return d;
}

/** Go's %q of a rune: 'x'. */
const goRune = (ch: string): string => `'${ch}'`;

const TOKEN_CHARS = /[A-Za-z0-9_:\s(){}[\],"'`+\-*/%^=!<>@#]/;

/**
 * What Prometheus' lexer says about the character at `from`, when it is the lexer that fails, and
 * where it says it (after a stray `)`, at the start of a malformed number).
 */
function lexerError(expr: string, from: number): { message: string; at: number } | undefined {
  const ch = String.fromCodePoint(expr.codePointAt(from) ?? 0);
  const next = expr[from + 1];
  const depths = depthsAt(expr, from);
  const here = (message: string) => ({ message, at: from });
  if (ch === ')' && depths.paren <= 0) return { message: "unexpected right parenthesis ')'", at: from + 1 };
  if (ch === ']' && depths.bracket <= 0) return here("unexpected right bracket ']'");
  if (ch === '}' && depths.brace <= 0) return here("unexpected character: '}'");
  if (depths.brace <= 0 && ch === '=' && next === '~') return here("unexpected character after '=': '~'");
  if (depths.brace <= 0 && ch === '!' && next !== undefined && next !== '=') return here(`unexpected character after '!': ${goRune(next)}`);
  if (/[A-Za-z_]/.test(ch)) {
    const number = /(?:^|[^A-Za-z0-9_:.])((?:0[xX][0-9a-fA-F]*|[0-9]+)(?:\.[0-9]*)?)$/.exec(expr.slice(0, from))?.[1];
    if (number !== undefined) {
      const message = depths.bracket > 0 ? 'bad duration syntax' : 'bad number or duration syntax';
      return { message: `${message}: ${JSON.stringify(number)}`, at: from - number.length };
    }
  }
  if ((ch === '.' && !/[0-9]/.test(next ?? '')) || !TOKEN_CHARS.test(ch)) return here(`unexpected character: ${goRune(ch)}`);
  return undefined;
}

function previousNonSpace(expr: string, before: number): number {
  let i = before - 1;
  while (i >= 0 && /\s/.test(expr[i] ?? '')) i--;
  return i;
}

/** A string literal the lexer would reject (bad escape, missing closing quote). */
function badString(expr: string, from: number, to: number): SyntaxProblem | undefined {
  const parsed = unquoteString(expr.slice(from, to));
  return parsed.ok ? undefined : { message: parsed.message, from, to: expr.length };
}

/**
 * The error Prometheus would report first: a lexer error in a string literal before the first
 * lezer error node, else that error node described in Prometheus' words.
 */
export function firstSyntaxError(expr: string, tree: Tree): SyntaxProblem | undefined {
  let at: number | undefined;
  let stringError: SyntaxProblem | undefined;
  tree.iterate({
    enter(node) {
      if (at !== undefined) return false;
      if (node.type.isError) {
        at = node.from;
        return false;
      }
      if (node.name === 'StringLiteral' && !stringError) stringError = badString(expr, node.from, node.to);
      return undefined;
    },
  });
  if (stringError && (at === undefined || stringError.from <= at)) return stringError;
  if (at === undefined) return undefined;
  const from = at;

  if (from >= expr.length || expr.slice(from).trim() === '') {
    const open = depthsAt(expr, expr.length);
    const message =
      open.brace > 0
        ? 'unexpected end of input inside braces'
        : open.bracket > 0
          ? 'unclosed left bracket'
          : open.paren > 0
            ? 'unclosed left parenthesis'
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
  const lexer = lexerError(expr, from);
  if (lexer) return { message: lexer.message, from: Math.min(lexer.at, expr.length), to: expr.length };
  const token = describeToken(expr, from);
  return { message: `unexpected ${token.description}`, from, to: from + token.text.length };
}
