/** Durations and scrape intervals: what one sample of a series lasts, from the options, the site or a prometheus.yml. */
import type { ResolvedSite } from '@kiln/model';
import { durationSeconds, formatSeconds } from '@kiln/promql';
import { z } from '../options-schema.js';
import type { LintFile } from '../files.js';
import { isRecord, scalarText } from './rules.js';

/** Seconds of a Prometheus duration (`1h30m`, `15s`, `0`), or undefined when it is not one. */
export const parseDuration = (v: unknown): number | undefined => durationSeconds(scalarText(v));

/** The shortest Prometheus spelling of a duration in seconds: `90` → `1m30s`. */
export const formatDuration = formatSeconds;

export interface Interval {
  seconds: number;
  /** Where the value comes from, for messages: `option scrapeInterval`, `site \`lab\``, `prometheus.yml`. */
  source: string;
}

/** Prometheus' default `global.scrape_interval`. */
export const PROMETHEUS_DEFAULT_SCRAPE_INTERVAL = '1m';

export interface ScrapeIntervals {
  /** The global scrape interval, when known. */
  global: Interval | undefined;
  /** The interval of one scrape job: its own `scrape_interval` when set, else the global one. */
  job(name: string): Interval | undefined;
  /** The interval of the series a selector reads: of its `job="…"` when it has one, else the global one. */
  of(matchers: { name: string; op: string; value: string }[]): Interval | undefined;
}

/**
 * What the scrape interval is, in order: the rule option, the site being linted
 * (`prometheus.scrapeInterval`), or a Prometheus config among the files (`global.scrape_interval`,
 * Prometheus' default 1m when unset). Undefined when none of them is there.
 */
export function scrapeIntervals(ctx: { site?: ResolvedSite; files: LintFile[] }, option?: string): ScrapeIntervals {
  const jobs = new Map<string, Interval>();
  let global: Interval | undefined;
  const config = ctx.files.find((f) => f.kind === 'prometheus-config');
  const value = config?.values[0];
  if (config && isRecord(value)) {
    const g = isRecord(value['global']) ? value['global'] : {};
    const raw = g['scrape_interval'] ?? PROMETHEUS_DEFAULT_SCRAPE_INTERVAL;
    const seconds = parseDuration(raw);
    const source = g['scrape_interval'] === undefined ? `Prometheus' default in ${config.path}` : `${config.path} global.scrape_interval`;
    if (seconds !== undefined && seconds > 0) global = { seconds, source };
    for (const job of Array.isArray(value['scrape_configs']) ? value['scrape_configs'] : []) {
      if (!isRecord(job) || typeof job['job_name'] !== 'string') continue;
      const s = parseDuration(job['scrape_interval']);
      if (s !== undefined && s > 0) jobs.set(job['job_name'], { seconds: s, source: `${config.path} job \`${job['job_name']}\`` });
    }
  }
  if (ctx.site) {
    const seconds = parseDuration(ctx.site.prometheus.scrapeInterval);
    if (seconds !== undefined && seconds > 0) global = { seconds, source: `site \`${ctx.site.name}\`` };
    for (const job of ctx.site.scrapeJobs) {
      const s = parseDuration(job.interval);
      if (s !== undefined && s > 0) jobs.set(job.name, { seconds: s, source: `site \`${ctx.site.name}\` scrape job \`${job.name}\`` });
    }
  }
  const fromOption = parseDuration(option);
  if (fromOption !== undefined && fromOption > 0) global = { seconds: fromOption, source: 'option `scrapeInterval`' };
  const job = (name: string) => jobs.get(name) ?? global;
  return {
    global,
    job,
    of(matchers) {
      const name = matchers.find((m) => m.name === 'job' && m.op === '=')?.value;
      return name === undefined ? global : job(name);
    },
  };
}

/** The `scrapeInterval` option of rules that compare durations with the scrape interval. */
export const scrapeIntervalOption = (description: string) =>
  z
    .string()
    .refine((d) => durationSeconds(d) !== undefined, 'must be a Prometheus duration such as `30s` (units largest first, each once)')
    .optional()
    .describe(description);
