/**
 * PromQL literals with Prometheus' rules: string escapes as in promql/parser/lex.go (lexEscape),
 * numbers as in parser.number (strconv.ParseInt base 0, then ParseFloat) and durations as in
 * prometheus/common model.ParseDuration.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** `U+0071 'q'`, as Go's `%#U` prints a rune. */
function goRune(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  const printable = code >= 0x20 && code !== 0x7f && !(code >= 0x80 && code < 0xa0);
  return printable ? `U+${hex} '${ch}'` : `U+${hex}`;
}

/** Unquote a PromQL string literal (`"…"`, `'…'` or `` `…` ``), checking every escape sequence. */
export function unquoteString(raw: string): Parsed<string> {
  const quote = raw[0];
  if (quote === '`') {
    if (raw.length < 2 || !raw.endsWith('`')) return { ok: false, message: 'unterminated raw string' };
    return { ok: true, value: raw.slice(1, -1) };
  }
  if (quote !== '"' && quote !== "'") return { ok: false, message: `unexpected character: ${JSON.stringify(quote ?? '')}` };
  let out = '';
  let i = 1;
  for (;;) {
    const ch = raw[i];
    if (ch === undefined || ch === '\n') return { ok: false, message: 'unterminated quoted string' };
    if (ch === quote) {
      if (i !== raw.length - 1) return { ok: false, message: 'unterminated quoted string' };
      return { ok: true, value: out };
    }
    if (ch !== '\\') {
      out += ch;
      i++;
      continue;
    }
    const esc = raw[i + 1];
    if (esc === undefined) return { ok: false, message: 'escape sequence not terminated' };
    if (esc === quote) {
      out += esc;
      i += 2;
      continue;
    }
    const simple = SIMPLE_ESCAPES[esc];
    if (simple !== undefined) {
      out += simple;
      i += 2;
      continue;
    }
    let digits: number;
    let base: number;
    let max: number;
    let start: number;
    if (esc >= '0' && esc <= '7') [digits, base, max, start] = [3, 8, 255, i + 1];
    else if (esc === 'x') [digits, base, max, start] = [2, 16, 255, i + 2];
    else if (esc === 'u') [digits, base, max, start] = [4, 16, 0x10ffff, i + 2];
    else if (esc === 'U') [digits, base, max, start] = [8, 16, 0x10ffff, i + 2];
    else return { ok: false, message: `unknown escape sequence ${goRune(esc)}` };
    let code = 0;
    for (let k = 0; k < digits; k++) {
      const d = raw[start + k];
      const v = d === undefined ? NaN : parseInt(d, 16);
      if (d === undefined || Number.isNaN(v) || v >= base) {
        if (d === undefined) return { ok: false, message: 'escape sequence not terminated' };
        return { ok: false, message: `illegal character ${goRune(d)} in escape sequence` };
      }
      code = code * base + v;
    }
    if (code > max || (code >= 0xd800 && code < 0xe000)) {
      return { ok: false, message: 'escape sequence is an invalid Unicode code point' };
    }
    // \x and octal escapes are bytes in Go; values above 0x7f form UTF-8 sequences there.
    out += String.fromCodePoint(code);
    i = start + digits;
  }
}

const NAMED_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '\\': '\\\\',
  '"': '\\"',
};

/** Double-quote a string the way Go's strconv.Quote does for printable text. */
export function quoteString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const named = NAMED_ESCAPES[ch];
    const code = ch.codePointAt(0) ?? 0;
    if (named !== undefined) out += named;
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + '"';
}

const INT64_MAX = 2n ** 63n - 1n;

/** Go's strconv.ParseInt(text, 0, 64): prefixes 0x, 0o, 0b, a leading 0 for octal, underscores. */
function parseGoInt(text: string): bigint | undefined {
  const t = text.replace(/^[+-]/, '');
  let digits: string;
  let radix: number;
  if (/^0[xX]/.test(t)) [digits, radix] = [t.slice(2), 16];
  else if (/^0[oO]/.test(t)) [digits, radix] = [t.slice(2), 8];
  else if (/^0[bB]/.test(t)) [digits, radix] = [t.slice(2), 2];
  else if (/^0[0-9_]/.test(t)) [digits, radix] = [t.slice(1), 8];
  else [digits, radix] = [t, 10];
  const prefixed = radix !== 10;
  // Underscores only between digits (or right after a base prefix).
  if (!prefixed && (digits.startsWith('_') || digits.includes('__'))) return undefined;
  if (digits.endsWith('_') || digits.includes('__')) return undefined;
  const plain = digits.replace(/_/g, '');
  const alphabet = '0123456789abcdef'.slice(0, radix);
  if (plain === '' || [...plain.toLowerCase()].some((c) => !alphabet.includes(c))) return undefined;
  let n = 0n;
  for (const c of plain.toLowerCase()) n = n * BigInt(radix) + BigInt(alphabet.indexOf(c));
  if (n > INT64_MAX) return undefined;
  return text.startsWith('-') ? -n : n;
}

/** A PromQL number literal's value, or Prometheus' "error parsing number" message. */
export function parseNumber(text: string): Parsed<number> {
  const lower = text.toLowerCase().replace(/^[+-]/, '');
  const sign = text.startsWith('-') ? -1 : 1;
  if (lower === 'inf') return { ok: true, value: sign * Infinity };
  if (lower === 'nan') return { ok: true, value: NaN };
  // The common spellings (`100`, `0.05`, `1e3`), which Go and JS read alike, without BigInt.
  if (/^[+-]?(?:[1-9][0-9]{0,14}|0)(?:\.[0-9]*)?(?:[eE][+-]?[0-9]{1,2})?$/.test(text)) return { ok: true, value: Number(text) };
  const asInt = parseGoInt(text);
  if (asInt !== undefined) return { ok: true, value: Number(asInt) };
  const plain = text.replace(/_/g, '');
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(plain) && !/(^|[^0-9])_|_($|[^0-9])/.test(text)) {
    const value = Number(plain);
    if (!Number.isFinite(value)) {
      return { ok: false, message: `error parsing number: strconv.ParseFloat: parsing ${JSON.stringify(text)}: value out of range` };
    }
    return { ok: true, value };
  }
  return { ok: false, message: `error parsing number: strconv.ParseFloat: parsing ${JSON.stringify(text)}: invalid syntax` };
}

/** One number and its unit, at the start of what is left of a duration. */
const DURATION_PART = /^(\d+)([^\d]*)/;
const UNIT_NANOS: ReadonlyArray<[unit: string, nanos: bigint]> = [
  ['y', 365n * 24n * 3600n * 10n ** 9n],
  ['w', 7n * 24n * 3600n * 10n ** 9n],
  ['d', 24n * 3600n * 10n ** 9n],
  ['h', 3600n * 10n ** 9n],
  ['m', 60n * 10n ** 9n],
  ['s', 10n ** 9n],
  ['ms', 10n ** 6n],
];

/** A duration such as `1h30m` in seconds, as prometheus/common model.ParseDuration reads it. */
export function parseDuration(text: string): Parsed<number> {
  if (text === '0') return { ok: true, value: 0 };
  if (text === '') return { ok: false, message: 'empty duration string' };
  const invalid = () => ({ ok: false as const, message: `not a valid duration string: ${JSON.stringify(text)}` });
  let rest = text;
  let total = 0n;
  let lastUnit = -1;
  while (rest !== '') {
    const m = DURATION_PART.exec(rest);
    if (!m || m[2] === '') return invalid();
    const digits = m[1]!;
    const unit = m[2]!;
    let index = -1;
    for (let i = 0; i < UNIT_NANOS.length && index < 0; i++) if (UNIT_NANOS[i]![0] === unit) index = i;
    if (index < 0) return { ok: false, message: `unknown unit ${JSON.stringify(unit)} in duration ${JSON.stringify(text)}` };
    if (index <= lastUnit) return invalid();
    lastUnit = index;
    total += BigInt(digits) * UNIT_NANOS[index]![1];
    if (total > INT64_MAX) return { ok: false, message: 'duration out of range' };
    rest = rest.slice(m[0].length);
  }
  return { ok: true, value: Number(total) / 1e9 };
}

/** Whether a number literal's text is written as a duration (`5m`) rather than a number (`300`). */
export function isDurationText(text: string): boolean {
  return /^[+-]?(\d+(ms|[smhdwy]))+$/.test(text);
}

/** The shortest decimal spelling of a number, as Prometheus prints number literals. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

const LEGACY_LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const LEGACY_METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

export function isLegacyLabelName(name: string): boolean {
  return LEGACY_LABEL_NAME.test(name);
}

export function isLegacyMetricName(name: string): boolean {
  return LEGACY_METRIC_NAME.test(name);
}
