/**
 * RE2 (Go regexp/syntax with Perl flags) syntax checking, enough to report the errors Prometheus
 * reports for `=~` and `!~` label matchers, and to tell whether a regex matches the empty string
 * (Prometheus rejects selectors whose every matcher matches the empty label value).
 */

export type Re2Result = { ok: true; matchesEmpty: boolean } | { ok: false; message: string };

class Re2Error extends Error {
  constructor(code: string, expr: string) {
    super(`error parsing regexp: ${code}: \`${expr}\``);
  }
}

const POSIX_CLASSES = new Set([
  'alnum',
  'alpha',
  'ascii',
  'blank',
  'cntrl',
  'digit',
  'graph',
  'lower',
  'print',
  'punct',
  'space',
  'upper',
  'word',
  'xdigit',
]);
const MAX_REPEAT = 1000;

/** A parsed piece of a regex: whether it matches the empty string, and its nested repeat count. */
interface Piece {
  nullable: boolean;
  weight: number;
}

function isUnicodeClassName(name: string): boolean {
  if (name === 'Any') return true;
  for (const source of [`\\p{${name}}`, `\\p{Script=${name}}`]) {
    try {
      new RegExp(source, 'u');
      return true;
    } catch {
      // try the next form
    }
  }
  return false;
}

class Re2Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parse(): boolean {
    const { nullable } = this.alternation();
    if (this.pos < this.src.length) throw new Re2Error('unexpected )', this.src);
    return nullable;
  }

  private peek(offset = 0): string | undefined {
    return this.src[this.pos + offset];
  }

  private alternation(): Piece {
    const result = this.concatenation();
    while (this.peek() === '|') {
      this.pos++;
      const next = this.concatenation();
      result.nullable ||= next.nullable;
      result.weight = Math.max(result.weight, next.weight);
    }
    return result;
  }

  /** A run of (possibly repeated) atoms up to `|`, `)` or the end. */
  private concatenation(): Piece {
    const atoms: Piece[] = [];
    let lastRepeatStart = -1;
    while (this.pos < this.src.length) {
      const ch = this.peek();
      if (ch === '|' || ch === ')') break;
      const repeat = this.repeatOperator();
      if (repeat) {
        const opStart = this.pos;
        this.pos = repeat.end;
        if (this.peek() === '?') this.pos++;
        if (lastRepeatStart >= 0) throw new Re2Error('invalid nested repetition operator', this.src.slice(lastRepeatStart, this.pos));
        const last = atoms.at(-1);
        if (!last) throw new Re2Error('missing argument to repetition operator', this.src.slice(opStart, this.pos));
        if (repeat.invalid) throw new Re2Error('invalid repeat count', this.src.slice(opStart, repeat.end));
        if (repeat.min === 0) last.nullable = true;
        if (repeat.counted !== undefined) {
          // Go's repeatIsValid: nested counted repetitions may not exceed 1000 copies in total.
          last.weight = repeat.counted === 0 ? 1 : repeat.counted * last.weight;
          if (repeat.counted >= 2 && last.weight > MAX_REPEAT)
            throw new Re2Error('invalid repeat count', this.src.slice(opStart, repeat.end));
        }
        lastRepeatStart = opStart;
        continue;
      }
      lastRepeatStart = -1;
      const atom = this.atom();
      if (atom !== 'flags') atoms.push(atom);
    }
    return { nullable: atoms.every((a) => a.nullable), weight: Math.max(1, ...atoms.map((a) => a.weight)) };
  }

  /** `*`, `+`, `?` or a well-formed `{n}`, `{n,}`, `{n,m}` at the cursor. */
  private repeatOperator(): { end: number; min: number; invalid: boolean; counted?: number } | undefined {
    const ch = this.peek();
    if (ch === '*' || ch === '?') return { end: this.pos + 1, min: 0, invalid: false };
    if (ch === '+') return { end: this.pos + 1, min: 1, invalid: false };
    if (ch !== '{') return undefined;
    const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
    if (!m) return undefined;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
    const invalid = min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && min > max);
    return { end: this.pos + m[0].length, min, invalid, counted: max < 0 ? min : max };
  }

  /** One atom, or 'flags' for a flag group such as `(?i)`. */
  private atom(): Piece | 'flags' {
    const ch = this.peek();
    if (ch === '(') return this.group();
    if (ch === '[') {
      this.charClass();
      return { nullable: false, weight: 1 };
    }
    if (ch === '^' || ch === '$') {
      this.pos++;
      return { nullable: true, weight: 1 };
    }
    if (ch === '\\') return { nullable: this.escapeAtom(), weight: 1 };
    this.pos++;
    return { nullable: false, weight: 1 };
  }

  private group(): Piece | 'flags' {
    const start = this.pos;
    if (this.peek(1) === '?') {
      const rest = this.src.slice(start);
      const named = /^\(\?P?<([^>]*)>/.exec(rest);
      if (named || /^\(\?P?</.test(rest)) {
        if (!named) throw new Re2Error('invalid named capture', rest);
        if (!/^\w+$/.test(named[1] ?? '')) throw new Re2Error('invalid named capture', named[0]);
        this.pos += named[0].length;
      } else {
        let i = start + 2;
        let negated = false;
        let sawFlag = false;
        for (;;) {
          const c = this.src[i];
          i++;
          if (c !== undefined && 'imsU'.includes(c)) {
            sawFlag = true;
            continue;
          }
          if (c === '-' && !negated) {
            negated = true;
            sawFlag = false;
            continue;
          }
          if ((c === ':' || c === ')') && (!negated || sawFlag)) {
            this.pos = i;
            if (c === ')') return 'flags';
            break;
          }
          throw new Re2Error('invalid or unsupported Perl syntax', this.src.slice(start, Math.min(i, this.src.length)));
        }
      }
    } else {
      this.pos++;
    }
    const inner = this.alternation();
    if (this.peek() !== ')') throw new Re2Error('missing closing )', this.src);
    this.pos++;
    return inner;
  }

  private escapeAtom(): boolean {
    const next = this.peek(1);
    if (next === undefined) throw new Re2Error('trailing backslash at end of expression', '');
    if ('AzB'.includes(next)) {
      this.pos += 2;
      return true;
    }
    if (next === 'b') {
      this.pos += 2;
      return false; // a word boundary never holds in the empty string
    }
    if (next === 'C') throw new Re2Error('invalid escape sequence', '\\C');
    if (next === 'Q') {
      const end = this.src.indexOf('\\E', this.pos + 2);
      const literal = end < 0 ? this.src.slice(this.pos + 2) : this.src.slice(this.pos + 2, end);
      this.pos = end < 0 ? this.src.length : end + 2;
      return literal === '';
    }
    if (this.classEscape()) return false;
    this.singleEscape();
    return false;
  }

  /** `\d`, `\pL`, `\p{Greek}` and friends; false when the escape is not a class. */
  private classEscape(): boolean {
    const next = this.peek(1);
    if (next !== undefined && 'dDsSwW'.includes(next)) {
      this.pos += 2;
      return true;
    }
    if (next !== 'p' && next !== 'P') return false;
    const start = this.pos;
    const c = this.peek(2);
    if (c === undefined) throw new Re2Error('invalid character class range', this.src.slice(start));
    let name: string;
    if (c === '{') {
      const end = this.src.indexOf('}', start + 3);
      if (end < 0) throw new Re2Error('invalid character class range', this.src.slice(start));
      name = this.src.slice(start + 3, end).replace(/^\^/, '');
      this.pos = end + 1;
    } else {
      name = c;
      this.pos = start + 3;
    }
    if (!isUnicodeClassName(name)) throw new Re2Error('invalid character class range', this.src.slice(start, this.pos));
    return true;
  }

  /** A single-character escape (`\n`, `\x41`, `\x{263a}`, `\101`, `\.`); returns its code point. */
  private singleEscape(): number {
    const start = this.pos;
    const c = this.peek(1);
    if (c === undefined) throw new Re2Error('trailing backslash at end of expression', '');
    this.pos += 2;
    const invalid = (): never => {
      throw new Re2Error('invalid escape sequence', this.src.slice(start, this.pos));
    };
    if (c.charCodeAt(0) < 0x80 && !/[0-9A-Za-z]/.test(c)) return c.charCodeAt(0);
    if (c >= '1' && c <= '7' && !/[0-7]/.test(this.peek() ?? '')) invalid();
    if (c >= '0' && c <= '7') {
      let value = Number(c);
      for (let k = 1; k < 3 && /[0-7]/.test(this.peek() ?? ''); k++) value = value * 8 + Number(this.src[this.pos++]);
      return value;
    }
    if (c === 'x') {
      if (this.peek() === '{') {
        // As Go: any number of hex digits up to '}', failing at the first digit that overflows.
        this.pos++;
        let value = 0;
        let digits = 0;
        for (;;) {
          const d = this.peek();
          if (d === undefined) invalid();
          this.pos++;
          if (d === '}') break;
          const v = parseInt(d ?? '', 16);
          if (Number.isNaN(v)) invalid();
          value = value * 16 + v;
          if (value > 0x10ffff) invalid();
          digits++;
        }
        if (digits === 0) invalid();
        return value;
      }
      const hex = this.src.slice(this.pos, this.pos + 2);
      this.pos = Math.min(this.src.length, this.pos + 2);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) invalid();
      return parseInt(hex, 16);
    }
    const simple: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
    const code = simple[c];
    if (code === undefined) return invalid();
    return code;
  }

  private charClass(): void {
    const start = this.pos;
    this.pos++;
    if (this.peek() === '^') this.pos++;
    let first = true;
    for (;;) {
      const ch = this.peek();
      if (ch === undefined) throw new Re2Error('missing closing ]', this.src.slice(start));
      if (ch === ']' && !first) break;
      first = false;
      if (ch === '[' && this.peek(1) === ':') {
        const m = /^\[:(\^?)([^:\]]*):\]/.exec(this.src.slice(this.pos));
        if (m) {
          if (!POSIX_CLASSES.has(m[2] ?? '')) throw new Re2Error('invalid character class range', m[0]);
          this.pos += m[0].length;
          continue;
        }
      }
      if (ch === '\\' && this.classEscape()) continue;
      const rangeStart = this.pos;
      const lo = this.classChar(start);
      if (this.peek() === '-' && this.peek(1) !== undefined && this.peek(1) !== ']') {
        this.pos++;
        const hi = this.classChar(start);
        if (hi < lo) throw new Re2Error('invalid character class range', this.src.slice(rangeStart, this.pos));
      }
    }
    this.pos++;
  }

  private classChar(classStart: number): number {
    const ch = this.peek();
    if (ch === undefined) throw new Re2Error('missing closing ]', this.src.slice(classStart));
    if (ch === '\\') return this.singleEscape();
    const code = this.src.codePointAt(this.pos) ?? 0;
    this.pos += code > 0xffff ? 2 : 1;
    return code;
  }
}

/** Results by source: a rule file repeats its regexes, and each is checked while building and again by matchesEmpty. */
const checked = new Map<string, Readonly<Re2Result>>();

/** Check a regex the way Prometheus 3.x compiles label matcher regexes. */
export function checkRe2(source: string): Readonly<Re2Result> {
  let result = checked.get(source);
  if (result === undefined) {
    result = Object.freeze(parseRe2(source));
    if (checked.size >= 10_000) checked.clear();
    checked.set(source, result);
  }
  return result;
}

function parseRe2(source: string): Re2Result {
  try {
    return { ok: true, matchesEmpty: new Re2Parser(source).parse() };
  } catch (err) {
    if (err instanceof Re2Error) return { ok: false, message: err.message };
    throw err;
  }
}
