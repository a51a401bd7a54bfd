/**
 * A fast YAML emitter for plain data (objects, arrays, strings, finite numbers, booleans, null) that
 * writes exactly the bytes `yaml.stringify(value, YAML_OPTIONS)` writes (yaml 2.x, YAML 1.2 core
 * schema), without building a node tree. It is a port of the package's block-style stringifier
 * (stringifyCollection, stringifyPair, stringifyString, stringifyNumber, the core schema's tag tests)
 * specialised to these options: lineWidth 0 (no folding, so block scalars are always literal `|`),
 * singleQuote false (every quoted scalar is double-quoted), indent 2, no anchors, no comments.
 *
 * Anything outside that domain — a root that is not an object or array, undefined, non-finite
 * numbers, bigint, functions, class instances — is handed to `yaml.stringify` for the whole document,
 * so the result is always what the package would write. The differential tests in yaml-emit.test.ts
 * hold the two to byte identity.
 */
import { stringify } from 'yaml';

export const YAML_OPTIONS = {
  indent: 2,
  lineWidth: 0,
  minContentWidth: 0,
  aliasDuplicateObjects: false,
  singleQuote: false,
} as const;

/** Thrown inside the emitter for a value it does not handle; the whole document goes to yaml.stringify. */
class Unsupported extends Error {}

const INDENT_STEP = '  ';
/** stringifyString: control characters and lone surrogates force double quotes. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this matches
const FORCE_DOUBLE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;
/** plainString: a plain scalar is not allowed (indicator start, `: `, ` #`, trailing space or colon, …). */
const PLAIN_UNSAFE = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
/** containsDocumentMarker */
const DOC_MARKER = /^(%|---|\.\.\.)/m;
/**
 * The `test` of every default non-string tag of the core schema (null, bool, int oct/dec/hex,
 * float nan/inf, exp, plain): a plain string matching one would read back as another type.
 */
const NON_STRING =
  /^(?:~|[Nn]ull|NULL)?$|^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$|^0o[0-7]+$|^[-+]?[0-9]+$|^0x[0-9a-fA-F]+$|^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$|^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$|^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
/** A string of only these characters (no leading indicator, no trailing colon) is plain unless NON_STRING says otherwise. */
const SIMPLE = /^[A-Za-z0-9_/](?:[A-Za-z0-9_./:-]*[A-Za-z0-9_./-])?$/;
/** blockString's end-of-value newlines (the variant with lookbehind, as Node supports it). */
const BLOCK_END_NEWLINES = /(^|(?<!\n))\n+(?!\n|$)/g;
const DOUBLE_QUOTED_MIN_MULTILINE = 40;

/** `yaml.stringify(value, YAML_OPTIONS)`, byte for byte, faster. */
export function emitYaml(value: unknown): string {
  return emitPlainYaml(value) ?? stringify(value, YAML_OPTIONS);
}

/**
 * The emitter alone: the document for an object or array root made of plain data, or undefined for
 * anything else (which emitYaml hands to yaml.stringify).
 */
export function emitPlainYaml(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  try {
    return emitNode(value, '') + '\n';
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  } finally {
    keyCache.clear();
    topKeyCache.clear();
    valueCache.clear();
  }
}

/**
 * Renderings of strings already seen in this document (a big rule file repeats a few dozen keys and
 * many values hundreds of thousands of times). A single-line string renders the same at any indent,
 * except that a top-level key (indent === INDENT_STEP) matching DOC_MARKER is quoted; a multi-line
 * value depends on its indent and is not cached. Cleared after every document.
 */
const keyCache = new Map<string, string>();
const topKeyCache = new Map<string, string>();
const valueCache = new Map<string, string>();

function keyString(key: string, indent: string): string {
  const cache = indent === INDENT_STEP ? topKeyCache : keyCache;
  let s = cache.get(key);
  if (s === undefined) cache.set(key, (s = scalarString(key, indent, true)));
  return s;
}

function valueString(value: string, indent: string): string {
  let s = valueCache.get(value);
  if (s !== undefined) return s;
  s = scalarString(value, indent, false);
  if (!value.includes('\n')) valueCache.set(value, s);
  return s;
}

/** A node stringified with ctx.indent === indent (not a key). */
function emitNode(value: unknown, indent: string): string {
  switch (typeof value) {
    case 'string':
      return valueString(value, indent);
    case 'number':
      if (!Number.isFinite(value)) throw new Unsupported();
      return Object.is(value, -0) ? '-0' : JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype) throw new Unsupported();
        const n = value.length;
        if (n === 0) return '[]';
        const itemIndent = indent + INDENT_STEP;
        const sep = '\n' + indent + '- ';
        let out = '- ' + emitNode(value[0], itemIndent);
        for (let i = 1; i < n; i++) out += sep + emitNode(value[i], itemIndent);
        return out;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new Unsupported();
      const keys = Object.keys(value);
      const n = keys.length;
      if (n === 0) return '{}';
      const obj = value as Record<string, unknown>;
      let out = emitPair(keys[0]!, obj[keys[0]!], indent);
      const sep = '\n' + indent;
      for (let i = 1; i < n; i++) out += sep + emitPair(keys[i]!, obj[keys[i]!], indent);
      return out;
    }
    default:
      throw new Unsupported();
  }
}

/** stringifyPair for a block map item at `indent`. */
function emitPair(key: string, value: unknown, indent: string): string {
  if (value === undefined) throw new Unsupported();
  const inner = indent + INDENT_STEP;
  const k = keyString(key, inner);
  const valueStr = emitNode(value, inner);
  if (k.length > 1024) return `? ${k}\n${indent}: ${valueStr}`; // an explicit key: `? key` then `: value`
  // A non-empty collection starts on the next line; an empty one (`{}` / `[]`) stays on this line.
  // (A non-empty map or sequence never renders as exactly `{}` or `[]`.)
  if (value !== null && typeof value === 'object' && valueStr !== '{}' && valueStr !== '[]') return `${k}:\n${inner}${valueStr}`;
  return `${k}: ${valueStr}`;
}

/** stringifyString for a string node (the string tag sets actualString); indent is never '' here. */
function scalarString(value: string, indent: string, implicitKey: boolean): string {
  if (SIMPLE.test(value)) return NON_STRING.test(value) ? doubleQuoted(value, indent, implicitKey) : value;
  if (FORCE_DOUBLE.test(value)) return doubleQuoted(value, indent, implicitKey);
  // plainString
  const multiline = value.includes('\n');
  if (implicitKey && multiline) return doubleQuoted(value, indent, implicitKey);
  if (PLAIN_UNSAFE.test(value)) {
    return implicitKey || !multiline ? doubleQuoted(value, indent, implicitKey) : blockLiteral(value, indent);
  }
  if (!implicitKey && multiline) return blockLiteral(value, indent);
  if (implicitKey && indent === INDENT_STEP && DOC_MARKER.test(value)) return doubleQuoted(value, indent, implicitKey);
  if (NON_STRING.test(value)) return doubleQuoted(value, indent, implicitKey);
  return value;
}

/** doubleQuotedString (doubleQuotedAsJSON false, folding a no-op at lineWidth 0). */
function doubleQuoted(value: string, indent: string, implicitKey: boolean): string {
  const json = JSON.stringify(value);
  let str = '';
  let start = 0;
  for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
    if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
      // space before newline needs to be escaped to not be folded
      str += json.slice(start, i) + '\\ ';
      i += 1;
      start = i;
      ch = '\\';
    }
    if (ch === '\\')
      switch (json[i + 1]) {
        case 'u': {
          str += json.slice(start, i);
          const code = json.substr(i + 2, 4);
          switch (code) {
            case '0000':
              str += '\\0';
              break;
            case '0007':
              str += '\\a';
              break;
            case '000b':
              str += '\\v';
              break;
            case '001b':
              str += '\\e';
              break;
            case '0085':
              str += '\\N';
              break;
            case '00a0':
              str += '\\_';
              break;
            case '2028':
              str += '\\L';
              break;
            case '2029':
              str += '\\P';
              break;
            default:
              if (code.substr(0, 2) === '00') str += '\\x' + code.substr(2);
              else str += json.substr(i, 6);
          }
          i += 5;
          start = i + 1;
          break;
        }
        case 'n':
          if (implicitKey || json[i + 2] === '"' || json.length < DOUBLE_QUOTED_MIN_MULTILINE) {
            i += 1;
          } else {
            // folding will eat first newline
            str += json.slice(start, i) + '\n\n';
            while (json[i + 2] === '\\' && json[i + 3] === 'n' && json[i + 4] !== '"') {
              str += '\n';
              i += 2;
            }
            str += indent;
            // space after newline needs to be escaped to not be folded
            if (json[i + 2] === ' ') str += '\\';
            i += 1;
            start = i + 1;
          }
          break;
        default:
          i += 1;
      }
  }
  return start ? str + json.slice(start) : json;
}

/** blockString with blockQuote true and lineWidth 0: always literal; quoted if it ends in a whitespace-only line. */
function blockLiteral(value: string, indent: string): string {
  if (/\n[\t ]+$/.test(value)) return doubleQuoted(value, indent, false);
  // determine chomping from whitespace at value end
  let chomp: string;
  let endStart: number;
  for (endStart = value.length; endStart > 0; --endStart) {
    const ch = value[endStart - 1];
    if (ch !== '\n' && ch !== '\t' && ch !== ' ') break;
  }
  let end = value.substring(endStart);
  const endNlPos = end.indexOf('\n');
  if (endNlPos === -1) chomp = '-';
  else if (value === end || endNlPos !== end.length - 1) chomp = '+';
  else chomp = '';
  if (end) {
    value = value.slice(0, -end.length);
    if (end[end.length - 1] === '\n') end = end.slice(0, -1);
    end = end.replace(BLOCK_END_NEWLINES, `$&${indent}`);
  }
  // determine indent indicator from whitespace at value start
  let startWithSpace = false;
  let startEnd: number;
  let startNlPos = -1;
  for (startEnd = 0; startEnd < value.length; ++startEnd) {
    const ch = value[startEnd];
    if (ch === ' ') startWithSpace = true;
    else if (ch === '\n') startNlPos = startEnd;
    else break;
  }
  let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
  if (start) {
    value = value.substring(start.length);
    start = start.replace(/\n+/g, `$&${indent}`);
  }
  const header = (startWithSpace ? '2' : '') + chomp; // indent is never '' here
  value = value.replace(/\n+/g, `$&${indent}`);
  return `|${header}\n${indent}${start}${value}${end}`;
}
