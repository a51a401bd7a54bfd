/**
 * A one-pass reader for the YAML that rule, Alertmanager and Prometheus files are written in: block
 * mappings and sequences, plain, quoted and block scalars. It reads values and positions together,
 * exactly as js-yaml (values) and its parse events (positions, see yaml-reader.ts) give them. On
 * anything it is not sure to read the same — anchors, tags, flow collections with content, tabs,
 * CR, several documents, keys that are not plain words — it declines (undefined), and the js-yaml
 * path reads the file as before. Lines are found with indexOf and matched with sticky regexes:
 * the linter's process is short-lived, so this code runs interpreted and native string search is
 * what is fast.
 */
import { SCHEMA } from './yaml-reader.js';

const MAPPING = 0;
const SEQUENCE = 1;
const SCALAR = 2;
const EMPTY = 3;
const STYLES = ['plain', 'block', 'double', 'single'] as const;
type Style = (typeof STYLES)[number];
const PLAIN = 0;
const BLOCK = 1;
const DOUBLE = 2;
const SINGLE = 3;
/** In `flags`: the node is a scalar whose value is a string. */
const STRING = 16;

/**
 * What the reader read: the document's value, and its nodes in flat arrays, node 0 the root (a tree
 * of objects, one per node, cost a 10,000-rule file more garbage collection than the reading).
 */
export interface FastYaml {
  value: unknown;
  /** The text read (with the line break js-yaml adds at the end of a text without one). */
  text: string;
  /** Kind, style << 2, and STRING. */
  flags: Uint8Array;
  /** Offset of the node's content (of its first key for a mapping, of `-` for a sequence). */
  start: Int32Array;
  /** Scalars: where js-yaml's parse events end the node (after a quote, at a trailing `#`, at the next line's content…). */
  end: Int32Array;
  /** An entry's value: where its key starts and ends (quotes included); -1 for other nodes. */
  keyStart: Int32Array;
  keyEnd: Int32Array;
  /** A collection's first entry or item, and the next one of each; -1 for none. */
  firstChild: Int32Array;
  nextSibling: Int32Array;
  /** Look-up indexes, made on the first look-up in a collection. */
  entries: Map<number, Map<string, number>>;
  items: Map<number, number[]>;
}

/** Thrown when the reader declines and caught once in readFast: one instance, so declining costs no stack capture. */
const DECLINE = new Error('readFast declined');

function decline(): never {
  throw DECLINE;
}

/**
 * Characters the reader does not take anywhere: tabs and CR (js-yaml's rules for them are subtle),
 * non-printable characters js-yaml refuses, a byte order mark, NEL, the Unicode line separators and
 * surrogates (an emoji is declined too: one character class is what a regex scans fastest).
 */
// eslint-disable-next-line no-control-regex
const REFUSED_CHARS = /[\x00-\x09\x0B-\x1F\x7F-\x9F\uD800-\uDFFF\uFEFF\uFFFE\uFFFF\u2028\u2029]/;
/** A `---` line starting the document: nothing else on it but a comment. */
const DOCUMENT_START = /--- *(?:#[^\n]*)?(?:\n|$)/y;

/** A plain mapping key: a word, then `:` and a space or the line's end. */
const PLAIN_KEY = /[A-Za-z0-9_][A-Za-z0-9_./-]*:(?= |\n|$)/y;
/** A quoted mapping key without escapes (the quote is checked before). */
const SINGLE_KEY = /'[^'\n]*':(?= |\n|$)/y;
const DOUBLE_KEY = /"[^"\\\n]*":(?= |\n|$)/y;
/** A block scalar's header without an indentation indicator: style, chomping, then nothing but a comment. */
const BLOCK_HEADER = /[|>]([+-]?)(?: +#[^\n]*| *)\n/y;
/** After a quoted scalar or `[]`: nothing but spaces and a comment up to the line's end. */
const REST_OF_LINE = /(?: +#[^\n]*| *)(?=\n|$)/y;
const EMPTY_FLOW = /(?:\[ *\]|\{ *\})/y;
/** A run of plain scalar text on one line, up to the line's end, a ` #` comment, or a `:` that ends it. */
const PLAIN_RUN = /(?:[^:\n ]+|:(?=[^ \n])| (?!#))*/y;
/** A double-quoted scalar's text up to its closing quote, an escape or a line break. */
const DOUBLE_RUN = /[^"\\\n]*/y;
const SINGLE_RUN = /[^'\n]*/y;
const HEX = /[0-9A-Fa-f]+/y;

/**
 * The plain scalars that may resolve to null, a boolean, a number or `<<` (CORE_SCHEMA + merge):
 * js-yaml's resolvers take only these first characters, and these words.
 */
const MAY_BE_TYPED = /^(?:[-+.0-9~<]|(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$)/;
const IMPLICIT = (SCHEMA as unknown as { compiledImplicit: { resolve(s: string): boolean; construct(s: string): unknown }[] })
  .compiledImplicit;

/** A plain scalar's value, as js-yaml's implicit resolution of CORE_SCHEMA + merge gives it. */
function resolvePlain(s: string): unknown {
  if (!MAY_BE_TYPED.test(s)) return s;
  for (const type of IMPLICIT) if (type.resolve(s)) return type.construct(s);
  return s;
}

const ESCAPES: Record<string, string> = {
  '0': '\x00',
  a: '\x07',
  b: '\x08',
  t: '\x09',
  n: '\x0A',
  v: '\x0B',
  f: '\x0C',
  r: '\x0D',
  e: '\x1B',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xA0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

/** Nesting the reader takes: far below js-yaml's limit (maxDepth 100, which counts more than collections). */
const MAX_DEPTH = 32;

/** What js-yaml writes for `breaks` line breaks between two lines of a flow (plain or quoted) scalar. */
const fold = (breaks: number) => (breaks === 1 ? ' ' : '\n'.repeat(breaks - 1));
const newlines = (n: number) => (n === 0 ? '' : n === 1 ? '\n' : '\n'.repeat(n));

/** Whether `text` has a line starting with `mark` (`---`, `...`, `%`) after its first `from` characters. */
function lineStartsWith(text: string, mark: string, from: number): boolean {
  return (from === 0 && text.startsWith(mark)) || text.indexOf('\n' + mark, from === 0 ? 0 : from - 1) >= 0;
}

class Reader {
  /** Where lines start, found as the reader gets to them (a file declined early is not scanned). */
  private starts: Int32Array;
  /** How many line starts are known, and whether that is all of them. */
  private known = 1;
  private complete = false;
  private readonly length: number;
  /** How many collections the reader is in: rule files nest a few; js-yaml refuses 100 (its count, not this one). */
  private depth = 0;
  /** The JS value of the node just read. */
  private val: unknown = null;
  private count = 0;
  private flags: Uint8Array;
  private start: Int32Array;
  private end: Int32Array;
  private keyStart: Int32Array;
  private keyEnd: Int32Array;
  private firstChild: Int32Array;
  private nextSibling: Int32Array;
  /** The line after the node just read. */
  private next = 0;
  /** plainLine's results: past the run's last non-space character, and the offset of a ` #` comment or -1. */
  private stop = 0;
  private hash = -1;
  /** The indentation of the line nextContent found. */
  private indentation = 0;

  constructor(private readonly text: string) {
    this.length = text.length;
    // Sized by the text (about a node per 16 characters, a line per 32; both grow on demand): a
    // run over a few hundred small files paid more for zeroing 1024-entry arrays than for reading.
    const capacity = Math.min(1024, Math.max(16, text.length >> 4));
    this.starts = new Int32Array(Math.min(1024, Math.max(16, text.length >> 5)));
    this.flags = new Uint8Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.keyStart = new Int32Array(capacity);
    this.keyEnd = new Int32Array(capacity);
    this.firstChild = new Int32Array(capacity);
    this.nextSibling = new Int32Array(capacity);
  }

  /** A new node; its fields are set by the caller. */
  private alloc(): number {
    if (this.count === this.flags.length) {
      const grow = <T extends Uint8Array | Int32Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.flags = grow(this.flags);
      this.start = grow(this.start);
      this.end = grow(this.end);
      this.keyStart = grow(this.keyStart);
      this.keyEnd = grow(this.keyEnd);
      this.firstChild = grow(this.firstChild);
      this.nextSibling = grow(this.nextSibling);
    }
    const id = this.count++;
    this.keyStart[id] = -1;
    this.keyEnd[id] = -1;
    this.firstChild[id] = -1;
    this.nextSibling[id] = -1;
    return id;
  }

  /** A scalar (or empty) node, its value in `val`. */
  private leaf(kind: number, style: number, start: number, end: number, value: unknown): number {
    const id = this.alloc();
    this.flags[id] = kind | (style << 2) | (typeof value === 'string' ? STRING : 0);
    this.start[id] = start;
    this.end[id] = end;
    this.val = value;
    return id;
  }

  /** Links `child` after `prev` (or first) in collection `id`. */
  private link(id: number, prev: number, child: number): void {
    if (prev < 0) this.firstChild[id] = child;
    else this.nextSibling[prev] = child;
  }

  /**
   * Whether line `l` exists (its start is then in `starts`); callers test `l < this.known` first,
   * and this finds a few hundred line starts ahead, so that the call is rare.
   */
  private has(l: number): boolean {
    for (const ahead = l + 256; this.known <= ahead;) {
      if (this.complete) break;
      const nl = this.text.indexOf('\n', this.starts[this.known - 1]);
      if (nl < 0) {
        this.complete = true;
        break;
      }
      if (this.known === this.starts.length) {
        const grown = new Int32Array(this.known * 2);
        grown.set(this.starts);
        this.starts = grown;
      }
      this.starts[this.known++] = nl + 1;
    }
    return l < this.known;
  }

  private lineEnd(line: number): number {
    return line + 1 < this.known || this.has(line + 1) ? this.starts[line + 1]! - 1 : this.length;
  }

  private indent(line: number): number {
    const text = this.text;
    const start = this.starts[line]!;
    let i = start;
    while (text.charCodeAt(i) === 32) i++;
    return i - start;
  }

  /** The first line from `line` on with content (not blank, not only a comment), its indentation in `indentation`; the number of lines when there is none. */
  private nextContent(line: number): number {
    const text = this.text;
    for (; line < this.known || this.has(line); line++) {
      const start = this.starts[line]!;
      let i = start;
      while (text.charCodeAt(i) === 32) i++;
      const c = text.charCodeAt(i);
      if (c !== 35 /* # */ && c !== 10 && i < this.length) {
        this.indentation = i - start;
        return line;
      }
    }
    return line;
  }

  read(): FastYaml {
    const text = this.text;
    let first = this.nextContent(0);
    if (!(first < this.known || this.has(first))) decline(); // no content: let js-yaml say what it is
    // One document: a `---` only on the first line with content, alone there; no `...`, no directives.
    let from = 0;
    if (text.startsWith('---', this.starts[first])) {
      DOCUMENT_START.lastIndex = this.starts[first]!;
      if (!DOCUMENT_START.test(text)) decline();
      from = DOCUMENT_START.lastIndex;
      first = this.nextContent(first + 1);
      if (!(first < this.known || this.has(first))) decline();
    }
    const indentation = this.indentation;
    if (lineStartsWith(text, '---', from) || lineStartsWith(text, '...', 0) || lineStartsWith(text, '%', 0)) decline();
    this.block(first, indentation);
    const value = this.val;
    const rest = this.nextContent(this.next);
    if (rest < this.known || this.has(rest)) decline();
    // Last, so that a file declined for its shape is declined early.
    if (REFUSED_CHARS.test(text)) decline();
    const { flags, start, end, keyStart, keyEnd, firstChild, nextSibling } = this;
    return { value, text, flags, start, end, keyStart, keyEnd, firstChild, nextSibling, entries: new Map(), items: new Map() };
  }

  /** A block collection whose first line is `line`, at column `col`. */
  private block(line: number, col: number): number {
    const at = this.starts[line]! + col;
    if (this.isDash(at)) return this.sequence(line, col);
    if (this.keyStop(at) >= 0) return this.mapping(line, col);
    return decline();
  }

  private isDash(at: number): boolean {
    return this.text.charCodeAt(at) === 45 /* - */ && this.isSpaceAfter(at);
  }

  /** Whether the character at `at` is followed by a space, a line break or the end of the text. */
  private isSpaceAfter(at: number): boolean {
    const c = this.text.charCodeAt(at + 1);
    return c === 32 || c === 10 || Number.isNaN(c);
  }

  /** The offset past the `:` of a mapping key at `at`, or -1 when there is none the reader takes. */
  private keyStop(at: number): number {
    const c = this.text.charCodeAt(at);
    const re = c === 39 /* ' */ ? SINGLE_KEY : c === 34 /* " */ ? DOUBLE_KEY : PLAIN_KEY;
    re.lastIndex = at;
    return re.test(this.text) ? re.lastIndex : -1;
  }

  private mapping(line: number, col: number): number {
    if (++this.depth > MAX_DEPTH) decline();
    const text = this.text;
    const value: Record<string, unknown> = {};
    const id = this.alloc();
    this.flags[id] = MAPPING;
    this.start[id] = this.starts[line]! + col;
    let prev = -1;
    for (;;) {
      const keyAt = this.starts[line]! + col;
      const keyEnd = this.keyStop(keyAt);
      if (keyEnd < 0) decline();
      const q = text.charCodeAt(keyAt);
      let key: string;
      if (q === 39 /* ' */ || q === 34 /* " */) key = text.slice(keyAt + 1, keyEnd - 2);
      else {
        const typed = resolvePlain(text.slice(keyAt, keyEnd - 1));
        if (typeof typed !== 'string') decline(); // `true:`, `1:`: keys js-yaml turns into strings but the frames do not look up
        key = typed;
      }
      if (key === '__proto__' || Object.hasOwn(value, key)) decline();
      let after = keyEnd;
      while (text.charCodeAt(after) === 32) after++;
      const c = text.charCodeAt(after);
      const entry = c === 10 || c === 35 /* # */ || after >= this.length ? this.below(line, col, true) : this.inline(line, after, col);
      this.keyStart[entry] = keyAt;
      this.keyEnd[entry] = keyEnd - 1;
      value[key] = this.val;
      this.link(id, prev, entry);
      prev = entry;
      line = this.nextContent(this.next);
      if (!(line < this.known || this.has(line))) break;
      const indent = this.indentation;
      if (indent < col) break;
      if (indent > col) decline();
    }
    this.next = line;
    this.val = value;
    this.depth--;
    return id;
  }

  private sequence(line: number, col: number): number {
    if (++this.depth > MAX_DEPTH) decline();
    const text = this.text;
    const value: unknown[] = [];
    const id = this.alloc();
    this.flags[id] = SEQUENCE;
    this.start[id] = this.starts[line]! + col;
    let prev = -1;
    for (;;) {
      let after = this.starts[line]! + col + 1;
      while (text.charCodeAt(after) === 32) after++;
      const c = text.charCodeAt(after);
      let item: number;
      if (c === 10 || c === 35 /* # */ || after >= this.length) {
        item = this.below(line, col, false);
        if ((this.flags[item]! & 3) === EMPTY) decline(); // an empty entry has no frame of its own
      } else if (this.isDash(after)) item = this.sequence(line, after - this.starts[line]!);
      else if (this.keyStop(after) >= 0) item = this.mapping(line, after - this.starts[line]!);
      else item = this.inline(line, after, col);
      value.push(this.val);
      this.link(id, prev, item);
      prev = item;
      line = this.nextContent(this.next);
      if (!(line < this.known || this.has(line))) break;
      const indent = this.indentation;
      if (indent < col) break;
      if (indent > col) decline();
      if (!this.isDash(this.starts[line]! + col)) break; // the next key of a mapping at the same column
    }
    this.next = line;
    this.val = value;
    this.depth--;
    return id;
  }

  /** The value of the entry on `line` written on the lines below it (or nothing: an empty value). */
  private below(line: number, col: number, inMapping: boolean): number {
    const next = this.nextContent(line + 1);
    if (next < this.known || this.has(next)) {
      const indent = this.indentation;
      if (indent > col) return this.block(next, indent);
      // A sequence may sit at its key's column.
      if (inMapping && indent === col && this.isDash(this.starts[next]! + col)) return this.sequence(next, col);
    }
    this.next = line + 1;
    const at = this.lineEnd(line);
    return this.leaf(EMPTY, PLAIN, at, at, null);
  }

  /** A scalar (or `[]`, `{}`) starting at `at` on `line`, the value of an entry of a collection at column `parent`. */
  private inline(line: number, at: number, parent: number): number {
    const text = this.text;
    const c = text.charCodeAt(at);
    if (c === 39 /* ' */ || c === 34 /* " */) {
      const single = c === 39;
      const [value, end] = single ? this.singleQuoted(at, parent) : this.doubleQuoted(at, parent);
      REST_OF_LINE.lastIndex = end;
      if (!REST_OF_LINE.test(text)) decline();
      this.next = (text.lastIndexOf('\n', end) < at ? line : this.lineOf(end)) + 1;
      return this.leaf(SCALAR, single ? SINGLE : DOUBLE, at, end, value);
    }
    if (c === 124 /* | */ || c === 62 /* > */) return this.blockScalar(line, at, parent);
    if (c === 91 /* [ */ || c === 123 /* { */) {
      EMPTY_FLOW.lastIndex = at;
      if (!EMPTY_FLOW.test(text)) decline();
      REST_OF_LINE.lastIndex = EMPTY_FLOW.lastIndex;
      if (!REST_OF_LINE.test(text)) decline();
      this.next = line + 1;
      const id = this.leaf(c === 91 ? SEQUENCE : MAPPING, PLAIN, at, at, c === 91 ? [] : {});
      return id;
    }
    // Indicators js-yaml reads otherwise (or refuses) at the start of a plain scalar; `:` and `-`
    // start one when a non-space follows (`record: :job:rate5m`, `-1`).
    const ch = text[at]!;
    if ('?,]}#&*!%@`'.includes(ch) || ((ch === '-' || ch === ':') && this.isSpaceAfter(at))) decline();
    return this.plain(line, at, parent);
  }

  /** One line's run of a plain scalar from `from` (into `stop` and `hash`). Declines on `: ` and a final `:`. */
  private plainLine(from: number): void {
    const text = this.text;
    PLAIN_RUN.lastIndex = from;
    PLAIN_RUN.test(text);
    let stop = PLAIN_RUN.lastIndex;
    const c = text.charCodeAt(stop);
    if (c === 58 /* : */) decline();
    this.hash = c === 32 ? stop + 1 : -1;
    while (stop > from && text.charCodeAt(stop - 1) === 32) stop--;
    this.stop = stop;
  }

  private plain(line: number, at: number, parent: number): number {
    const text = this.text;
    this.plainLine(at);
    let value = text.slice(at, this.stop);
    let end = this.hash >= 0 ? this.hash : this.stop;
    // Continuation lines: indented past the collection, folded into the value with spaces, blank lines as line breaks.
    while (this.hash < 0) {
      let breaks = 1;
      let cont = line + 1;
      let indent = 0;
      for (; cont < this.known || this.has(cont); cont++) {
        indent = this.indent(cont);
        if (this.starts[cont]! + indent !== this.lineEnd(cont)) break;
        breaks++;
      }
      if (!(cont < this.known || this.has(cont))) break;
      if (indent <= parent) break;
      const from = this.starts[cont]! + indent;
      if (text.charCodeAt(from) === 35 /* # */) decline();
      line = cont;
      this.plainLine(from);
      value += fold(breaks) + text.slice(from, this.stop);
      end = this.hash >= 0 ? this.hash : this.stop;
    }
    this.next = line + 1;
    return this.leaf(SCALAR, PLAIN, at, end, resolvePlain(value));
  }

  /**
   * After a line break at `nl` inside a quoted scalar: the line breaks up to the next content, and
   * that content's offset. Declines on a continuation not indented past the collection.
   */
  private quotedBreak(nl: number, parent: number): [number, number] {
    const text = this.text;
    let breaks = 0;
    let i = nl;
    while (text.charCodeAt(i) === 10) {
      breaks++;
      const lineStart = i + 1;
      i = lineStart;
      while (text.charCodeAt(i) === 32) i++;
      if (i - lineStart <= parent && text.charCodeAt(i) !== 10) decline();
    }
    if (i >= this.length) decline();
    return [breaks, i];
  }

  private lineOf(offset: number): number {
    let low = 0;
    while (!this.complete && this.starts[this.known - 1]! <= offset) this.has(this.known);
    let high = this.known - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** The value and the offset past the closing quote (readSingleQuotedScalar of js-yaml). */
  private singleQuoted(at: number, parent: number): [string, number] {
    const text = this.text;
    let segment = at + 1;
    let value = '';
    for (;;) {
      SINGLE_RUN.lastIndex = segment;
      SINGLE_RUN.test(text);
      const i = SINGLE_RUN.lastIndex;
      const c = text.charCodeAt(i);
      if (c === 39 /* ' */) {
        value += text.slice(segment, i);
        if (text.charCodeAt(i + 1) !== 39) return [value, i + 1];
        value += "'";
        segment = i + 2;
      } else if (c === 10) {
        // Trailing spaces go; the line break folds.
        let stop = i;
        while (stop > segment && text.charCodeAt(stop - 1) === 32) stop--;
        const [breaks, next] = this.quotedBreak(i, parent);
        value += text.slice(segment, stop) + fold(breaks);
        segment = next;
      } else decline();
    }
  }

  /** The value and the offset past the closing quote (readDoubleQuotedScalar of js-yaml, without escaped line breaks). */
  private doubleQuoted(at: number, parent: number): [string, number] {
    const text = this.text;
    let segment = at + 1;
    let value = '';
    for (;;) {
      DOUBLE_RUN.lastIndex = segment;
      DOUBLE_RUN.test(text);
      const i = DOUBLE_RUN.lastIndex;
      const c = text.charCodeAt(i);
      if (c === 34 /* " */) return [value + text.slice(segment, i), i + 1];
      if (c === 10) {
        let stop = i;
        while (stop > segment && text.charCodeAt(stop - 1) === 32) stop--;
        const [breaks, next] = this.quotedBreak(i, parent);
        value += text.slice(segment, stop) + fold(breaks);
        segment = next;
        continue;
      }
      if (c !== 92 /* \ */) decline();
      value += text.slice(segment, i);
      const e = text[i + 1]!;
      const simple = ESCAPES[e];
      if (simple !== undefined) {
        value += simple;
        segment = i + 2;
        continue;
      }
      const length = HEX_LENGTH[e];
      if (length === undefined) decline(); // an escaped line break, or an error
      HEX.lastIndex = i + 2;
      const hex = HEX.exec(text);
      if (!hex || hex[0].length < length) decline();
      const code = parseInt(hex[0].slice(0, length), 16);
      if (code > 0x10ffff) decline();
      value +=
        code <= 0xffff
          ? String.fromCharCode(code)
          : String.fromCharCode(((code - 0x10000) >> 10) + 0xd800, ((code - 0x10000) & 0x3ff) + 0xdc00);
      segment = i + 2 + length;
    }
  }

  /** A literal or folded block scalar (readBlockScalar of js-yaml, for headers without an indentation indicator). */
  private blockScalar(line: number, at: number, parent: number): number {
    const text = this.text;
    BLOCK_HEADER.lastIndex = at;
    const header = BLOCK_HEADER.exec(text);
    if (!header) decline();
    const folding = text.charCodeAt(at) === 62; /* > */
    const chomping = header[1];
    let textIndent = parent + 1;
    let detected = false;
    let didRead = false;
    let atMoreIndented = false;
    let emptyLines = 0;
    let value = '';
    for (let l = line + 1; l < this.known || this.has(l); l++) {
      const start = this.starts[l]!;
      const lineEnd = this.lineEnd(l);
      let i = start;
      while (text.charCodeAt(i) === 32) i++;
      const indent = i - start;
      if (i === lineEnd && (l + 1 < this.known || this.has(l + 1))) {
        if (indent > 0) decline(); // a line of spaces: js-yaml reads it by its length against the indentation
        emptyLines++;
        continue;
      }
      if (!detected && indent > textIndent) textIndent = indent;
      if (indent < textIndent) {
        // The end (at the first content of a less indented line, or of the text): chomping.
        if (chomping === '+') value += newlines(didRead ? 1 + emptyLines : emptyLines);
        else if (chomping === '' && didRead) value += '\n';
        this.next = l;
        return this.leaf(SCALAR, BLOCK, at, i, value);
      }
      const from = start + textIndent;
      if (!folding) value += newlines(didRead ? 1 + emptyLines : emptyLines);
      else if (text.charCodeAt(from) === 32) {
        // More-indented lines are not folded.
        atMoreIndented = true;
        value += newlines(didRead ? 1 + emptyLines : emptyLines);
      } else if (atMoreIndented) {
        atMoreIndented = false;
        value += newlines(emptyLines + 1);
      } else if (emptyLines === 0) {
        if (didRead) value += ' ';
      } else value += newlines(emptyLines);
      didRead = true;
      detected = true;
      emptyLines = 0;
      value += text.slice(from, lineEnd);
    }
    return decline();
  }
}

/** The document's value and its nodes, or undefined when the reader declines (js-yaml reads the text then). */
export function readFast(text: string): FastYaml | undefined {
  try {
    // js-yaml reads a text without a final line break as if it had one (ends of scalars placed past the text included).
    return new Reader(text.length === 0 || text.charCodeAt(text.length - 1) === 10 ? text : text + '\n').read();
  } catch (err) {
    if (err === DECLINE) return undefined;
    throw err;
  }
}

/** The key of entry `c`, from the text (the reader takes quoted keys only without escapes). */
function keyOf(y: FastYaml, c: number): string {
  const from = y.keyStart[c]!;
  const to = y.keyEnd[c]!;
  const q = y.text.charCodeAt(from);
  return q === 39 /* ' */ || q === 34 /* " */ ? y.text.slice(from + 1, to - 1) : y.text.slice(from, to);
}

/** Mapping `id`'s entry for `key`, or -1. */
function entry(y: FastYaml, id: number, key: string): number {
  let index = y.entries.get(id);
  if (!index) {
    index = new Map();
    for (let c = y.firstChild[id]!; c >= 0; c = y.nextSibling[c]!) index.set(keyOf(y, c), c);
    y.entries.set(id, index);
  }
  return index.get(key) ?? -1;
}

/** Sequence `id`'s item `i`, or -1. */
function item(y: FastYaml, id: number, i: number): number {
  let list = y.items.get(id);
  if (!list) {
    list = [];
    for (let c = y.firstChild[id]!; c >= 0; c = y.nextSibling[c]!) list.push(c);
    y.items.set(id, list);
  }
  return i < list.length ? list[i]! : -1;
}

interface FastLocated {
  node: number;
  /** The offset of the key of the last step, when it is a map entry; -1 otherwise. */
  key: number;
  complete: boolean;
}

/**
 * The node at `path`, as yaml-reader.ts's `locate` finds frames: the deepest node found, the key
 * offset of a last map step; undefined through an empty value (only `yaml` places it).
 */
function locateFast(y: FastYaml, path: readonly (string | number)[]): FastLocated | undefined {
  let node = 0;
  let key = -1;
  for (let i = 0; i < path.length; i++) {
    const step = path[i]!;
    const kind = y.flags[node]! & 3;
    if (kind === MAPPING) {
      const found = typeof step === 'string' ? entry(y, node, step) : -1;
      if (found < 0) return { node, key: -1, complete: false };
      if (i === path.length - 1) key = y.keyStart[found]!;
      if ((y.flags[found]! & 3) === EMPTY) return i === path.length - 1 ? { node, key, complete: true } : undefined;
      node = found;
    } else if (kind === SEQUENCE) {
      const index = typeof step === 'number' ? step : step === '' ? NaN : Number(step);
      const found = Number.isInteger(index) && index >= 0 ? item(y, node, index) : -1;
      if (found < 0) return { node, key: -1, complete: false };
      node = found;
    } else return { node, key: -1, complete: false };
  }
  return { node, key, complete: true };
}

/** The offset `LintFile.position` reports for `path`; undefined where only `yaml` knows (a path through an empty value). */
export function fastOffset(y: FastYaml, path: readonly (string | number)[]): number | undefined {
  const found = locateFast(y, path);
  return found && (found.key >= 0 ? found.key : y.start[found.node]!);
}

/**
 * What `LintFile.scalar` reports for `path`: where the string scalar there is written, null when
 * there is none, undefined where only `yaml` knows.
 */
export function fastScalar(
  y: FastYaml,
  path: readonly (string | number)[],
): { start: number; end: number; style: Style } | null | undefined {
  const found = locateFast(y, path);
  if (!found) return undefined;
  const flags = y.flags[found.node]!;
  if (!found.complete || (flags & 3) !== SCALAR || !(flags & STRING)) return null;
  return { start: y.start[found.node]!, end: y.end[found.node]!, style: STYLES[(flags >> 2) & 3]! };
}
