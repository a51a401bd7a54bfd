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

export interface FastNode {
  kind: 'mapping' | 'sequence' | 'scalar' | 'empty';
  /** Offset of the node's content (of its first key for a mapping, of `-` for a sequence). */
  start: number;
  /** Scalars: where js-yaml's parse events end the node (after a quote, at a trailing `#`, at the next line's content…). */
  end: number;
  style: 'plain' | 'block' | 'double' | 'single';
  value: unknown;
  entries?: Map<string, { key: number; node: FastNode }>;
  items?: FastNode[];
}

/** Thrown when the reader declines and caught once in readFast: one instance, so declining costs no stack capture. */
const DECLINE = new Error('readFast declined');

function decline(): never {
  throw DECLINE;
}

/**
 * Characters the reader does not take anywhere: tabs and CR (js-yaml's rules for them are subtle),
 * non-printable characters js-yaml refuses, a byte order mark, NEL and the Unicode line separators,
 * lone surrogates.
 */
const REFUSED_CHARS =
  // eslint-disable-next-line no-control-regex
  /[\x00-\x09\x0B-\x1F\x7F-\x9F\uFEFF\uFFFE\uFFFF\u2028\u2029]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
/** Lines that start or end a document or hold a directive. */
const DOCUMENT_MARKS = /^(?:---|\.\.\.)(?=[ \n]|$)|^%/gm;
/** A last line of spaces (js-yaml's end of a plain scalar there is peculiar). */
const SPACES_AT_END = /(?:^|\n) +$/;
const DOCUMENT_START = /--- *(?:#[^\n]*)?(?:\n|$)/y;

/** A mapping key: a plain word, or a short quoted one without escapes, then `:` and a space or the line's end. */
const KEY = /([A-Za-z0-9_][A-Za-z0-9_./-]*|'[^'\n]*'|"[^"\\\n]*"):(?= |\n|$)/y;
/** A block scalar's header without an indentation indicator: style, chomping, then nothing but a comment. */
const BLOCK_HEADER = /[|>]([+-]?)(?: +#[^\n]*| *)\n/y;
/** After a quoted scalar or `[]`: nothing but spaces and a comment up to the line's end. */
const REST_OF_LINE = /(?: +#[^\n]*| *)(?=\n|$)/y;
/** A run of plain scalar text on one line, up to the line's end, a ` #` comment, or a `:` that ends it. */
const PLAIN_RUN = /(?:[^:\n ]+|:(?=[^ \n])| (?!#))*/y;
const EMPTY_FLOW = /(?:\[ *\]|\{ *\})/y;

/** Plain scalars starting with one of these may resolve to null, a boolean, a number or `<<` (CORE_SCHEMA + merge). */
const MAY_BE_TYPED = /^[-+.~0-9nNtTfF<]/;
const IMPLICIT = (SCHEMA as unknown as { compiledImplicit: { resolve(s: string): boolean; construct(s: string): unknown }[] })
  .compiledImplicit;

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
const HEX = /[0-9A-Fa-f]+/y;

const fold = (breaks: number) => (breaks === 1 ? ' ' : '\n'.repeat(breaks - 1));

class Reader {
  private readonly starts: number[] = [0];
  private readonly length: number;

  constructor(private readonly text: string) {
    this.length = text.length;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  private lineEnd(line: number): number {
    return line + 1 < this.starts.length ? this.starts[line + 1]! - 1 : this.length;
  }

  private indent(line: number): number {
    const text = this.text;
    const start = this.starts[line]!;
    let i = start;
    while (text.charCodeAt(i) === 32) i++;
    return i - start;
  }

  /** The first line from `line` on with content (not blank, not only a comment); the number of lines when there is none. */
  private nextContent(line: number): number {
    const text = this.text;
    for (const n = this.starts.length; line < n; line++) {
      const c = text.charCodeAt(this.starts[line]! + this.indent(line));
      if (c === 35 /* # */ || c === 10 || Number.isNaN(c)) continue;
      return line;
    }
    return line;
  }

  read(): FastNode {
    const text = this.text;
    if (REFUSED_CHARS.test(text) || SPACES_AT_END.test(text)) decline();
    let first = this.nextContent(0);
    DOCUMENT_MARKS.lastIndex = 0;
    const mark = DOCUMENT_MARKS.exec(text);
    if (mark) {
      // Only a `---` on the first line with content, alone there.
      DOCUMENT_START.lastIndex = mark.index;
      if (first >= this.starts.length || mark.index !== this.starts[first] || !DOCUMENT_START.test(text) || DOCUMENT_MARKS.exec(text))
        decline();
      first = this.nextContent(first + 1);
    }
    if (first >= this.starts.length) decline(); // no content: let js-yaml say what it is
    const [root, next] = this.block(first, this.indent(first));
    if (this.nextContent(next) < this.starts.length) decline();
    return root;
  }

  /** A block collection whose first line is `line`, at column `col`; the node and the line after it. */
  private block(line: number, col: number): [FastNode, number] {
    const at = this.starts[line]! + col;
    if (this.isDash(at)) return this.sequence(line, col);
    KEY.lastIndex = at;
    if (KEY.test(this.text)) return this.mapping(line, col);
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

  private mapping(line: number, col: number): [FastNode, number] {
    const text = this.text;
    const value: Record<string, unknown> = {};
    const entries = new Map<string, { key: number; node: FastNode }>();
    const start = this.starts[line]! + col;
    for (;;) {
      const keyAt = this.starts[line]! + col;
      KEY.lastIndex = keyAt;
      const m = KEY.exec(text);
      if (!m) decline();
      const raw = m[1]!;
      const q = raw.charCodeAt(0);
      let key: string;
      if (q === 39 /* ' */ || q === 34 /* " */) key = raw.slice(1, -1);
      else {
        const typed = resolvePlain(raw);
        if (typeof typed !== 'string') decline(); // `true:`, `1:`: keys js-yaml turns into strings but the frames do not look up
        key = typed;
      }
      if (key === '__proto__' || Object.prototype.hasOwnProperty.call(value, key)) decline();
      let node: FastNode;
      let next: number;
      let after = KEY.lastIndex;
      while (text.charCodeAt(after) === 32) after++;
      const c = text.charCodeAt(after);
      if (c === 10 || c === 35 /* # */ || Number.isNaN(c)) {
        [node, next] = this.below(line, col, true);
      } else [node, next] = this.inline(line, after, col);
      value[key] = node.value;
      entries.set(key, { key: keyAt, node });
      line = this.nextContent(next);
      if (line >= this.starts.length) break;
      const indent = this.indent(line);
      if (indent < col) break;
      if (indent > col) decline();
    }
    return [{ kind: 'mapping', start, end: start, style: 'plain', value, entries }, line];
  }

  private sequence(line: number, col: number): [FastNode, number] {
    const text = this.text;
    const value: unknown[] = [];
    const items: FastNode[] = [];
    const start = this.starts[line]! + col;
    for (;;) {
      let after = this.starts[line]! + col + 1;
      while (text.charCodeAt(after) === 32) after++;
      const c = text.charCodeAt(after);
      let node: FastNode;
      let next: number;
      if (c === 10 || c === 35 /* # */ || Number.isNaN(c)) {
        [node, next] = this.below(line, col, false);
        if (node.kind === 'empty') decline(); // an empty entry has no frame of its own
      } else if (this.isDash(after)) [node, next] = this.sequence(line, after - this.starts[line]!);
      else {
        KEY.lastIndex = after;
        if (KEY.test(text)) [node, next] = this.mapping(line, after - this.starts[line]!);
        else [node, next] = this.inline(line, after, col);
      }
      value.push(node.value);
      items.push(node);
      line = this.nextContent(next);
      if (line >= this.starts.length) break;
      const indent = this.indent(line);
      if (indent < col) break;
      if (indent > col) decline();
      if (!this.isDash(this.starts[line]! + col)) break; // the next key of a mapping at the same column
    }
    return [{ kind: 'sequence', start, end: start, style: 'plain', value, items }, line];
  }

  /** The value of the entry on `line` written on the lines below it (or nothing: an empty value). */
  private below(line: number, col: number, inMapping: boolean): [FastNode, number] {
    const next = this.nextContent(line + 1);
    if (next < this.starts.length) {
      const indent = this.indent(next);
      if (indent > col) return this.block(next, indent);
      // A sequence may sit at its key's column.
      if (inMapping && indent === col && this.isDash(this.starts[next]! + col)) return this.sequence(next, col);
    }
    const at = this.lineEnd(line);
    return [{ kind: 'empty', start: at, end: at, style: 'plain', value: null }, line + 1];
  }

  /** A scalar (or `[]`, `{}`) starting at `at` on `line`, the value of an entry of a collection at column `parent`. */
  private inline(line: number, at: number, parent: number): [FastNode, number] {
    const text = this.text;
    const c = text[at]!;
    if (c === "'" || c === '"') {
      const [value, end] = c === "'" ? this.singleQuoted(at, parent) : this.doubleQuoted(at, parent);
      REST_OF_LINE.lastIndex = end;
      if (!REST_OF_LINE.test(text)) decline();
      const last = text.lastIndexOf('\n', end) < at ? line : this.lineOf(end);
      return [{ kind: 'scalar', start: at, end, style: c === "'" ? 'single' : 'double', value }, last + 1];
    }
    if (c === '|' || c === '>') return this.blockScalar(line, at, parent);
    if (c === '[' || c === '{') {
      EMPTY_FLOW.lastIndex = at;
      if (!EMPTY_FLOW.test(text)) decline();
      REST_OF_LINE.lastIndex = EMPTY_FLOW.lastIndex;
      if (!REST_OF_LINE.test(text)) decline();
      const kind = c === '[' ? 'sequence' : 'mapping';
      return [
        { kind, start: at, end: at, style: 'plain', value: c === '[' ? [] : {}, ...(c === '[' ? { items: [] } : { entries: new Map() }) },
        line + 1,
      ];
    }
    // Indicators js-yaml reads otherwise (or refuses) at the start of a plain scalar; `:` and `-`
    // start one when a non-space follows (`record: :job:rate5m`, `-1`).
    if ('?,]}#&*!%@`'.includes(c) || ((c === '-' || c === ':') && this.isSpaceAfter(at))) decline();
    return this.plain(line, at, parent);
  }

  /**
   * One line's part of a plain scalar from `from`: past its last non-space character, and the
   * offset of a ` #` comment ending the scalar (-1 when none). Declines on `: ` and a final `:`.
   */
  private plainLine(from: number): [number, number] {
    const text = this.text;
    PLAIN_RUN.lastIndex = from;
    PLAIN_RUN.test(text);
    let stop = PLAIN_RUN.lastIndex;
    const c = text.charCodeAt(stop);
    if (c === 58 /* : */) decline();
    const hash = c === 32 ? stop + 1 : -1;
    while (stop > from && text.charCodeAt(stop - 1) === 32) stop--;
    return [stop, hash];
  }

  private plain(line: number, at: number, parent: number): [FastNode, number] {
    const text = this.text;
    const n = this.starts.length;
    let lineEnd = this.lineEnd(line);
    let [stop, hash] = this.plainLine(at);
    let value = text.slice(at, stop);
    let end = hash >= 0 ? hash : lineEnd === this.length ? lineEnd : stop;
    let next = line + 1;
    // Continuation lines: indented past the collection, folded into the value with spaces, blank lines as line breaks.
    while (hash < 0 && lineEnd < this.length) {
      let breaks = 1;
      let cont = line + 1;
      while (cont < n && this.starts[cont]! + this.indent(cont) === this.lineEnd(cont)) {
        breaks++;
        cont++;
      }
      if (cont >= n || this.indent(cont) <= parent) break;
      const from = this.starts[cont]! + this.indent(cont);
      if (text.charCodeAt(from) === 35 /* # */) decline();
      line = cont;
      lineEnd = this.lineEnd(line);
      [stop, hash] = this.plainLine(from);
      value += fold(breaks) + text.slice(from, stop);
      end = hash >= 0 ? hash : lineEnd === this.length ? lineEnd : stop;
      next = line + 1;
    }
    return [{ kind: 'scalar', start: at, end, style: 'plain', value: resolvePlain(value) }, next];
  }

  /**
   * After a line break inside a quoted scalar: the line breaks up to the next content, that
   * content's offset, and its line. Declines on a continuation not indented past the collection.
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
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** The value and the offset past the closing quote. */
  private singleQuoted(at: number, parent: number): [string, number] {
    const text = this.text;
    let segment = at + 1;
    let value = '';
    let nl = text.indexOf('\n', segment);
    for (let i = segment; ;) {
      const quote = text.indexOf("'", i);
      if (quote < 0) decline();
      if (nl >= 0 && nl < quote) {
        let stop = nl;
        while (stop > segment && text.charCodeAt(stop - 1) === 32) stop--;
        const [breaks, next] = this.quotedBreak(nl, parent);
        value += text.slice(segment, stop) + fold(breaks);
        segment = i = next;
        nl = text.indexOf('\n', i);
        continue;
      }
      value += text.slice(segment, quote);
      if (text.charCodeAt(quote + 1) === 39) {
        value += "'";
        segment = i = quote + 2;
        continue;
      }
      return [value, quote + 1];
    }
  }

  private doubleQuoted(at: number, parent: number): [string, number] {
    const text = this.text;
    let segment = at + 1;
    let value = '';
    const special = /["\\\n]/g;
    special.lastIndex = segment;
    for (;;) {
      const m = special.exec(text);
      if (!m) decline();
      const i = m.index;
      const c = m[0];
      if (c === '"') return [value + text.slice(segment, i), i + 1];
      if (c === '\n') {
        let stop = i;
        while (stop > segment && text.charCodeAt(stop - 1) === 32) stop--;
        const [breaks, next] = this.quotedBreak(i, parent);
        value += text.slice(segment, stop) + fold(breaks);
        segment = special.lastIndex = next;
        continue;
      }
      value += text.slice(segment, i);
      const e = text[i + 1]!;
      const simple = ESCAPES[e];
      if (simple !== undefined) {
        value += simple;
        segment = i + 2;
      } else {
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
      special.lastIndex = segment;
    }
  }

  /** A literal or folded block scalar (readBlockScalar of js-yaml, for headers without an indentation indicator). */
  private blockScalar(line: number, at: number, parent: number): [FastNode, number] {
    const text = this.text;
    BLOCK_HEADER.lastIndex = at;
    const header = BLOCK_HEADER.exec(text);
    if (!header) decline();
    const folding = text[at] === '>';
    const chomping = header[1];
    let textIndent = parent + 1;
    let detected = false;
    let didRead = false;
    let atMoreIndented = false;
    let emptyLines = 0;
    let value = '';
    const n = this.starts.length;
    for (let l = line + 1; l < n; l++) {
      const start = this.starts[l]!;
      const lineEnd = this.lineEnd(l);
      const indent = this.indent(l);
      if (start + indent === lineEnd && lineEnd < this.length) {
        if (indent > 0) decline(); // a line of spaces: js-yaml reads it by its length against the indentation
        emptyLines++;
        continue;
      }
      if (!detected && indent > textIndent) textIndent = indent;
      if (indent < textIndent) {
        // The end (at the first content of a less indented line, or of the text): chomping.
        if (chomping === '+') value += '\n'.repeat(didRead ? 1 + emptyLines : emptyLines);
        else if (chomping === '' && didRead) value += '\n';
        return [{ kind: 'scalar', start: at, end: start + indent, style: 'block', value }, l];
      }
      const from = start + textIndent;
      if (folding) {
        if (text.charCodeAt(from) === 32) {
          atMoreIndented = true;
          value += '\n'.repeat(didRead ? 1 + emptyLines : emptyLines);
        } else if (atMoreIndented) {
          atMoreIndented = false;
          value += '\n'.repeat(emptyLines + 1);
        } else if (emptyLines === 0) {
          if (didRead) value += ' ';
        } else value += '\n'.repeat(emptyLines);
      } else value += '\n'.repeat(didRead ? 1 + emptyLines : emptyLines);
      didRead = true;
      detected = true;
      emptyLines = 0;
      value += text.slice(from, lineEnd);
      if (lineEnd === this.length) return [{ kind: 'scalar', start: at, end: lineEnd, style: 'block', value }, n]; // no chomping without a final line break
    }
    return decline();
  }
}

/** The document's value and its nodes, or undefined when the reader declines (js-yaml reads the text then). */
export function readFast(text: string): FastNode | undefined {
  try {
    return new Reader(text).read();
  } catch (err) {
    if (err === DECLINE) return undefined;
    throw err;
  }
}

/** The node at `path`, following yaml-reader.ts's `locate`: the deepest node found, the key offset of a last map step, or undefined through an empty value. */
function locateFast(root: FastNode, path: readonly (string | number)[]): { node: FastNode; key?: number; complete: boolean } | undefined {
  let node = root;
  let key: number | undefined;
  for (let i = 0; i < path.length; i++) {
    const step = path[i]!;
    if (node.kind === 'mapping') {
      const entry = typeof step === 'string' ? node.entries!.get(step) : undefined;
      if (!entry) return { node, complete: false };
      if (i === path.length - 1) key = entry.key;
      if (entry.node.kind === 'empty') return i === path.length - 1 ? { node, key: entry.key, complete: true } : undefined;
      node = entry.node;
    } else if (node.kind === 'sequence') {
      const index = typeof step === 'number' ? step : step === '' ? NaN : Number(step);
      const item = Number.isInteger(index) && index >= 0 ? node.items![index] : undefined;
      if (!item) return { node, complete: false };
      node = item;
    } else return { node, complete: false };
  }
  return { node, ...(key !== undefined && { key }), complete: true };
}

/** The offset `LintFile.position` reports for `path`; undefined where only `yaml` knows (a path through an empty value). */
export function fastOffset(root: FastNode, path: readonly (string | number)[]): number | undefined {
  const found = locateFast(root, path);
  return found && (found.key ?? found.node.start);
}

/**
 * What `LintFile.scalar` reports for `path`: where the string scalar there is written, null when
 * there is none, undefined where only `yaml` knows.
 */
export function fastScalar(
  root: FastNode,
  path: readonly (string | number)[],
): { start: number; end: number; style: FastNode['style'] } | null | undefined {
  const found = locateFast(root, path);
  if (!found) return undefined;
  const { node } = found;
  if (!found.complete || node.kind !== 'scalar' || typeof node.value !== 'string') return null;
  return { start: node.start, end: node.end, style: node.style };
}
