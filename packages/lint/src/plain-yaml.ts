/**
 * A fast reader for the block-style YAML that rule files and most configs are written in: one
 * document of block maps and sequences, plain keys, plain and one-line quoted scalars, and `|`/`>`
 * block scalars. It returns what `yaml`'s `parseAllDocuments(text)[0].toJS()` returns (core schema),
 * and `undefined` for anything outside that subset (anchors, tags, flow collections, multi-line
 * plain or quoted scalars, several documents, tabs, duplicate keys, …) — the caller then uses the
 * full parser, which also reports errors. It records where each node and key starts, which is
 * what findings need; the full parser runs only for what it cannot tell (an empty value's position).
 */

/** A node with its JS value and its offset in the text (`-1` for an empty value, whose position only the full parser knows). */
export interface PlainNode {
  value: unknown;
  start: number;
  /** Map entries: the offset of the key and the value node. */
  keys?: Map<string, { key: number; node: PlainNode }>;
  items?: PlainNode[];
}

export interface PlainYaml {
  root: PlainNode;
  /** Offset of each line's first character. */
  lineStarts: number[];
}

class Unsupported extends Error {}

const bail = (): never => {
  throw new Unsupported();
};

/** The first characters of the plain scalars the core schema resolves to null, booleans or numbers. */
const MAYBE_NOT_STRING = /^(?:$|[-+.~0-9nNtTfF])/;

/** Core-schema resolution of a plain scalar, as `yaml` does it (tags tried in its order). */
export function resolvePlain(s: string): unknown {
  if (!MAYBE_NOT_STRING.test(s)) return s;
  if (/^(?:~|[Nn]ull|NULL)?$/.test(s)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(s)) return s[0] === 't' || s[0] === 'T';
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s) || /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return parseFloat(s);
  return s;
}

/**
 * Texts the subset cannot hold at all: tabs, CR, control characters, BOM, Unicode spaces (which
 * `trim` would drop but YAML keeps), document markers, directives.
 */
const OUTSIDE = /[\t\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]|^(?:---|\.\.\.)(?:[ \n]|$)|^%/m;
/** `key:` followed by a space or the end of the line; keys resolving to non-strings are rejected later. */
const KEY = /^([A-Za-z0-9_][A-Za-z0-9_./-]*):(?: +|$)/;
const DOUBLE_ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t', r: '\r' };

export function parsePlainYaml(text: string): PlainYaml | undefined {
  if (OUTSIDE.test(text)) return undefined;
  try {
    const reader = new Reader(text.split('\n'));
    return { root: reader.document(), lineStarts: reader.starts };
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
}

class Reader {
  private i = 0;
  readonly starts: number[] = [];

  constructor(private readonly lines: string[]) {
    let offset = 0;
    for (const line of lines) {
      this.starts.push(offset);
      offset += line.length + 1;
    }
  }

  private at(col: number): number {
    return this.starts[this.i]! + col;
  }

  document(): PlainNode {
    this.skipBlank();
    if (this.i >= this.lines.length) bail();
    const value = this.block(this.indent());
    this.skipBlank();
    if (this.i < this.lines.length) bail();
    return value;
  }

  private indent(): number {
    const line = this.lines[this.i]!;
    let n = 0;
    while (line.charCodeAt(n) === 32) n++;
    return n;
  }

  /** Skips empty lines and comment lines. */
  private skipBlank(): void {
    while (this.i < this.lines.length) {
      const rest = this.lines[this.i]!.trimStart();
      if (rest !== '' && rest[0] !== '#') return;
      this.i++;
    }
  }

  private isSeqItem(col: number): boolean {
    const line = this.lines[this.i]!;
    return line[col] === '-' && (line.length === col + 1 || line[col + 1] === ' ');
  }

  /** A map or sequence whose lines start at column `col` of the current line. */
  private block(col: number): PlainNode {
    if (this.isSeqItem(col)) return this.seq(col);
    if (KEY.test(this.lines[this.i]!.slice(col))) return this.map(col);
    return bail();
  }

  /** The value of a `key:` or `-` with nothing after it: a block on the next lines, or null. */
  private nested(parentIndent: number, inMap: boolean): PlainNode {
    const empty = { value: null, start: -1 };
    this.skipBlank();
    if (this.i >= this.lines.length) return empty;
    const ind = this.indent();
    if (ind > parentIndent) return this.block(ind);
    if (inMap && ind === parentIndent && this.isSeqItem(ind)) return this.seq(ind);
    return empty;
  }

  /** After an entry or item: whether the next line continues the block at `ind`; deeper lines are outside the subset. */
  private next(ind: number): boolean {
    this.skipBlank();
    if (this.i >= this.lines.length) return false;
    const n = this.indent();
    if (n > ind) bail();
    return n === ind;
  }

  private seq(ind: number): PlainNode {
    const out: unknown[] = [];
    const items: PlainNode[] = [];
    const start = this.at(ind);
    do {
      if (!this.isSeqItem(ind)) break;
      const line = this.lines[this.i]!;
      let col = ind + 1;
      while (line.charCodeAt(col) === 32) col++;
      const rest = line.slice(col);
      let item: PlainNode;
      if (rest === '' || rest[0] === '#') {
        this.i++;
        item = this.nested(ind, false);
      } else if (KEY.test(rest)) {
        item = this.map(col);
      } else if (rest[0] === '-' || rest[0] === '|' || rest[0] === '>') {
        item = bail();
      } else {
        item = { value: this.scalar(rest), start: this.at(col) };
        this.i++;
      }
      out.push(item.value);
      items.push(item);
    } while (this.next(ind));
    return { value: out, start, items };
  }

  /** A map whose keys are at column `ind` (the first may follow a `- ` on the current line). */
  private map(ind: number): PlainNode {
    const out: Record<string, unknown> = {};
    const keys = new Map<string, { key: number; node: PlainNode }>();
    const start = this.at(ind);
    do {
      const rest = this.lines[this.i]!.slice(ind);
      const m = KEY.exec(rest);
      if (!m) break;
      const key = m[1]!;
      if (key.length > 1000 || key === '__proto__' || Object.hasOwn(out, key) || typeof resolvePlain(key) !== 'string') bail();
      const keyAt = this.at(ind);
      const valueAt = keyAt + m[0].length;
      const value = rest.slice(m[0].length);
      let node: PlainNode;
      if (value === '' || value[0] === '#') {
        this.i++;
        node = this.nested(ind, true);
      } else if (value[0] === '|' || value[0] === '>') {
        node = { value: this.blockScalar(value, ind), start: valueAt };
      } else {
        node = { value: this.scalar(value), start: valueAt };
        this.i++;
      }
      out[key] = node.value;
      keys.set(key, { key: keyAt, node });
    } while (this.next(ind));
    return { value: out, start, keys };
  }

  /** A scalar on one line (`text` starts at the value, may end with a comment). */
  private scalar(text: string): unknown {
    const c = text[0]!;
    if (c === "'" || c === '"') {
      const end = c === "'" ? closingSingle(text) : closingDouble(text);
      const after = text.slice(end + 1).trimStart();
      if (after !== '' && !(after[0] === '#' && end + 1 < text.length && text[end + 1] === ' ')) bail();
      return c === "'" ? text.slice(1, end).replaceAll("''", "'") : unescapeDouble(text.slice(1, end));
    }
    const comment = text.indexOf(' #');
    const value = (comment < 0 ? text : text.slice(0, comment)).trimEnd();
    if (value === '[]') return [];
    if (value === '{}') return {};
    if ('[]{},#&*!|>%@`?:'.includes(c) || (c === '-' && (value.length === 1 || value[1] === ' '))) bail();
    if (value.includes(': ') || value.endsWith(':')) bail();
    return resolvePlain(value);
  }

  /** A `|` or `>` block scalar (clip or strip chomping, indentation detected) belonging to a map at `ind`. */
  private blockScalar(header: string, ind: number): string {
    const m = /^([|>])(-?) *(?:#.*)?$/.exec(header);
    if (!m) bail();
    this.i++;
    if (this.i >= this.lines.length) bail();
    const blockIndent = this.indent();
    if (blockIndent <= ind || this.lines[this.i]!.trim() === '') bail();
    const content: string[] = [];
    for (; this.i < this.lines.length; this.i++) {
      const line = this.lines[this.i]!;
      if (line.trim() === '') {
        if (line.length > blockIndent) bail();
        content.push('');
      } else if (this.indent() >= blockIndent) {
        content.push(line.slice(blockIndent));
      } else break;
    }
    while (content[content.length - 1] === '') content.pop();
    let body: string;
    if (m![1] === '|') body = content.join('\n');
    else {
      if (content.some((l) => l[0] === ' ')) bail();
      body = '';
      let breaks = 0;
      for (const l of content) {
        if (l === '') breaks++;
        else {
          body += body === '' ? l : breaks > 0 ? '\n'.repeat(breaks) + l : ' ' + l;
          breaks = 0;
        }
      }
    }
    return m![2] === '-' ? body : body + '\n';
  }
}

/** Index of the quote closing a single-quoted scalar (`''` is an escaped quote). */
function closingSingle(text: string): number {
  for (let i = 1; i < text.length; i++) {
    if (text[i] !== "'") continue;
    if (text[i + 1] === "'") i++;
    else return i;
  }
  return bail();
}

function closingDouble(text: string): number {
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return bail();
}

function unescapeDouble(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(.?)/g, (_, c: string) => DOUBLE_ESCAPES[c] ?? bail());
}
