/**
 * Seeded random PromQL for differential tests: expressions built from the grammar (with keywords as
 * names, odd number spellings, comments and line breaks), and copies of them broken by one edit.
 */
import { EXPERIMENTAL_AGGREGATORS, STABLE_AGGREGATORS } from '../build-ast.js';
import { FUNCTIONS } from '../functions.js';

/** mulberry32: a small seeded PRNG, the same sequence on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const METRICS = [
  'up',
  'foo',
  'http_requests_total',
  'job:rate5m:sum',
  'x_bucket',
  '_x',
  'a1',
  'sum',
  'by',
  'on',
  'offset',
  'rate',
  'bool',
  'nan',
  'Inf',
  'group',
  'start',
  'atan2',
  'SUM',
  'Foo',
  'anchored',
  'step',
];
const LABELS = [
  'job',
  'le',
  'instance',
  '__name__',
  'a_b',
  'x1',
  'on',
  'by',
  'offset',
  'group',
  'without',
  'sum',
  'Inf',
  'nan',
  'bool',
  'a:b',
  '"quoted"',
  'Job',
];
const STRINGS = [
  '"a"',
  "'b'",
  '`c\\d`',
  '"5.."',
  '"a\\"b"',
  '"\\n"',
  '"é"',
  '"\\x41"',
  '"\\u00e9"',
  '""',
  '".*"',
  '"a|b"',
  '"(x"',
  "'\\q'",
  '"\\101"',
  '"a\'b"',
  "'a\"b'",
  '`x\ny`',
  '"[a-z]+"',
  '"a{2,}"',
];
const NUMBERS = [
  '1',
  '0',
  '0.5',
  '.5',
  '1e3',
  '1E-2',
  '5m',
  '1h30m',
  '0x1f',
  '0X1F',
  '010',
  '1_000',
  'Inf',
  'NaN',
  '1.',
  '5.e3',
  '9.5e10',
  '100000000000000000000',
  '2.5e+3',
  '1d',
  '08',
  '42',
];
const DURATIONS = [
  '5m',
  '1h',
  '30s',
  '1d',
  '300',
  '1h30m',
  '0s',
  '500ms',
  '1.5',
  '2w',
  '1y',
  '5m1h',
  '0',
  '9.5e10',
  '1e3',
  '5M',
  '(5m)',
  '5m + 1m',
  'step()',
];
const AGGREGATORS = [...STABLE_AGGREGATORS, ...EXPERIMENTAL_AGGREGATORS, 'SUM', 'Max'];
const BINARY = [
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
  'atan2',
  '==',
  '!=',
  '>',
  '<',
  '>=',
  '<=',
  'and',
  'or',
  'unless',
  'AND',
  'Or',
  'UNLESS',
  'Atan2',
  '</',
];
const SPACES = ['', '', '', ' ', ' ', ' ', '  ', '\n', '\n  ', ' # note\n', '\t', '#x\n'];
const FUNCTION_NAMES = [...FUNCTIONS.keys(), 'foo', 'Rate', 'start_timestamp'];

export function randomExprs(seed: number, count: number): string[] {
  const random = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const chance = (p: number): boolean => random() < p;
  const sp = (): string => (chance(0.7) ? (chance(0.6) ? '' : ' ') : pick(SPACES));

  const list = (items: () => string, max: number): string => {
    const n = Math.floor(random() * (max + 1));
    const parts = Array.from({ length: n }, items);
    return `(${sp()}${parts.join(`${sp()},${sp()}`)}${chance(0.1) ? ',' : ''}${sp()})`;
  };
  const labels = (): string => list(() => (chance(0.8) ? pick(LABELS.slice(0, 6)) : pick(LABELS)), 3);
  const matcher = (): string => {
    const name = chance(0.8) ? pick(LABELS.slice(0, 6)) : pick(LABELS);
    const op = pick(['=', '=', '!=', '=~', '!~']);
    return `${name}${sp()}${op}${sp()}${chance(0.8) ? pick(STRINGS.slice(0, 10)) : pick(STRINGS)}`;
  };
  const selector = (): string => {
    const name = chance(0.8) ? pick(METRICS.slice(0, 7)) : pick(METRICS);
    if (chance(0.5)) return name;
    const body = Array.from({ length: Math.floor(random() * 3) + (chance(0.9) ? 1 : 0) }, matcher).join(`${sp()},${sp()}`);
    return `${chance(0.9) ? name : ''}${sp()}{${body}${chance(0.1) ? ',' : ''}}`;
  };
  const duration = (): string => (chance(0.85) ? pick(DURATIONS.slice(0, 6)) : pick(DURATIONS));
  const number = (): string => (chance(0.8) ? pick(NUMBERS.slice(0, 8)) : pick(NUMBERS));

  const postfix = (inner: string): string => {
    switch (Math.floor(random() * 8)) {
      case 0:
        return `${inner}${sp()}[${duration()}]`;
      case 1:
        return `${inner}[${duration()}:${chance(0.5) ? duration() : ''}]`;
      case 2:
        return `${inner} offset ${chance(0.2) ? '-' + sp() : ''}${duration()}`;
      case 3:
        return `${inner} @ ${pick(['1609746000', 'start()', 'end()', '-5', '1e3', 'start ()', '5m', 'START()', 'End ()'])}`;
      case 4:
        return `${inner} ${pick(['anchored', 'smoothed', 'OFFSET 5m', 'Offset -1h'])}`;
      default:
        return `${inner}[${duration()}] offset ${duration()}`;
    }
  };

  const expr = (depth: number): string => {
    const r = depth <= 0 ? random() * 0.35 : random();
    if (r < 0.12) return number();
    if (r < 0.16) return pick(STRINGS);
    if (r < 0.33) return selector();
    if (r < 0.45) return postfix(depth <= 0 ? selector() : expr(depth - 1));
    if (r < 0.58) {
      const name = chance(0.9) ? pick(FUNCTION_NAMES.slice(0, FUNCTIONS.size)) : pick(FUNCTION_NAMES);
      const args = Array.from({ length: Math.floor(random() * 3) }, () => expr(depth - 1));
      if (/_over_time|rate|delta|deriv|changes|resets|predict/.test(name) && chance(0.7)) args[0] = `${selector()}[${duration()}]`;
      return `${name}${sp()}(${sp()}${args.join(`${sp()},${sp()}`)}${sp()})`;
    }
    if (r < 0.7) {
      const op = chance(0.85) ? pick(AGGREGATORS.slice(0, 12)) : pick(AGGREGATORS);
      const args = /topk|bottomk|quantile|count_values|limit/.test(op)
        ? [chance(0.8) ? number() : pick(STRINGS), expr(depth - 1)]
        : [expr(depth - 1)];
      if (chance(0.05)) args.push(expr(depth - 1));
      const body = `(${sp()}${args.join(`${sp()},${sp()}`)}${sp()})`;
      const grouping = `${pick(['by', 'without', 'by', 'BY', 'Without'])}${sp()}${labels()}`;
      const where = random();
      return where < 0.3 ? `${op}${sp()}${body}` : where < 0.65 ? `${op} ${grouping}${sp()}${body}` : `${op}${body} ${grouping}`;
    }
    if (r < 0.88) {
      const op = chance(0.9) ? pick(BINARY.slice(0, 16)) : pick(BINARY);
      let modifiers = '';
      if (chance(0.2)) modifiers += pick([' bool', ' bool', ' BOOL']);
      if (chance(0.3)) {
        modifiers += ` ${pick(['on', 'ignoring', 'on', 'ON', 'Ignoring'])}${sp()}${labels()}`;
        if (chance(0.5))
          modifiers += ` ${pick(['group_left', 'group_right', 'GROUP_LEFT', 'Group_Right'])}${chance(0.6) ? sp() + labels() : ''}`;
      }
      if (chance(0.03)) modifiers += ' fill(0)';
      return `${expr(depth - 1)}${sp()}${op}${modifiers}${sp()}${expr(depth - 1)}`;
    }
    if (r < 0.94) return `${pick(['-', '+', '-', '- ', '--'])}${expr(depth - 1)}`;
    return `(${sp()}${expr(depth - 1)}${sp()})`;
  };

  const MUTATION_TOKENS = [
    '(',
    ')',
    '[',
    ']',
    '{',
    '}',
    ',',
    ' ',
    '#',
    '"',
    '-',
    'offset',
    'by',
    '5m',
    ':',
    '=',
    '!',
    '@',
    '.',
    'e',
    '_',
    '\n',
  ];
  const mutate = (text: string): string => {
    const at = Math.floor(random() * (text.length + 1));
    switch (Math.floor(random() * 4)) {
      case 0:
        return text.slice(0, at) + text.slice(at + 1);
      case 1:
        return text.slice(0, at) + pick(MUTATION_TOKENS) + text.slice(at);
      case 2:
        return text.slice(0, at) + text.slice(at, at + 1).toUpperCase() + text.slice(at + 1);
      default:
        return text.slice(0, at) + ' # c\n' + text.slice(at);
    }
  };

  const out: string[] = [];
  while (out.length < count) {
    const text = `${pick(SPACES)}${expr(Math.floor(random() * 4) + 1)}${pick(SPACES)}`;
    out.push(chance(0.35) ? mutate(text) : text);
  }
  return out;
}
