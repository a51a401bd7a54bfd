/**
 * Differential test of the fast parser: on every expression it takes, it must build what the lezer
 * path builds (same nodes, spans, values and key order), and analyzeExpr must report the same
 * problems and type with and without it. Expressions come from the test tables, the rule corpus,
 * the generated rule files and a seeded generator of valid and slightly broken PromQL.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Expr } from './ast.js';
import { buildAst } from './build-ast.js';
import { analyzeExpr, analyzeExprSlow } from './check.js';
import { fastParse, TOO_DEEP } from './fast-parse.js';
import { DEFAULT_FEATURES, type PromqlFeatures } from './features.js';
import { metricNames, parseExpr, parseExprSlow } from './parse.js';
import { syntaxTree } from './syntax-tree.js';
import { PROMQL_CASES } from './test-fixtures/promql-cases.js';
import { promtoolVerdicts, promtoolVersion } from './test-fixtures/promtool.js';
import { randomExprs } from './test-fixtures/random-promql.js';

const ALL_FEATURES: PromqlFeatures = {
  experimentalFunctions: true,
  durationExpressions: true,
  extendedRangeSelectors: true,
  binopFillModifiers: true,
};

const repo = join(import.meta.dirname, '../../..');

/** The AST as JSON with key order, undefined-valued keys and the function table entry by name. */
const snapshot = (ast: Expr | undefined): string =>
  JSON.stringify(ast, (key, value: unknown) => {
    if (key === 'func') return (value as { name: string } | undefined)?.name ?? '<undefined>';
    if (value === undefined) return '<undefined>';
    if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
    return value;
  });

/** Whether the fast parser took the expression; fails when what it built differs from the lezer path. */
/** Depth of the deepest node of an AST. */
function depthOf(node: unknown): number {
  if (!node || typeof node !== 'object') return 0;
  let max = 0;
  for (const v of Object.values(node)) max = Math.max(max, depthOf(v));
  return max + 1;
}

/**
 * Whether the lezer path can judge the expression: @lezer/lr gives a chain of 2,000 characters and more
 * a syntax error after 300 left-associative reductions, and reshapes trees nested past its stack cut.
 * Beyond that promtool is the judge (`long and deep expressions` below).
 */
const lezerCanJudge = (expr: string, fast: unknown) => expr.length < 2000 && depthOf(fast) < 150;

function differential(expr: string): boolean {
  const outcome = fastParse(expr);
  const fast = outcome === TOO_DEEP ? undefined : outcome;
  if (outcome === TOO_DEEP || !lezerCanJudge(expr, fast)) return fast !== undefined;
  for (const options of [undefined, { features: ALL_FEATURES }]) {
    const slow = analyzeExprSlow(expr, options);
    const withFast = analyzeExpr(expr, options);
    expect({ problems: withFast.problems, type: withFast.type }, expr).toStrictEqual({ problems: slow.problems, type: slow.type });
    expect(snapshot(withFast.ast), expr).toBe(snapshot(slow.ast));
  }
  const lazy = parseExpr(expr);
  const slowParsed = parseExprSlow(expr);
  expect(lazy.problems, expr).toStrictEqual(slowParsed.problems);
  expect(metricNames(parseExpr(expr)), expr).toStrictEqual(metricNames(slowParsed));
  if (!fast) return false;
  expect(slowParsed.problems, expr).toStrictEqual([]);
  for (const features of [DEFAULT_FEATURES, ALL_FEATURES]) {
    const built = buildAst(expr, slowParsed.tree, features);
    expect(built.findings, expr).toStrictEqual([]);
    expect(snapshot(fast), expr).toBe(snapshot(built.ast));
    expect(fast, expr).toStrictEqual(built.ast);
  }
  expect(snapshot(syntaxTree(expr)), expr).toBe(snapshot(buildAst(expr, slowParsed.tree, ALL_FEATURES).ast));
  return true;
}

function filesUnder(dir: string, pattern: RegExp): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, pattern) : pattern.test(name) ? [path] : [];
  });
}

/** Every `expr` of the rule groups in YAML rule files (PrometheusRule manifests included). */
function ruleExprs(files: string[]): string[] {
  const out: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'expr' && typeof value === 'string') out.push(value);
        else visit(value);
      }
    }
  };
  for (const file of files) {
    for (const doc of readFileSync(file, 'utf8').split(/^---$/m)) {
      try {
        visit(parseYaml(doc));
      } catch {
        // Not every corpus document is YAML the strict parser accepts; its expressions are then skipped.
      }
    }
  }
  return out;
}

/** Every string literal of this package's test files: most are expressions, the rest just decline. */
function testFileStrings(): string[] {
  const out = new Set<string>();
  for (const file of filesUnder(import.meta.dirname, /\.test\.ts$|^promql-cases\.ts$/)) {
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"/g)) {
      const raw = m[1] ?? m[2] ?? '';
      try {
        out.add(JSON.parse(`"${raw.replace(/"/g, '\\"').replace(/\\'/g, "'")}"`) as string);
      } catch {
        out.add(raw);
      }
    }
  }
  return [...out];
}

function coverage(exprs: string[]): { taken: number; total: number; declined: string[] } {
  const declined: string[] = [];
  let taken = 0;
  for (const expr of exprs) {
    if (differential(expr)) taken++;
    else declined.push(expr);
  }
  return { taken, total: exprs.length, declined };
}

describe('fastParse against the lezer path', () => {
  it('agrees on the Prometheus parser test table', () => {
    const { taken, total } = coverage(PROMQL_CASES.map((c) => c.expr));
    expect(taken).toBeGreaterThan(total / 4);
  });

  it('agrees on every string of the test files', () => {
    const { taken } = coverage(testFileStrings());
    expect(taken).toBeGreaterThan(100);
  });

  const corpus = filesUnder(join(repo, '../shared/corpora/rules'), /\.ya?ml$/);
  it.skipIf(corpus.length === 0)('agrees on the rule corpus, taking at least 99 % of it', () => {
    const exprs = ruleExprs(corpus);
    expect(exprs.length).toBeGreaterThan(1000);
    const { taken, total, declined } = coverage(exprs);
    console.info(`fast path on the corpus: ${taken}/${total} (${((100 * taken) / total).toFixed(2)} %)`);
    expect(taken / total, declined.slice(0, 20).join('\n---\n')).toBeGreaterThanOrEqual(0.99);
  });

  it('agrees on the generated rule files, taking all of them', () => {
    const exprs = ruleExprs(filesUnder(join(repo, 'generated'), /\.ya?ml$/).filter((f) => f.includes('/prometheus/rules/')));
    expect(exprs.length).toBeGreaterThan(100);
    const { declined } = coverage(exprs);
    expect(declined).toStrictEqual([]);
  });

  it('agrees on generated expressions, valid and mutated', () => {
    // Seeds 1–10 (80,000 expressions) also agreed when the generator was written; three run here.
    const exprs = [20260, 7, 9].flatMap((seed) => randomExprs(seed, 8000));
    const { taken, total } = coverage(exprs);
    console.info(`fast path on random expressions: ${taken}/${total}`);
    expect(taken).toBeGreaterThan(total / 3);
  });

  it('agrees on the shapes where lezer and Prometheus differ or tokens are ambiguous', () => {
    const exprs = [
      'a + b offset 5m * c',
      'a ^ b offset 5m ^ c',
      'a > b offset 1w / 2',
      '-a offset 5m',
      '-a[5m]',
      '-a[5m:1m] ^ 2',
      'b * -a offset 5m',
      '-5 ^ 2',
      '(-1 ^ x)',
      'sum(-1 ^ x)',
      '-1 ^ x[5m]',
      '-1 ^ x',
      '-1 * x[5m]',
      '(-1 * x)',
      '2 ^ -3',
      'a * -5',
      '-a ^ 2',
      '- a * b',
      'a - -5',
      'a -5',
      '+5',
      '+a',
      '--5',
      '- 5',
      '-(5)',
      'a + b[5m:1m] * c',
      'a @ 5 + b @ start() offset 1m',
      'x[5m] offset 1h',
      'x offset 1h[5m]',
      'x offset 0s[5m]',
      'sum(a) by (x) + b',
      'sum by (x) (a) offset 5m',
      'a and b or c unless d',
      'a or b and c',
      'a == b != c',
      'a > bool b',
      'a + bool b',
      'a > on() bool b',
      'a + on() b',
      'a / on(x) group_left b',
      'a * on(x) group_left (b)',
      'a * on(x) group_left() b',
      'a * group_left(x) b',
      'a - 1 - 2',
      'a / b / c',
      '1 + 2 * 3 ^ 4 ^ 5 % 6',
      'a atan2 b ^ c',
      '-1 offset 5m',
      '(a)[5m]',
      'foo {a="b"}',
      'rate (x[5m])',
      'x[ 5m ]',
      'x[5m : 1m]',
      'x[5m:]',
      'x [5m]',
      'x offset - 5m',
      'x offset -5m',
      'x offset 1.5',
      'x @ -5',
      'x @ 1e3',
      'x @ 5m',
      'x @ start ( )',
      'a # c\n[5m]',
      'x[5m # c\n]',
      '{a="b"} # c',
      '{a="b" # c\n}',
      'sum # c\n(x)',
      'sum(x) # c\n by (y)',
      'a + # c\n b',
      'a {} ',
      '{}',
      '{a=""}',
      '{a=~".*"}',
      '{__name__="x"}',
      'x{a="b",}',
      'sum by (a,) (x)',
      'f(x)',
      'time()',
      'rate(x[5m],)',
      'vector(1)[5m:]',
      'x[0s]',
      'x[5m:0s]',
      'x[1m5h]',
      'x[9.5e10]',
      '1e400',
      '0.',
      '1.e3',
      '00',
      '0755',
      '08',
      '1_0',
      'inf',
      '-Inf',
      'NaN',
      'a and on(x) b',
      'a or ignoring(x) group_right(y) b',
      'topk(5, x) by (a)',
      'topk by (a) (5, x)',
      'quantile(0.9, x)',
      'count_values("a", x)',
      'sum without () (x)',
      'sum(x, y)',
      'sum()',
      'histogram_quantile(0.9, x) offset 5m',
      'rate(x[5m]) @ end()',
      'x offset 5m offset 1m',
      'x @ 1 @ 2',
      'x offset 5m @ 1',
      'x @ 1 offset 5m',
      '"a" + 1',
      "'\\'",
      '`a`',
      'x{a="\\d"}',
      'x{a=~"\\d+"}',
      'x{a=~"("}',
      'x\r\n+y',
      'x\f+y',
      'abs(-x)',
      'abs(- x)',
      'x - - 1',
      'x{a="😀"} + "𝄞"',
      '`😀` # 😀\n',
      'x\u00a0+ y',
      'x\v+ y',
      `${'('.repeat(3000)}1${')'.repeat(3000)}`,
      `${'-'.repeat(2000)}x`,
      Array.from({ length: 2000 }, (_, i) => `m${i}`).join(' + '),
      Array.from({ length: 465 }, (_, i) => `m${i}`).join(' + '),
      Array.from({ length: 999 }, () => 'x').join('+'),
      Array.from({ length: 999 }, () => 'x').join('^'),
      `${'-'.repeat(1997)}x`,
      `${'-'.repeat(5000)}1`,
      `${'- '.repeat(50000)}up`,
      `${'+-'.repeat(2000)}(x)`,
      `${'('.repeat(999)}x${')'.repeat(999)}`,
      `${'sum('.repeat(399)}x${')'.repeat(399)}`,
    ];
    expect(coverage(exprs).taken).toBeGreaterThan(exprs.length / 2);
  });

  it('takes the common shapes', () => {
    for (const expr of [
      'up',
      'up{job="node", instance=~"a|b", mode!="idle", x!~"y"}',
      'sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) / ignoring(code) group_left sum by (job) (rate(x[5m]))',
      'sum(rate(x[5m])) without (instance) > bool 0.5',
      'a * on(job) group_right(instance, pod) b',
      'histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))',
      'x offset 1h @ 1609746000',
      'x @ start()',
      'max_over_time(rate(x[5m])[1h:5m] offset -1d)',
      'topk(5, x) and count_values("v", y) or -z unless 1e3',
      '2 ^ 3 ^ -4 % 5 atan2 x',
      "label_replace(up, 'a', \"\\\\1\", `b`, '(.*)')",
      '(a # comment\n  + b)\n# trailing\n',
      '0.5 + .5 + 5m + 1h30m - -1',
    ]) {
      expect(fastParse(expr), expr).toBeDefined();
      differential(expr);
    }
  });
});

/** Where @lezer/lr's size limits made the lezer path wrong, Kiln now gives promtool's verdict, or says it did not check. */
describe.skipIf(!promtoolVersion())('long and deep expressions, judged by promtool', () => {
  it('accepts what promtool accepts and rejects what it rejects', () => {
    const exprs = [
      Array.from({ length: 600 }, () => 'up').join(' + '),
      Array.from({ length: 2000 }, (_, i) => `m${i}`).join(' + '),
      Array.from({ length: 800 }, (_, i) => `absent(m${i})`).join(' or '),
      Array.from({ length: 999 }, () => 'x').join('^'),
      `${'('.repeat(999)}x${')'.repeat(999)}`,
      `${'sum('.repeat(399)}x${')'.repeat(399)}`,
      `${'-'.repeat(1997)}x`,
      `${'-'.repeat(5000)}1`,
      `${'- '.repeat(50000)}up`,
      `${'+-'.repeat(2000)}(x)`,
      `${Array.from({ length: 600 }, () => 'up').join(' + ')} +`,
      `${'('.repeat(999)}x${')'.repeat(998)}`,
    ];
    const verdicts = promtoolVerdicts(exprs);
    // Deeper than MAX_EXPR_DEPTH Kiln says it did not check (`promql/depth`), never that Prometheus refuses.
    const kiln = exprs.map((e) => {
      const problems = analyzeExpr(e).problems;
      return problems.length === 0 ? 'accepted' : problems.every((p) => p.code === 'promql/depth') ? 'unchecked' : 'rejected';
    });
    expect(kiln.map((k) => k !== 'rejected')).toEqual(verdicts.map((v) => v.accepted));
    expect(kiln.filter((k) => k === 'accepted').length).toBeGreaterThanOrEqual(5);
    expect(kiln.filter((k) => k === 'unchecked').length).toBeGreaterThanOrEqual(2);
  });
});
