import type { Labels } from '@kiln/model';

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
