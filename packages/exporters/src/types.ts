import type { ExporterKind, Labels, ResolvedHost, Severity } from '@kiln/model';

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'info';

export interface MetricSpec {
  name: string;
  type: MetricType;
  help: string;
  /** Labels the exporter attaches (target labels such as job/instance/host come on top). */
  labels: string[];
}

/** One input series for a promtool unit test, in promtool's notation. */
export interface TestSeries {
  series: string;
  values: string;
}

/**
 * An alert rule plus the scenario that proves it: series under which it stays quiet, series under
 * which it fires, and the labels the firing alert carries (from the expression; rule labels are
 * added by the generator). The generator turns the scenarios of all rules sharing an alert name into
 * promtool tests.
 */
export interface DerivedAlert {
  /** Rule group (also the rule file name). */
  group: string;
  alert: string;
  expr: string;
  for: string;
  severity: Severity;
  labels: Labels;
  summary: string;
  description: string;
  scenario: {
    healthy: TestSeries[];
    firing: TestSeries[];
    firingLabels: Labels;
  };
  /** Always-firing alerts (Watchdog) have no quiet case. */
  alwaysFiring?: boolean;
}

export interface ExporterModule {
  kind: ExporterKind;
  title: string;
  /** Upstream project, for docs. */
  project: string;
  defaultPort: number;
  metrics: MetricSpec[];
  /** The exporter's standard alerts: one rule per alert covering every host that runs it (in `job`). */
  alertPack(hosts: ResolvedHost[], job: string): DerivedAlert[];
  /** Multi-target exporters: the path and query parameters of every scrape (targets go in `?target=`). */
  scrape?: { metricsPath: string; params: Record<string, string[]> };
  /** The alert pack for a scrape job whose targets are discovered over HTTP (no inventory hosts). */
  discoveredPack?(job: string): DerivedAlert[];
}
