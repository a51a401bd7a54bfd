import { selectors } from '@kiln/promql';
import { z } from 'zod';
import { createRule } from '../../create-rule.js';
import { exprAst } from '../../readers/expr.js';
import { at, promRules, ruleEntity } from '../../readers/rules.js';
import { formatDuration, type Interval, parseDuration, scrapeIntervalOption, scrapeIntervals } from '../../readers/scrape-intervals.js';

/** One sample lasts as long as the slowest scrape among the jobs the expression reads. */
function slowest(intervals: (Interval | undefined)[]): Interval | undefined {
  return intervals.reduce((max, i) => (i && (!max || i.seconds > max.seconds) ? i : max), undefined);
}

export default createRule({
  id: 'alerts/for',
  meta: {
    description: 'Alerts wait with `for` before firing, and at least one scrape interval.',
    rationale:
      'Without `for`, an alert fires on the first evaluation that matches: one failed scrape, a restart or a brief spike pages someone. ' +
      'A `for` shorter than the scrape interval does not help either, because the condition is still decided by a single sample. ' +
      'Alerts whose expression reads no series (`vector(1)`, a Watchdog) cannot flap and are exempt.',
    summary: 'alert fires without waiting',
    severity: 'warning',
    messages: {
      missing: 'alert `{{alert}}` {{what}}, so it fires on the first evaluation that matches and one bad scrape pages someone. Add `for: {{suggested}}` or longer',
      invalid: 'alert `{{alert}}`: `for: {{value}}` is not a Prometheus duration (such as `5m` or `1h30m`); Prometheus refuses to load the rule file',
      tooShort:
        'alert `{{alert}}`: `for: {{value}}` is shorter than the scrape interval {{interval}} ({{source}}), so the condition is still decided by a single scrape. Use at least `for: {{interval}}`',
    },
    options: z.strictObject({
      scrapeInterval: scrapeIntervalOption(
        'The scrape interval to compare `for` with. When unset: the site\'s `prometheus.scrapeInterval`, else `global.scrape_interval` of a prometheus.yml among the files (1m when it is unset); with neither, only a missing `for` is reported.',
      ),
    }),
    reads: ['files'],
  },
  check({ site, files, options, report }) {
    const intervals = scrapeIntervals({ ...(site && { site }), files }, options.scrapeInterval);
    for (const r of promRules(files)) {
      if (r.kind !== 'alert') continue;
      const ast = exprAst(r);
      const read = ast ? selectors(ast) : [];
      const interval = slowest(read.length === 0 ? [intervals.global] : read.map((s) => intervals.of(s.matchers)));
      const raw = r.for;
      const seconds = raw === undefined || raw === null ? 0 : parseDuration(raw);
      if (seconds === undefined) {
        report({ messageId: 'invalid', data: { alert: r.name, value: String(raw) }, entity: ruleEntity(r), location: at(r, 'for') });
      } else if (seconds === 0) {
        if (ast && read.length === 0) continue;
        report({
          messageId: 'missing',
          data: { alert: r.name, what: raw === undefined || raw === null ? 'has no `for`' : `has \`for: ${String(raw)}\``, suggested: formatDuration(Math.max(300, interval?.seconds ?? 0)) },
          entity: ruleEntity(r),
          location: at(r, raw === undefined || raw === null ? 'alert' : 'for'),
        });
      } else if (interval && seconds < interval.seconds) {
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
