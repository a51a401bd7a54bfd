import type { ExporterKind, Labels, ResolvedHost } from '@kiln/model';

function escapeValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** `name{a="1",b="2"}` with labels sorted, the notation of PromQL selectors and promtool series. */
export function selector(name: string, labels: Labels): string {
  const inner = Object.keys(labels)
    .sort()
    .map((k) => `${k}="${escapeValue(labels[k]!)}"`)
    .join(',');
  return `${name}{${inner}}`;
}

/** The labels Prometheus attaches to every series scraped from an inventory exporter target. */
export function targetLabels(job: string, host: string, instance: string, extra: Labels = {}): Labels {
  return { ...extra, host, instance, job };
}

/** The `instance` label of a host's exporter of `kind` (its address, or the host name; see `prometheus.instanceLabel`). */
export function instanceOf(host: ResolvedHost, kind: ExporterKind): string {
  return host.exporters.find((e) => e.kind === kind)?.instance ?? host.name;
}

/** `targetLabels` for the exporter of `kind` on `host`, plus the exporter's own labels. */
export function exporterLabels(host: ResolvedHost, kind: ExporterKind, job: string, extra: Labels = {}): Labels {
  return targetLabels(job, host.name, instanceOf(host, kind), extra);
}
