import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { catalogSeries, declaredTypes, metricTypesOption } from '../../readers/catalog.js';
import { exprAst, exprPosition, walkExpr } from '../../readers/expr.js';
import { describeRule, exprLocation, promRules, ruleEntity } from '../../readers/rules.js';
import { formatDuration, scrapeIntervalOption, scrapeIntervals } from '../../readers/scrape-intervals.js';

const COUNTER_FUNCTIONS = new Set(['rate', 'irate', 'increase']);

export default createRule({
  id: 'promql/rate',
  meta: {
    description: '`rate`, `irate` and `increase` read counters, over a range that holds at least two scrapes.',
    rationale:
      'These functions assume a counter that only goes up and treat every drop as a reset, so on a gauge they return nonsense that looks plausible ' +
      '(a falling temperature becomes a huge positive rate). They also need two samples in the range: `rate(x[30s])` scraped every 30s is empty most of the time, ' +
      'and an alert on it never fires. A metric is judged only when its type is known — from the exporter catalogs, the `metricTypes` option, ' +
      'or the `# TYPE` lines of a text exposition (`*.prom`) given with the files — never from its name: many exporters declare counters without `_total` ' +
      "(SNMP `ifInErrors`, `pg_stat_database_*`, Envoy, node_exporter's `node_vmstat_*`).",
    summary: 'rate of a non-counter or over too short a range',
    severity: 'warning',
    messages: {
      gauge:
        '{{rule}}: `expr` {{position}}: `{{fn}}({{metric}}[…])`, but `{{metric}}` is {{type}} ({{source}}), not a counter, so the result is meaningless. Use `deriv()` or `delta()`, or compare the value directly',
      shortRange:
        '{{rule}}: `expr` {{position}}: `{{fn}}({{metric}}[{{range}}])` covers less than two scrapes of {{interval}} ({{source}}), so it is often empty. Use a range of at least `[{{minimum}}]` (four scrapes are safer)',
    },
    options: z.strictObject({
      metricTypes: metricTypesOption,
      scrapeInterval: scrapeIntervalOption(
        "The scrape interval ranges are compared with. When unset: the site's `prometheus.scrapeInterval`, else `global.scrape_interval` of a prometheus.yml among the files (1m when it is unset); with neither, ranges are not judged.",
      ),
    }),
    reads: ['files'],
  },
  check({ site, files, options, report }) {
    const catalog = catalogSeries();
    const declared = declaredTypes(files, options.metricTypes);
    const intervals = scrapeIntervals({ ...(site && { site }), files }, options.scrapeInterval);
    for (const r of promRules(files)) {
      const ast = exprAst(r);
      if (!ast) continue;
      for (const node of walkExpr(ast)) {
        if (node.type !== 'Call' || !COUNTER_FUNCTIONS.has(node.name)) continue;
        const arg = node.args[0];
        if (arg?.type !== 'MatrixSelector') continue;
        const selector = arg.selector;
        const metric = selector.name || selector.matchers.find((m) => m.name === '__name__' && m.op === '=')?.value;
        // Built only for a finding: the position scans the expression.
        const where = () => ({ rule: describeRule(r), position: exprPosition(r, node.from), fn: node.name, metric: metric ?? '{…}' });
        // Resolved only for a finding: it needs the full YAML parse of the file.
        const location = () => exprLocation(r, node.from);
        const stated = metric === undefined ? undefined : declared.get(metric);
        const fromCatalog = metric === undefined || stated ? undefined : catalog.get(metric);
        const type = stated ?? fromCatalog?.type;
        if (type === 'gauge' || type === 'info' || type === 'stateset') {
          const source = stated
            ? options.metricTypes[metric!]
              ? 'option `metricTypes`'
              : 'its `# TYPE` line'
            : `the ${fromCatalog!.exporter} exporter's catalog`;
          report({
            messageId: 'gauge',
            data: { ...where(), type: type === 'info' ? 'an info metric' : `a ${type}`, source },
            entity: ruleEntity(r),
            location: location(),
          });
        }
        const interval = intervals.of(selector.matchers);
        if (interval && arg.range.kind === 'literal' && arg.range.seconds < 2 * interval.seconds) {
          report({
            messageId: 'shortRange',
            data: {
              ...where(),
              range: arg.range.text,
              interval: formatDuration(interval.seconds),
              source: interval.source,
              minimum: formatDuration(2 * interval.seconds),
            },
            entity: ruleEntity(r),
            location: location(),
          });
        }
      }
    }
  },
});
