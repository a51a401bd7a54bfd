import { EXPORTER_KINDS, suggest } from '@kiln/model/basics';
import { EXPORTERS } from '@kiln/exporters';
import { selectors } from '@kiln/promql';
import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { catalogSeries } from '../../readers/catalog.js';
import { exprAst, exprPosition } from '../../readers/expr.js';
import { describeRule, exprLocation, promRules, ruleEntity } from '../../readers/rules.js';

/** Series every Prometheus has: scrape health, alert state, and its own and Alertmanager's metrics (Kiln scrapes both). */
const ALWAYS = [/^up$/, /^ALERTS$/, /^ALERTS_FOR_STATE$/, /^scrape_/, /^prometheus_/, /^alertmanager_/];

const validRegex = (re: string) => {
  try {
    new RegExp(re);
    return true;
  } catch {
    return false;
  }
};

/** The name prefix an exporter's metrics share (`node_`, `nvidia_smi_`), or undefined. */
function prefixOf(names: string[]): string | undefined {
  if (names.length === 0) return undefined;
  let prefix = names[0]!;
  for (const n of names) while (!n.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const cut = prefix.lastIndexOf('_');
  return cut > 0 ? prefix.slice(0, cut + 1) : undefined;
}

export default createRule({
  id: 'promql/series',
  meta: {
    description:
      'Every metric a rule reads is exported by an exporter the site runs (by the exporter catalogs), is one Prometheus always has, or is recorded by a rule in the files. Offline: no Prometheus is queried.',
    rationale:
      'A selector for a metric nobody exports is always empty, so an alert on it never fires and looks healthy forever, and `absent()` on it fires forever. ' +
      'Typos (`node_memory_MemAvailable` without `_bytes`), metrics of an exporter the site does not run, and metrics renamed upstream all look like this. ' +
      'When linting a site the known metrics are the catalogs of the exporters its hosts run, `up`, `ALERTS`, `ALERTS_FOR_STATE`, `scrape_*`, `prometheus_*`, `alertmanager_*` ' +
      'and the recording rules in the files; for loose files the rule runs only when the `catalog` option names the exporters. ' +
      'The catalogs list the metrics Kiln knows, not every metric an exporter has, so a finding may also mean the catalog needs the metric.',
    summary: 'metric no exporter exports',
    severity: 'warning',
    messages: {
      notRun:
        '{{rule}}: `expr` {{position}}: `{{metric}}` comes from the {{exporter}} exporter, which {{scope}}, so the selector is always empty. Run the exporter, or drop the rule',
      unknown:
        '{{rule}}: `expr` {{position}}: no exporter {{scope}} exports `{{metric}}` ({{suggestion}}), and no rule in these files records it, so the selector is always empty. ' +
        "Fix the name; if the exporter does export it, add it to that exporter's catalog or to the `allow` option",
    },
    options: z.strictObject({
      catalog: z
        .array(z.enum(EXPORTER_KINDS))
        .optional()
        .describe(
          'Exporter kinds whose metrics exist. When unset: in a site, the kinds its hosts run; for loose files the rule is skipped.',
        ),
      allow: z
        .array(z.string().refine(validRegex, 'must be a valid regular expression'))
        .default(['go_.*', 'process_.*', 'promhttp_.*'])
        .describe(
          'Further metric names known to exist, as regular expressions matched against the whole name. By default the client-library metrics Go exporters expose.',
        ),
    }),
    reads: ['files'],
  },
  check({ site, files, options, report }) {
    const ofSite = options.catalog === undefined ? site : undefined;
    const kinds =
      options.catalog ?? (ofSite ? [...new Set(ofSite.hosts.flatMap((h) => h.exporters.map((e) => e.kind)))].sort() : undefined);
    if (!kinds) return;
    const list = kinds.join(', ') || 'none';
    const scope = ofSite ? `of site \`${ofSite.name}\` (${list})` : `in the \`catalog\` option (${list})`;
    const notRunScope = ofSite ? `no host of site \`${ofSite.name}\` runs` : 'is not in the `catalog` option';
    const known = catalogSeries(kinds);
    const recorded = new Set(
      promRules(files)
        .filter((r) => r.kind === 'record')
        .map((r) => r.name),
    );
    const allowed = [...ALWAYS, ...options.allow.map((a) => new RegExp(`^(?:${a})$`))];
    const customJobs = new Set(site?.scrapeJobs.map((j) => j.name) ?? []);
    const elsewhere = Object.values(EXPORTERS)
      .filter((e) => !kinds.includes(e.kind))
      .map((e) => ({ kind: e.kind, prefix: prefixOf(e.metrics.map((m) => m.name)), names: new Set(catalogSeries([e.kind]).keys()) }));
    for (const r of promRules(files)) {
      const ast = exprAst(r);
      if (!ast) continue;
      const reported = new Set<string>();
      for (const s of selectors(ast)) {
        const metric = s.metric;
        if (
          metric === undefined ||
          reported.has(metric) ||
          known.has(metric) ||
          recorded.has(metric) ||
          allowed.some((re) => re.test(metric))
        )
          continue;
        // Series of a scrape job Kiln does not model (`scrapeJobs`) cannot be checked.
        const job = s.matchers.find((m) => m.name === 'job' && m.op === '=')?.value;
        if (job !== undefined && customJobs.has(job)) continue;
        reported.add(metric);
        const base = { rule: describeRule(r), position: exprPosition(r, s.from), metric };
        const location = exprLocation(r, s.from);
        const other = elsewhere.find((e) => e.names.has(metric) || (e.prefix !== undefined && metric.startsWith(e.prefix)));
        if (other) {
          report({ messageId: 'notRun', data: { ...base, exporter: other.kind, scope: notRunScope }, entity: ruleEntity(r), location });
          continue;
        }
        const hint = suggest(metric, [...known.keys(), ...recorded]);
        report({
          messageId: 'unknown',
          data: { ...base, scope, suggestion: hint.startsWith('did you mean') ? hint : 'no known metric is close' },
          entity: ruleEntity(r),
          location,
        });
      }
    }
  },
});
