/**
 * A recursive-descent parser from the expression text straight to the AST of ast.ts, for the
 * expressions that parse cleanly. It builds exactly what buildAst builds from the lezer tree (same
 * nodes, spans and values, including lezer's quirks: postfix modifiers bind loosest and are pushed
 * down onto the rightmost operand, `-5` is one literal). Anything it is not sure of — a syntax
 * error, an experimental feature, a keyword used as a name, a rare number spelling, anything
 * buildAst would report — makes it decline (undefined), and the lezer path decides.
 */
import type {
  AggregateExpr,
  AggregateOp,
  AtModifier,
  BinaryExpr,
  BinaryOp,
  Call,
  DurationNode,
  Expr,
  LabelMatcher,
  MatchOp,
  Span,
} from './ast.js';
import { EXPERIMENTAL_AGGREGATORS, PARAM_AGGREGATORS, STABLE_AGGREGATORS, numberLiteralOf } from './build-ast.js';
import { BuildContext } from './build-context.js';
import { literalDuration, signedDuration } from './build-duration.js';
import { applyAt, applyOffset, applyRange, applySubquery } from './build-postfix.js';
import { DEFAULT_FEATURES } from './features.js';
import { FUNCTIONS } from './functions.js';
import { unquoteString } from './literals.js';
import { checkRe2 } from './re2-syntax.js';

/** Thrown when the parser declines and caught once in fastParse: one instance, so declining costs no stack capture. */
const DECLINE = new Error('fastParse declined');

function decline(): never {
  throw DECLINE;
}

const AGGREGATORS: ReadonlySet<string> = STABLE_AGGREGATORS;

/** Words lezer tokenizes as keywords somewhere (and `offset`, which lezer-input rewrites): never read as names here. */
const RESERVED: ReadonlySet<string> = new Set([
  ...FUNCTIONS.keys(),
  ...AGGREGATORS,
  ...EXPERIMENTAL_AGGREGATORS,
  'start_timestamp',
  'inf',
  'nan',
  'bool',
  'ignoring',
  'on',
  'group_left',
  'group_right',
  'offset',
  'atan2',
  'by',
  'without',
  'and',
  'or',
  'unless',
  'start',
  'end',
  'smoothed',
  'anchored',
  'fill',
  'fill_left',
  'fill_right',
  'step',
  'range',
  'min_of',
  'max_of',
]);

const PRECEDENCE: Readonly<Record<BinaryOp, number>> = {
  or: 1,
  and: 2,
  unless: 2,
  '==': 3,
  '!=': 3,
  '>': 3,
  '<': 3,
  '>=': 3,
  '<=': 3,
  '+': 4,
  '-': 4,
  '*': 5,
  '/': 5,
  '%': 5,
  atan2: 5,
  '^': 6,
};
const POW = 6;

const TAB = 9;
const NEWLINE = 10;
const RETURN = 13;
const SPACE = 32;
const HASH = 35;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;
const BACKQUOTE = 96;
const OPEN_PAREN = 40;
const PLUS = 43;
const MINUS = 45;
const DOT = 46;
const COLON = 58;
const OPEN_BRACE = 123;
/** `c | LOWER_CASE` is the lower-case letter of an ASCII letter. */
const LOWER_CASE = 0x20;
const code = (ch: string): number => ch.charCodeAt(0);
const [LETTER_B, LETTER_I, LETTER_O, LETTER_W] = ['b', 'i', 'o', 'w'].map(code);

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isWordStart = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58;
const isLabelChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || isDigit(c);

// Scanning is done by sticky regexes (`test` and `lastIndex`, no match arrays): they run as native
// code from the first call, where a character loop would run interpreted in a short `kiln lint`.
const WORD = /[A-Za-z_:][A-Za-z0-9_:]*/y;
const LABEL = /[A-Za-z_][A-Za-z0-9_]*/y;
const SPACE_RUN = /[ \t\n\r]+/y;
const DOUBLE_QUOTED = /"(?:[^"\\\n]|\\[^])*"/y;
const SINGLE_QUOTED = /'(?:[^'\\\n]|\\[^])*'/y;
const BACKQUOTED = /`[^`]*`/y;

/** A duration (`1h30m`) or a plain decimal number (`5`, `0.5`, `.5`, `1e3`); other spellings decline. */
const NUMBER = /(?:\d+(?:ms|[smhdwy]))+|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?/y;

interface Token extends Span {
  text: string;
}

/** A word; keywords are matched on `lower`, as lezer's keyword tokenizers do. */
interface Word extends Token {
  lower: string;
}

class FastParser {
  private pos = 0;
  readonly ctx: BuildContext;

  constructor(private readonly src: string) {
    this.ctx = new BuildContext(src, DEFAULT_FEATURES);
  }

  parse(): Expr {
    this.skip();
    if (this.pos >= this.src.length) decline();
    const expr = this.binary(0);
    this.skip();
    if (this.pos < this.src.length) decline();
    return expr;
  }

  private code(at = this.pos): number {
    return this.src.charCodeAt(at);
  }

  /** Skips whitespace, and comments unless inside braces or brackets (`comments` false). */
  private skip(comments = true): void {
    const src = this.src;
    for (;;) {
      const c = src.charCodeAt(this.pos);
      if (c === SPACE || c === NEWLINE || c === TAB || c === RETURN) {
        SPACE_RUN.lastIndex = this.pos;
        SPACE_RUN.test(src);
        this.pos = SPACE_RUN.lastIndex;
      } else if (c === HASH && comments) {
        const end = src.indexOf('\n', this.pos);
        this.pos = end < 0 ? src.length : end;
      } else if (c === HASH) decline();
      else return;
    }
  }

  /** The end of `re`'s match at the current position, or -1. */
  private matchEnd(re: RegExp): number {
    re.lastIndex = this.pos;
    return re.test(this.src) ? re.lastIndex : -1;
  }

  private expect(ch: string, comments = true): number {
    this.skip(comments);
    if (this.src[this.pos] !== ch) decline();
    return ++this.pos;
  }

  /** The word at the current position, without consuming it. */
  private peekWord(): Word | undefined {
    const from = this.pos;
    if (!isWordStart(this.code(from))) return undefined;
    const to = this.matchEnd(WORD);
    const text = this.src.slice(from, to);
    return { text, lower: text.toLowerCase(), from, to };
  }

  /** A binary operator at the current position, without consuming it. */
  private peekOperator(): (Token & { op: BinaryOp }) | undefined {
    const from = this.pos;
    const c = this.src[from];
    const next = this.src[from + 1];
    let op: BinaryOp | undefined;
    switch (c) {
      case '+':
      case '-':
      case '*':
      case '/':
      case '%':
      case '^':
        op = c;
        break;
      case '=':
        if (next !== '=') decline();
        op = '==';
        break;
      case '!':
        if (next !== '=') decline();
        op = '!=';
        break;
      case '<':
      case '>':
        if (next === '/') decline();
        op = next === '=' ? (`${c}=` as BinaryOp) : c;
        break;
      case 'a':
      case 'A':
      case 'o':
      case 'O':
      case 'u':
      case 'U': {
        const word = this.peekWord();
        if (!word) return undefined;
        const op = word.lower;
        if (op === 'and' || op === 'or' || op === 'unless' || op === 'atan2') return { text: word.text, op, from, to: word.to };
        return undefined;
      }
      default:
        return undefined;
    }
    return { text: op, op, from, to: from + op.length };
  }

  /** Operators of precedence `min` and above; at level 0 also the postfix modifiers, which lezer binds loosest. */
  private binary(min: number): Expr {
    let left = this.unary();
    for (;;) {
      this.skip();
      if (min === 0) {
        const postfixed = this.postfix(left);
        if (postfixed) {
          left = postfixed;
          continue;
        }
      }
      const op = this.peekOperator();
      if (!op) break;
      const precedence = PRECEDENCE[op.op];
      if (precedence < min) break;
      this.pos = op.to;
      left = this.binaryRest(left, op, precedence === POW ? POW : precedence + 1);
    }
    return left;
  }

  private binaryRest(lhs: Expr, op: Token & { op: BinaryOp }, rhsMin: number): BinaryExpr {
    this.skip();
    let modifiersTo = op.to;
    let returnBool = false;
    // Modifier keywords start with b, o, i (bool, on, ignoring): other operands are not peeked at twice.
    let word = this.startsModifier() ? this.peekWord() : undefined;
    if (word?.lower === 'bool') {
      returnBool = true;
      modifiersTo = this.pos = word.to;
      this.skip();
      word = this.startsModifier() ? this.peekWord() : undefined;
    }
    let labels: string[] | undefined;
    let on = false;
    let include: string[] = [];
    let card: BinaryExpr['matching']['card'] = 'one-to-one';
    if (word?.lower === 'on' || word?.lower === 'ignoring') {
      on = word.lower === 'on';
      this.pos = word.to;
      labels = this.groupingLabels();
      modifiersTo = this.pos;
      this.skip();
      const group = this.peekWord();
      if (group?.lower === 'group_left' || group?.lower === 'group_right') {
        card = group.lower === 'group_left' ? 'many-to-one' : 'one-to-many';
        modifiersTo = this.pos = group.to;
        this.skip();
        if (this.src[this.pos] === '(') {
          include = this.groupingLabels();
          modifiersTo = this.pos;
        }
      }
    }
    const rhs = this.binary(rhsMin);
    return {
      type: 'BinaryExpr',
      op: op.op,
      lhs,
      rhs,
      returnBool,
      matching: { card, labels, on, include, fill: {} },
      opSpan: { from: op.from, to: modifiersTo },
      from: lhs.from,
      to: rhs.to,
    };
  }

  private startsModifier(): boolean {
    const c = this.code() | LOWER_CASE;
    return c === LETTER_B || c === LETTER_O || c === LETTER_I;
  }

  private unary(): Expr {
    this.skip();
    const from = this.pos;
    const c = this.src[from];
    if (c !== '-' && c !== '+') return this.primary();
    const next = this.code(from + 1);
    if (isDigit(next) || (next === DOT && isDigit(this.code(from + 2)))) {
      this.pos++;
      const literal = this.number(from);
      // `-1 ^ x` is ambiguous in lezer's grammar (a signed literal, or the unary minus of `1 ^ x`),
      // and which reading its GLR parse keeps depends on what follows: `(-1 ^ x)` is the second.
      this.skip();
      if (this.src[this.pos] === '^') decline();
      return literal;
    }
    this.pos++;
    this.skip();
    const after = this.code();
    if (after === PLUS || after === MINUS) {
      // A chain of signs (`- -x`) is lezer's to shape, except one deeper than Kiln analyses: past its
      // own limits lezer reports a syntax error in a chain Prometheus reads.
      SIGN_CHAIN_TOO_DEEP.lastIndex = from;
      if (SIGN_CHAIN_TOO_DEEP.test(this.src)) throw new RangeError('a chain of signs nested too deeply');
      decline();
    }
    if (isDigit(after) || after === DOT) decline();
    const expr = this.binary(POW);
    return { type: 'UnaryExpr', op: c, expr, from, to: expr.to };
  }

  /** A number or duration literal at the current position; `from` is before its sign, if any. */
  private number(from: number): Expr {
    const token = this.numberToken();
    const span = { from, to: token.to };
    return numberLiteralOf(this.ctx, this.src.slice(from, token.to), span);
  }

  private numberToken(): Token {
    const from = this.pos;
    const to = this.matchEnd(NUMBER);
    if (to < 0) decline();
    const c = this.code(to);
    if (isLabelChar(c) || c === DOT) decline();
    this.pos = to;
    return { text: this.src.slice(from, to), from, to };
  }

  private primary(): Expr {
    const from = this.pos;
    const c = this.code();
    if (isDigit(c) || c === DOT) return this.number(from);
    if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE || c === BACKQUOTE) {
      const value = this.string();
      return { type: 'StringLiteral', value, from, to: this.pos };
    }
    if (c === OPEN_PAREN) {
      this.pos++;
      const expr = this.binary(0);
      const to = this.expect(')');
      return { type: 'ParenExpr', expr, from, to };
    }
    if (c === OPEN_BRACE) return this.selector('', from);
    const word = this.peekWord();
    if (!word) decline();
    const name = word.text;
    this.pos = word.to;
    if (AGGREGATORS.has(word.lower)) return this.aggregate(word.lower as AggregateOp, from);
    this.skip();
    // Function names are case-sensitive (`Rate(x)` is an unknown function): FUNCTIONS has them as written.
    if (this.src[this.pos] === '(') return this.call(name, from);
    if (RESERVED.has(word.lower)) decline();
    return this.selector(name, from);
  }

  private call(name: string, from: number): Call {
    const func = FUNCTIONS.get(name);
    if (!func || func.experimental) decline();
    const args = this.args();
    return { type: 'Call', name, func, args, from, to: this.pos };
  }

  /** `(a, b, …)`, at the open parenthesis. */
  private args(): Expr[] {
    this.expect('(');
    const args: Expr[] = [];
    this.skip();
    if (this.src[this.pos] === ')') {
      this.pos++;
      return args;
    }
    for (;;) {
      args.push(this.binary(0));
      this.skip();
      const c = this.src[this.pos++];
      if (c === ')') return args;
      if (c !== ',') decline();
    }
  }

  private aggregate(op: AggregateOp, from: number): AggregateExpr {
    this.skip();
    let grouping: string[] | undefined;
    let without = false;
    const before = this.peekWord();
    if (before) {
      if (before.lower !== 'by' && before.lower !== 'without') decline();
      without = before.lower === 'without';
      this.pos = before.to;
      grouping = this.groupingLabels();
    }
    const args = this.args();
    let groupingAfter = false;
    if (!before) {
      const save = this.pos;
      this.skip();
      const c = this.code() | LOWER_CASE;
      const after = c === LETTER_B || c === LETTER_W ? this.peekWord() : undefined;
      if (after?.lower === 'by' || after?.lower === 'without') {
        without = after.lower === 'without';
        this.pos = after.to;
        grouping = this.groupingLabels();
        groupingAfter = true;
      } else this.pos = save;
    }
    const desired = PARAM_AGGREGATORS.has(op) ? 2 : 1;
    if (args.length !== desired) decline();
    return {
      type: 'AggregateExpr',
      op,
      expr: args[desired - 1],
      param: desired === 2 ? args[0] : undefined,
      grouping,
      without,
      groupingAfter,
      from,
      to: this.pos,
    };
  }

  /** `(a, b)` of by/without/on/ignoring/group_left/group_right, unquoted names only. */
  private groupingLabels(): string[] {
    this.expect('(');
    const labels: string[] = [];
    for (;;) {
      this.skip();
      if (this.src[this.pos] === ')') {
        this.pos++;
        return labels;
      }
      const label = this.labelName();
      const lower = label.toLowerCase();
      if (lower === 'without' || lower === 'inf' || lower === 'nan') decline();
      labels.push(label);
      this.skip();
      if (this.src[this.pos] === ',') this.pos++;
      else if (this.src[this.pos] !== ')') decline();
    }
  }

  private labelName(): string {
    const from = this.pos;
    const to = this.matchEnd(LABEL);
    if (to < 0) decline();
    // `a:b` is a colon label name (lezer-input's rewrite), `a.b` a syntax error.
    if (this.code(to) === COLON) decline();
    this.pos = to;
    return this.src.slice(from, to);
  }

  private selector(name: string, from: number): Expr {
    this.skip();
    const matchers: LabelMatcher[] = [];
    if (this.src[this.pos] !== '{') return { type: 'VectorSelector', name, matchers, from, to: from + name.length };
    this.pos++;
    for (;;) {
      this.skip(false);
      if (this.src[this.pos] === '}') break;
      const matcherFrom = this.pos;
      const label = this.labelName();
      this.skip(false);
      const op = this.matchOp();
      this.skip(false);
      const value = this.string();
      if (op === '=~' || op === '!~') {
        if (!checkRe2(value).ok) decline();
      }
      matchers.push({ name: label, op, value, from: matcherFrom, to: this.pos });
      this.skip(false);
      if (this.src[this.pos] === ',') this.pos++;
      else if (this.src[this.pos] !== '}') decline();
    }
    this.pos++;
    return { type: 'VectorSelector', name, matchers, from, to: this.pos };
  }

  private matchOp(): MatchOp {
    const c = this.src[this.pos];
    const next = this.src[this.pos + 1];
    let op: MatchOp;
    if (c === '=') op = next === '~' ? '=~' : '=';
    else if (c === '!' && (next === '=' || next === '~')) op = next === '=' ? '!=' : '!~';
    else decline();
    this.pos += op.length;
    return op;
  }

  /** A quoted string at the current position, unquoted. */
  private string(): string {
    const src = this.src;
    const from = this.pos;
    const quote = src[from];
    const to = this.matchEnd(quote === '"' ? DOUBLE_QUOTED : quote === "'" ? SINGLE_QUOTED : BACKQUOTED);
    if (to < 0) decline();
    const raw = src.slice(from, to);
    this.pos = to;
    if (quote === '`' || raw.indexOf('\\') < 0) return raw.slice(1, -1);
    const parsed = unquoteString(raw);
    if (!parsed.ok) decline();
    return parsed.value;
  }

  /** `[range]`, `[range:step]`, `offset d` or `@ t` applied to `target` as buildAst does, or undefined. */
  private postfix(target: Expr): Expr | undefined {
    const c = this.src[this.pos];
    if (c === '[') return this.brackets(target);
    if (c === '@') {
      this.pos++;
      const at = this.at();
      return applyAt(this.ctx, target, at, at.to);
    }
    if (c !== 'o' && c !== 'O') return undefined;
    const word = this.peekWord();
    if (word?.lower !== 'offset') return undefined;
    this.pos = word.to;
    const offset = this.offsetDuration();
    return applyOffset(this.ctx, target, offset, offset.to);
  }

  private brackets(target: Expr): Expr {
    const open = this.pos++;
    const range = this.duration();
    this.skip(false);
    if (this.src[this.pos] === ']') {
      this.pos++;
      return applyRange(this.ctx, target, range, { from: open, to: this.pos });
    }
    if (this.src[this.pos] !== ':') decline();
    this.pos++;
    this.skip(false);
    const step = this.src[this.pos] === ']' ? undefined : this.duration();
    const to = this.expect(']', false);
    return applySubquery(this.ctx, target, range, step, to);
  }

  /** An unsigned duration literal inside brackets. */
  private duration(): DurationNode {
    this.skip(false);
    const token = this.numberToken();
    return literalDuration(this.ctx, token.text, token);
  }

  private offsetDuration(): DurationNode {
    this.skip();
    const c = this.src[this.pos];
    if (c === '-' || c === '+') {
      const from = this.pos++;
      this.skip();
      const token = this.numberToken();
      return signedDuration(this.ctx, c, literalDuration(this.ctx, token.text, token), { from, to: token.to });
    }
    const token = this.numberToken();
    return literalDuration(this.ctx, token.text, token);
  }

  private at(): AtModifier {
    this.skip();
    const word = this.peekWord();
    if (word) {
      if (word.lower !== 'start' && word.lower !== 'end') decline();
      this.pos = word.to;
      this.expect('(');
      const to = this.expect(')');
      return { kind: word.lower, from: word.from, to };
    }
    const from = this.pos;
    const c = this.src[from];
    if (c === '-' || c === '+') this.pos++;
    if (!isDigit(this.code()) && this.code() !== 46) decline();
    const n = this.number(from);
    if (n.type !== 'NumberLiteral') decline();
    return { kind: 'timestamp', seconds: n.value, text: n.text, from: n.from, to: n.to };
  }
}

/**
 * Expressions nested deeper are not analysed (code `promql/depth`): the checker's and the lint rules'
 * walks recurse once per level. Prometheus reads deeper ones; nobody writes them by hand.
 */
export const MAX_EXPR_DEPTH = 1000;

/** More signs in a row than MAX_EXPR_DEPTH levels of unary expressions (the last sign may be a literal's). */
const SIGN_CHAIN_TOO_DEEP = new RegExp(`(?:[ \\t\\n\\r]*[-+]){${MAX_EXPR_DEPTH + 2}}`, 'y');

/** fastParse's answer for an expression nested too deeply to parse by recursion. */
export const TOO_DEEP = Symbol('too deep');

/** The AST of an expression that parses cleanly with default features, or undefined to let the lezer path decide. */
export function fastParse(expr: string): Expr | undefined | typeof TOO_DEEP {
  // No size limit: @lezer/lr's (a chain of 2,000 characters and more gets a syntax error after 300
  // left-associative reductions; nesting past its stack cut reshapes `x^x^…`) are not Prometheus'.
  // Its yacc parser takes both, so this parser's answer is the one that agrees with Prometheus there.
  const parser = new FastParser(expr);
  try {
    const ast = parser.parse();
    return parser.ctx.findings.length === 0 ? ast : undefined;
  } catch (err) {
    if (err === DECLINE) return undefined;
    // A stack overflow, or a chain of signs: nested deeper than Kiln analyses (MAX_EXPR_DEPTH).
    if (err instanceof RangeError) return TOO_DEEP;
    throw err;
  }
}
