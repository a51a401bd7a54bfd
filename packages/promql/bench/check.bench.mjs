// Checks 10,000 generated PromQL expressions and prints the time taken.
// Run on demand after a build:  npx tsc -p tsconfig.build.json && node bench/check.bench.mjs [count]
import { performance } from 'node:perf_hooks';
import { parser } from '@prometheus-io/lezer-promql';
import { analyzeExprSlow } from '../dist/check.js';
import { checkExpr, formatExpr, parseExpr } from '../dist/index.js';

const count = Number(process.argv[2] ?? 10_000);

// A small deterministic generator (mulberry32), so every run checks the same expressions.
let seed = 0x5eed;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (items) => items[Math.floor(random() * items.length)];

const metric = () =>
  `${pick(['http_requests', 'node_cpu_seconds', 'process_resident_memory', 'api_latency'])}_${Math.floor(random() * 100)}_total`;
const matchers = () => `{job="${pick(['api', 'node', 'db'])}", instance=~"${pick(['10\\\\.0\\\\..*', 'host-[0-9]+', '.+'])}", code!="500"}`;
const range = () => pick(['1m', '5m', '1h', '30s']);
const selector = () => `${metric()}${matchers()}`;
const rangeFn = () => `${pick(['rate', 'increase', 'avg_over_time', 'max_over_time', 'deriv'])}(${selector()}[${range()}])`;
const aggregate = (inner) => `${pick(['sum', 'avg', 'max', 'count'])} by (${pick(['job', 'job, instance', 'instance'])}) (${inner})`;

function expression() {
  switch (Math.floor(random() * 5)) {
    case 0:
      return `${aggregate(rangeFn())} / on(job) group_left ${aggregate(rangeFn())} > ${Math.floor(random() * 10)}`;
    case 1:
      return `histogram_quantile(0.${Math.floor(random() * 99)}, sum by (le, job) (rate(${metric()}_bucket${matchers()}[${range()}])))`;
    case 2:
      // One in five of these is a type error: rate() of an instant vector.
      return `topk(5, ${aggregate(random() < 0.2 ? `rate(${selector()})` : rangeFn())})`;
    case 3:
      return `max_over_time(${aggregate(rangeFn())}[1h:${range()}]) unless ${selector()} == bool 0`;
    default:
      return `label_replace(${rangeFn()}, "dst", "$1", "instance", "(.*):.*") * on(instance) ${pick(['', 'group_left(team) '])}${selector()}`;
  }
}

const exprs = Array.from({ length: count }, expression);
const chars = exprs.reduce((n, e) => n + e.length, 0);

function time(label, fn) {
  const start = performance.now();
  let problems = 0;
  for (const e of exprs) problems += fn(e);
  const ms = performance.now() - start;
  console.log(
    `${label.padEnd(12)} ${count} expressions (${Math.round(chars / count)} chars on average): ${ms.toFixed(0)} ms, ${((ms * 1000) / count).toFixed(1)} µs each, ${problems} problems`,
  );
}

time('lezer only', (e) => (parser.parse(e).length > 0 ? 0 : 1));
time('parseExpr', (e) => parseExpr(e).problems.length);
time('checkExpr', (e) => checkExpr(e).length);
// checkExpr without the fast parser: lezer, its syntax errors and buildAst for every expression.
time('lezer path', (e) => analyzeExprSlow(e).problems.length);
time('formatExpr', (e) => (formatExpr(e) === undefined ? 1 : 0));
