/** Metric types known from the exporter catalogs. */
import { EXPORTERS, type MetricType } from '@kiln/exporters';
import type { ExporterKind } from '@kiln/model';

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

