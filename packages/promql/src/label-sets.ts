/**
 * Which label values a matcher accepts, as automata: whether two matchers on one label can both
 * match a value (`code=~"2.."` and `code=~"3.."` cannot). Regular expressions are compiled from the
 * common RE2 subset (literals, escapes, `.`, classes, groups, alternation, repetition) into NFAs
 * and intersected; anything outside that subset (flags, Unicode classes) is "unknown", and unknown
 * never counts as disjoint, so callers only learn what is certain.
 */
import type { MatchOp } from './ast.js';

/** A set of characters: code point ranges, or their complement. */
interface CharSet {
  negated: boolean;
  ranges: [number, number][];
}

interface State {
  eps: number[];
  edges: { set: CharSet; to: number }[];
}

interface Nfa {
  states: State[];
  start: number;
  accept: number;
}

const MAX_STATES = 2000;
const MAX_COUNTED_REPEAT = 20;

const cp = (c: string) => c.codePointAt(0)!;
const set = (ranges: [number, number][], negated = false): CharSet => ({ negated, ranges });
const DIGIT: [number, number][] = [[48, 57]];
const WORD: [number, number][] = [
  [48, 57],
  [65, 90],
  [95, 95],
  [97, 122],
];
const SPACE: [number, number][] = [
  [9, 10],
  [12, 13],
  [32, 32],
];
const ANY = set([], true);

class Unsupported extends Error {}

/** A fragment of an NFA under construction: entry and exit states. */
interface Frag {
  start: number;
  end: number;
}

class Compiler {
  private pos = 0;
  readonly states: State[] = [];
  constructor(private readonly src: string) {}

  private state(): number {
    if (this.states.length >= MAX_STATES) throw new Unsupported('too large');
    this.states.push({ eps: [], edges: [] });
    return this.states.length - 1;
  }

  private eps(from: number, to: number) {
    this.states[from]!.eps.push(to);
  }

  private chars(s: CharSet): Frag {
    const start = this.state();
    const end = this.state();
    this.states[start]!.edges.push({ set: s, to: end });
    return { start, end };
  }

  private empty(): Frag {
    const start = this.state();
    const end = this.state();
    this.eps(start, end);
    return { start, end };
  }

  compile(): Nfa {
    const f = this.alternation();
    if (this.pos < this.src.length) throw new Unsupported('unbalanced');
    return { states: this.states, start: f.start, accept: f.end };
  }

  private alternation(): Frag {
    const branches = [this.concatenation()];
    while (this.src[this.pos] === '|') {
      this.pos++;
      branches.push(this.concatenation());
    }
    if (branches.length === 1) return branches[0]!;
    const start = this.state();
    const end = this.state();
    for (const b of branches) {
      this.eps(start, b.start);
      this.eps(b.end, end);
    }
    return { start, end };
  }

  private concatenation(): Frag {
    let frag: Frag | undefined;
    while (this.pos < this.src.length && this.src[this.pos] !== '|' && this.src[this.pos] !== ')') {
      const atomStart = this.pos;
      let piece = this.atom();
      piece = this.repeat(piece, atomStart);
      if (frag) this.eps(frag.end, piece.start);
      frag = frag ? { start: frag.start, end: piece.end } : piece;
    }
    return frag ?? this.empty();
  }

  /** Re-compiles the atom at `from` (for counted repetition, which needs copies). */
  private copy(from: number): Frag {
    const saved = this.pos;
    this.pos = from;
    const f = this.atom();
    this.pos = saved;
    return f;
  }

  private repeat(frag: Frag, atomStart: number): Frag {
    for (;;) {
      const c = this.src[this.pos];
      let min: number;
      let max: number | undefined;
      if (c === '*' || c === '+' || c === '?') {
        this.pos++;
        [min, max] = c === '*' ? [0, undefined] : c === '+' ? [1, undefined] : [0, 1];
      } else if (c === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
        if (!m) return frag; // a literal brace, as in RE2
        this.pos += m[0].length;
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === '' ? undefined : Number(m[3]);
      } else return frag;
      if (this.src[this.pos] === '?') this.pos++; // non-greedy: same language
      const atomEnd = this.pos;
      // Large counts are widened to "at least min": more values, so never a wrong "disjoint".
      if (max !== undefined && max > MAX_COUNTED_REPEAT) max = undefined;
      if (min > MAX_COUNTED_REPEAT) min = MAX_COUNTED_REPEAT;
      const copies: Frag[] = [frag];
      const need = Math.max(min, max ?? min + 1, 1);
      for (let i = 1; i < need; i++) copies.push(this.copy(atomStart));
      this.pos = atomEnd;
      const start = this.state();
      const end = this.state();
      let at = start;
      copies.forEach((f, i) => {
        this.eps(at, f.start);
        if (i >= min) this.eps(at, end);
        at = f.end;
      });
      this.eps(at, end);
      if (max === undefined) this.eps(copies[copies.length - 1]!.end, copies[copies.length - 1]!.start);
      frag = { start, end };
      atomStart = -1;
      if (this.src[this.pos] === '*' || this.src[this.pos] === '+' || this.src[this.pos] === '?' || this.src[this.pos] === '{')
        throw new Unsupported('nested repetition');
    }
  }

  private atom(): Frag {
    const c = this.src[this.pos]!;
    if (c === '(') {
      this.pos++;
      if (this.src[this.pos] === '?') {
        const named = /^\?(P?<\w+>|:)/.exec(this.src.slice(this.pos));
        if (!named) throw new Unsupported('flags');
        this.pos += named[0].length;
      }
      const inner = this.alternation();
      if (this.src[this.pos] !== ')') throw new Unsupported('unclosed group');
      this.pos++;
      return inner;
    }
    if (c === '[') return this.chars(this.charClass());
    if (c === '.') {
      this.pos++;
      return this.chars(ANY);
    }
    if (c === '^' || c === '$') {
      // Prometheus anchors the whole expression; an anchor inside adds no values we could lose.
      this.pos++;
      return this.empty();
    }
    if (c === '\\') return this.chars(this.escape(false));
    if (c === '*' || c === '+' || c === '?') throw new Unsupported('missing argument to repetition');
    this.pos += c.length;
    const code = cp(this.src.slice(this.pos - 1));
    return this.chars(set([[code, code]]));
  }

  private escape(inClass: boolean): CharSet {
    const c = this.src[this.pos + 1];
    if (c === undefined) throw new Unsupported('trailing backslash');
    this.pos += 2;
    switch (c) {
      case 'd':
        return set(DIGIT);
      case 'D':
        return set(DIGIT, true);
      case 'w':
        return set(WORD);
      case 'W':
        return set(WORD, true);
      case 's':
        return set(SPACE);
      case 'S':
        return set(SPACE, true);
      case 'n':
        return set([[10, 10]]);
      case 't':
        return set([[9, 9]]);
      case 'r':
        return set([[13, 13]]);
      default:
        if (/[A-Za-z0-9]/.test(c)) throw new Unsupported(`escape \\${c}${inClass ? ' in a class' : ''}`);
        return set([[cp(c), cp(c)]]);
    }
  }

  private charClass(): CharSet {
    this.pos++; // [
    const negated = this.src[this.pos] === '^';
    if (negated) this.pos++;
    const ranges: [number, number][] = [];
    let first = true;
    while (this.pos < this.src.length && (this.src[this.pos] !== ']' || first)) {
      first = false;
      if (this.src.startsWith('[:', this.pos)) throw new Unsupported('POSIX class');
      let lo: number;
      if (this.src[this.pos] === '\\') {
        const e = this.escape(true);
        if (e.negated || e.ranges.length !== 1 || e.ranges[0]![0] !== e.ranges[0]![1]) {
          if (e.negated) throw new Unsupported('negated class escape in a class');
          ranges.push(...e.ranges);
          continue;
        }
        lo = e.ranges[0]![0];
      } else {
        lo = cp(this.src.slice(this.pos));
        this.pos += String.fromCodePoint(lo).length;
      }
      let hi = lo;
      if (this.src[this.pos] === '-' && this.src[this.pos + 1] !== ']' && this.pos + 1 < this.src.length) {
        this.pos++;
        if (this.src[this.pos] === '\\') {
          const e = this.escape(true);
          if (e.negated || e.ranges.length !== 1) throw new Unsupported('class range');
          hi = e.ranges[0]![0];
        } else {
          hi = cp(this.src.slice(this.pos));
          this.pos += String.fromCodePoint(hi).length;
        }
      }
      ranges.push([lo, hi]);
    }
    if (this.src[this.pos] !== ']') throw new Unsupported('unclosed class');
    this.pos++;
    return set(ranges, negated);
  }
}

const inRanges = (c: number, ranges: [number, number][]) => ranges.some(([lo, hi]) => c >= lo && c <= hi);
const contains = (s: CharSet, c: number) => inRanges(c, s.ranges) !== s.negated;

/** Whether some character is in both sets. */
function intersects(a: CharSet, b: CharSet): boolean {
  if (a.negated && b.negated) return true; // two complements of finite sets always share characters
  if (a.negated) return intersects(b, a);
  for (const [lo, hi] of a.ranges) {
    if (!b.negated) {
      if (b.ranges.some(([l, h]) => l <= hi && lo <= h)) return true;
      continue;
    }
    // Is some character of [lo, hi] outside every excluded range?
    let c = lo;
    const excluded = [...b.ranges].sort((x, y) => x[0] - y[0]);
    for (const [l, h] of excluded) if (l <= c && c <= h) c = h + 1;
    if (c <= hi) return true;
  }
  return false;
}

const nfaCache = new Map<string, Nfa | null>();

/** The NFA of a Prometheus label regex (fully anchored), or null when it is outside the supported subset. */
function nfaOf(re: string): Nfa | null {
  let nfa = nfaCache.get(re);
  if (nfa === undefined) {
    try {
      nfa = new Compiler(re).compile();
    } catch {
      nfa = null;
    }
    if (nfaCache.size > 10_000) nfaCache.clear();
    nfaCache.set(re, nfa);
  }
  return nfa;
}

function closure(nfa: Nfa, states: Iterable<number>): Set<number> {
  const out = new Set<number>();
  const stack = [...states];
  while (stack.length > 0) {
    const s = stack.pop()!;
    if (out.has(s)) continue;
    out.add(s);
    stack.push(...nfa.states[s]!.eps);
  }
  return out;
}

/** Whether the regex matches the whole of `value`; undefined when the regex is not understood. */
export function regexMatches(re: string, value: string): boolean | undefined {
  const nfa = nfaOf(re);
  if (!nfa) return undefined;
  let current = closure(nfa, [nfa.start]);
  for (const ch of value) {
    const c = cp(ch);
    const next: number[] = [];
    for (const s of current) for (const e of nfa.states[s]!.edges) if (contains(e.set, c)) next.push(e.to);
    current = closure(nfa, next);
    if (current.size === 0) return false;
  }
  return current.has(nfa.accept);
}

/** Whether no value matches both regexes; false when either is not understood. */
export function regexesDisjoint(a: string, b: string): boolean {
  const na = nfaOf(a);
  const nb = nfaOf(b);
  if (!na || !nb) return false;
  const seen = new Set<string>();
  const stack: [number, number][] = [];
  const push = (sa: Iterable<number>, sb: Iterable<number>) => {
    const ca = closure(na, sa);
    const cb = closure(nb, sb);
    for (const x of ca) {
      for (const y of cb) {
        const key = `${x},${y}`;
        if (!seen.has(key)) {
          seen.add(key);
          stack.push([x, y]);
        }
      }
    }
  };
  push([na.start], [nb.start]);
  while (stack.length > 0) {
    const [x, y] = stack.pop()!;
    if (x === na.accept && y === nb.accept) return false;
    if (seen.size > 200_000) return false;
    for (const ea of na.states[x]!.edges) {
      for (const eb of nb.states[y]!.edges) if (intersects(ea.set, eb.set)) push([ea.to], [eb.to]);
    }
  }
  return true;
}

export interface Matcher {
  op: MatchOp;
  value: string;
}

/** Whether no label value satisfies both matchers (on the same label). Unknown counts as "may overlap". */
export function matchersDisjoint(a: Matcher, b: Matcher): boolean {
  if (a.op === '=' && b.op === '=') return a.value !== b.value;
  if ((a.op === '=' && b.op === '!=') || (a.op === '!=' && b.op === '=')) return a.value === b.value;
  if ((a.op === '=~' && b.op === '!~') || (a.op === '!~' && b.op === '=~')) return a.value === b.value;
  if (a.op === '=' && b.op === '=~') return regexMatches(b.value, a.value) === false;
  if (a.op === '=~' && b.op === '=') return regexMatches(a.value, b.value) === false;
  if (a.op === '=' && b.op === '!~') return regexMatches(b.value, a.value) === true;
  if (a.op === '!~' && b.op === '=') return regexMatches(a.value, b.value) === true;
  if (a.op === '=~' && b.op === '=~') return regexesDisjoint(a.value, b.value);
  return false;
}
