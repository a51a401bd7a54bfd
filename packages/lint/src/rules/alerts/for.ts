import { COMPARISON_OPS, type Expr } from '@kiln/promql';
import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { catalogSeries, declaredTypes, metricTypesOption } from '../../readers/catalog.js';
import { exprAst, walkExpr } from '../../readers/expr.js';
import { at, promRules, ruleEntity } from '../../readers/rules.js';
import {
  formatDuration,
  parseDuration,
  scrapeIntervalOption,
  scrapeIntervals,
  type Interval,
  type ScrapeIntervals,
} from '../../readers/scrape-intervals.js';

/** Severities that notify nobody: an info alert (or an inhibitor) may fire on one sample. */
const QUIET = new Set(['info', 'none']);

/**
 * Whether an alert condition is an instantaneous comparison of gauges — the one kind that one bad
 * scrape decides and that `for` smooths. Range-based conditions (`increase(x[1m]) > 0`,
 * `changes(…)`, `*_over_time`) are events or windows already: a `for` longer than the window makes
 * them never fire. Conditions on `time()` (ages, deadlines) and with `offset`/`@` latch; expressions
 * without a comparison (`absent()`, a bare selector) are not judged. Every series read must be
 * known to be a gauge: from the catalogs, `# TYPE` lines or the option, never from its name
 * (a state flag such as `node_md_disks{state="failed"}` or a certificate TTL does not flap).
 */
function instantComparison(ast: Expr, isGauge: (metric: string) => boolean): boolean {
  let compares = false;
  let reads = false;
  for (const node of walkExpr(ast)) {
    switch (node.type) {
      case 'MatrixSelector':
      case 'SubqueryExpr':
        return false;
      case 'VectorSelector': {
        if (node.offset || node.at) return false;
        const metric = node.name || node.matchers.find((m) => m.name === '__name__' && m.op === '=')?.value;
        if (metric === undefined || !isGauge(metric)) return false;
        reads = true;
        break;
      }
      case 'Call':
        if (node.name === 'time' || node.name === 'timestamp' || node.name.startsWith('absent')) return false;
        break;
      case 'BinaryExpr':
        if (COMPARISON_OPS.has(node.op) && !node.returnBool) compares = true;
        break;
      default:
        break;
    }
  }
  return compares && reads;
}

/** One sample lasts as long as the slowest scrape among the jobs the expression reads. */
function slowest(ast: Expr, intervals: ScrapeIntervals): Interval | undefined {
  let max: Interval | undefined;
  for (const node of walkExpr(ast)) {
    if (node.type !== 'VectorSelector') continue;
    const i = intervals.of(node.matchers);
    if (i && (!max || i.seconds > max.seconds)) max = i;
  }
  return max ?? intervals.global;
}

export default createRule({
  id: 'alerts/for',
  meta: {
    description: 'Alerts on an instantaneous comparison of known gauges wait with `for` before firing, at least one scrape interval.',
    rationale:
      'Without `for`, an alert on `temperature > 80` or `up == 0` fires on the first evaluation that matches: one failed scrape, a restart or a brief spike pages someone. ' +
      'A `for` shorter than the scrape interval does not help either, because the condition is still decided by a single sample. ' +
      'Conditions over a range are exempt: `increase(x_total[1m]) > 0` and `changes(x[1m]) > 0` are events that hold for one window, ' +
      'and a `for` longer than it makes them never fire; windowed (`*_over_time`), latching (`time() - x > …`, `offset`) and `absent()` conditions, ' +
      'alerts with severity `info` or `none`, and alerts that read no series (a Watchdog) are exempt too. ' +
      'A series is a gauge when the exporter catalogs, the `metricTypes` option or a `# TYPE` line of a text exposition among the files say so (`up` always is), never by its name: ' +
      'state flags and countdowns (`node_md_disks{state="failed"} > 0`, a certificate TTL) are gauges that do not flap, and only their type, not their name, tells them from counters.',
    summary: 'alert fires without waiting',
    severity: 'warning',
    messages: {
      missing:
        'alert `{{alert}}` {{what}}, so it fires on the first evaluation that matches and one bad scrape pages someone. Add `for: {{suggested}}` or longer',
      tooShort:
        'alert `{{alert}}`: `for: {{value}}` is shorter than the scrape interval {{interval}} ({{source}}), so the condition is still decided by a single scrape. Use at least `for: {{interval}}`',
    },
    options: z.strictObject({
      metricTypes: metricTypesOption,
      scrapeInterval: scrapeIntervalOption(
        "The scrape interval to compare `for` with. When unset: the site's `prometheus.scrapeInterval`, else `global.scrape_interval` of a prometheus.yml among the files (1m when it is unset); with neither, only a missing `for` is reported.",
      ),
    }),
    reads: ['files'],
  },
  check({ site, files, options, report }) {
    const intervals = scrapeIntervals({ ...(site && { site }), files }, options.scrapeInterval);
    const catalog = catalogSeries();
    const declared = declaredTypes(files, options.metricTypes);
    const isGauge = (metric: string) =>
      (declared.get(metric) ?? catalog.get(metric)?.type ?? (metric === 'up' ? 'gauge' : undefined)) === 'gauge';
    for (const r of promRules(files)) {
      if (r.kind !== 'alert') continue;
      const raw = r.for;
      const seconds = raw === undefined || raw === null ? 0 : parseDuration(raw);
      if (seconds === undefined) continue; // not a duration: `rule/format`'s (Prometheus refuses the file)
      if (QUIET.has(r.labels['severity'] ?? '')) continue;
      const ast = exprAst(r);
      if (!ast || !instantComparison(ast, isGauge)) continue;
      if (seconds === 0) {
        report({
          messageId: 'missing',
          data: {
            alert: r.name,
            what:
              raw === undefined || raw === null ? 'has no `for`' : `has \`for: ${typeof raw === 'string' ? raw : JSON.stringify(raw)}\``,
            suggested: formatDuration(Math.max(300, slowest(ast, intervals)?.seconds ?? 0)),
          },
          entity: ruleEntity(r),
          location: at(r, raw === undefined || raw === null ? 'alert' : 'for'),
        });
        continue;
      }
      const interval = slowest(ast, intervals);
      if (interval && seconds < interval.seconds) {
        report({
          messageId: 'tooShort',
          data: { alert: r.name, value: String(raw), interval: formatDuration(interval.seconds), source: interval.source },
          entity: ruleEntity(r),
          location: at(r, 'for'),
        });
      }
    }
  },
});
