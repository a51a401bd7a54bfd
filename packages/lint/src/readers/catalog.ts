/** Metric types known from the exporter catalogs. */
import { EXPORTERS, type MetricType } from '@kiln/exporters';
import type { ExporterKind } from '@kiln/model';
import { z } from '../options-schema.js';

export interface CatalogMetric {
  type: MetricType;
  exporter: ExporterKind;
}

/**
 * Series names the exporters' catalogs declare, with their type: histograms and summaries also
 * give their `_bucket`/`_count`/`_sum` series (counters). All exporters unless `kinds` is given.
 */
export function catalogSeries(kinds?: Iterable<string>): Map<string, CatalogMetric> {
  const wanted = kinds ? new Set(kinds) : undefined;
  const out = new Map<string, CatalogMetric>();
  for (const [kind, module] of Object.entries(EXPORTERS) as [ExporterKind, (typeof EXPORTERS)[ExporterKind]][]) {
    if (wanted && !wanted.has(kind)) continue;
    for (const m of module.metrics) {
      out.set(m.name, { type: m.type, exporter: kind });
      const parts = m.type === 'histogram' ? ['_bucket', '_count', '_sum'] : m.type === 'summary' ? ['_count', '_sum'] : [];
      for (const p of parts) out.set(m.name + p, { type: 'counter', exporter: kind });
    }
  }
  return out;
}

/**
 * Metric types stated by the user, in order of precedence: the rule's option, then `# TYPE` lines
 * of text expositions among the files. Histogram and summary names also give their `_bucket`,
 * `_count` and `_sum` series (counters).
 */
export function declaredTypes(files: { metricTypes?: Map<string, string> }[], option: Record<string, string> = {}): Map<string, string> {
  const out = new Map<string, string>();
  const put = (name: string, type: string) => {
    out.set(name, type);
    const parts =
      type === 'histogram' || type === 'gaugehistogram' ? ['_bucket', '_count', '_sum'] : type === 'summary' ? ['_count', '_sum'] : [];
    for (const p of parts) if (!out.has(name + p)) out.set(name + p, type === 'gaugehistogram' ? 'gauge' : 'counter');
    // OpenMetrics declares a counter `x` whose sample is `x_total`.
    if (type === 'counter' && !name.endsWith('_total')) out.set(`${name}_total`, 'counter');
  };
  for (const f of files) for (const [n, t] of f.metricTypes ?? []) put(n, t);
  for (const [n, t] of Object.entries(option)) put(n, t);
  return out;
}

const METRIC_TYPES = ['counter', 'gauge', 'histogram', 'gaugehistogram', 'summary', 'info', 'stateset', 'unknown'] as const;

/** The `metricTypes` option of the rules that judge a metric by its type. */
export const metricTypesOption = z
  .record(z.string(), z.enum(METRIC_TYPES))
  .default({})
  .describe(
    'Metric types you know (`{ "queue_length": "gauge" }`), e.g. from an exporter\'s documentation; they take precedence over the catalogs and `# TYPE` lines.',
  );
