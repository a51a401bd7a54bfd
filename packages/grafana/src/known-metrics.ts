/** Metric names a dashboard may query: the exporter catalogs plus what Prometheus makes itself. */
import { EXPORTERS } from '@kiln/exporters';
import { editDistance } from '@kiln/model/basics';

/** Series Prometheus writes for every target and every alert rule. */
export const PROMETHEUS_SERIES = [
  'up',
  'scrape_duration_seconds',
  'scrape_samples_scraped',
  'scrape_samples_post_metric_relabeling',
  'scrape_series_added',
  'ALERTS',
  'ALERTS_FOR_STATE',
] as const;

/** Self-monitoring: Kiln always scrapes Prometheus and Alertmanager. */
export const SELF_METRIC_PREFIXES = ['prometheus_', 'alertmanager_'] as const;

export function knownMetrics(extra: readonly string[] = []): Set<string> {
  return new Set([...PROMETHEUS_SERIES, ...Object.values(EXPORTERS).flatMap((e) => e.metrics.map((m) => m.name)), ...extra]);
}

export function isKnownMetric(name: string, known: ReadonlySet<string>): boolean {
  return known.has(name) || SELF_METRIC_PREFIXES.some((p) => name.startsWith(p));
}

/** The closest known name, for "did you mean" (edit distance ≤ 3). */
export function closestMetric(name: string, known: ReadonlySet<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = 4;
  for (const candidate of [...known].sort()) {
    const d = editDistance(name, candidate, bestDistance);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}
