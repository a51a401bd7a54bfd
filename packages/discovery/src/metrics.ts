/**
 * A minimal metrics registry rendering the Prometheus text exposition format (version 0.0.4):
 * counters, gauges and histograms with labels, series in insertion order. Enough for the
 * discovery service's own `/metrics`; no dependency needed.
 */

type Labels = Record<string, string>;

function labelText(labels: Labels): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')}"`);
  return pairs.length ? `{${pairs.join(',')}}` : '';
}

function number(v: number): string {
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return Number.isNaN(v) ? 'NaN' : String(v);
}

interface Metric {
  render(): string[];
}

abstract class Family<S> implements Metric {
  protected readonly series = new Map<string, { labels: Labels; value: S }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: 'counter' | 'gauge' | 'histogram',
  ) {}
  protected abstract initial(): S;
  protected at(labels: Labels): { labels: Labels; value: S } {
    const key = labelText(labels);
    let s = this.series.get(key);
    if (!s) this.series.set(key, (s = { labels, value: this.initial() }));
    return s;
  }
  protected abstract lines(labels: Labels, value: S): string[];
  render(): string[] {
    const out = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} ${this.type}`];
    for (const { labels, value } of this.series.values()) out.push(...this.lines(labels, value));
    return out;
  }
}

export class Counter extends Family<number> {
  constructor(name: string, help: string) {
    super(name, help, 'counter');
  }
  protected initial() {
    return 0;
  }
  inc(labels: Labels = {}, by = 1): void {
    this.at(labels).value += by;
  }
  /** Makes the series exist at 0 so a rate() over it starts from a known value. */
  touch(labels: Labels = {}): void {
    this.at(labels);
  }
  get(labels: Labels = {}): number {
    return this.series.get(labelText(labels))?.value ?? 0;
  }
  protected lines(labels: Labels, value: number) {
    return [`${this.name}${labelText(labels)} ${number(value)}`];
  }
}

export class Gauge extends Family<number> {
  constructor(name: string, help: string) {
    super(name, help, 'gauge');
  }
  protected initial() {
    return 0;
  }
  set(value: number, labels: Labels = {}): void {
    this.at(labels).value = value;
  }
  get(labels: Labels = {}): number {
    return this.series.get(labelText(labels))?.value ?? 0;
  }
  protected lines(labels: Labels, value: number) {
    return [`${this.name}${labelText(labels)} ${number(value)}`];
  }
}

interface HistogramState {
  buckets: number[];
  sum: number;
  count: number;
}

export class Histogram extends Family<HistogramState> {
  constructor(
    name: string,
    help: string,
    readonly bounds: readonly number[],
  ) {
    super(name, help, 'histogram');
  }
  protected initial(): HistogramState {
    return { buckets: this.bounds.map(() => 0), sum: 0, count: 0 };
  }
  observe(value: number, labels: Labels = {}): void {
    const s = this.at(labels).value;
    this.bounds.forEach((le, i) => {
      if (value <= le) s.buckets[i]! += 1;
    });
    s.sum += value;
    s.count += 1;
  }
  protected lines(labels: Labels, s: HistogramState) {
    const out = this.bounds.map((le, i) => `${this.name}_bucket${labelText({ ...labels, le: number(le) })} ${s.buckets[i]}`);
    out.push(`${this.name}_bucket${labelText({ ...labels, le: '+Inf' })} ${s.count}`);
    out.push(`${this.name}_sum${labelText(labels)} ${number(s.sum)}`, `${this.name}_count${labelText(labels)} ${s.count}`);
    return out;
  }
}

export class Registry {
  private readonly metrics: Metric[] = [];
  add<M extends Metric>(metric: M): M {
    this.metrics.push(metric);
    return metric;
  }
  render(): string {
    return `${this.metrics.flatMap((m) => m.render()).join('\n')}\n`;
  }
}

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
