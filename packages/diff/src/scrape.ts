/**
 * Scrape jobs of prometheus.yml and their targets (static_configs and file_sd files), matched by
 * job name and address. Intervals are compared as effective values: a job without its own
 * `scrape_interval` inherits the global one, so a global change shows on every job it moves.
 */
import { layout } from '@kiln/plan';
import { posix } from 'node:path';
import { asArray, asLabels, documents, isRecord, object, type Labels } from './parse.js';
import { code, labelList, plural } from './show.js';
import type { Change, SiteFiles } from './types.js';
import { fieldChanges, fieldLines, keyed, partition } from './values.js';

export const PROMETHEUS_YML = layout.prometheus.config;

interface Job {
  name: string;
  /** The job's settings with effective intervals, without its target lists. */
  settings: Record<string, unknown>;
  /** address → target labels. */
  targets: Map<string, Labels>;
}

/** Files read through file_sd_configs, so the caller knows which files were covered. */
export function jobsOf(files: SiteFiles, read = new Set<string>()): Map<string, Job> {
  const config = object(PROMETHEUS_YML, files.get(PROMETHEUS_YML));
  const global = isRecord(config?.global) ? config.global : {};
  const jobs: Job[] = [];
  for (const raw of asArray(config?.scrape_configs)) {
    if (!isRecord(raw)) continue;
    const { static_configs, file_sd_configs, job_name, ...rest } = raw;
    const settings: Record<string, unknown> = {
      ...rest,
      scrape_interval: rest.scrape_interval ?? global.scrape_interval ?? '1m',
      scrape_timeout: rest.scrape_timeout ?? global.scrape_timeout ?? '10s',
      scheme: rest.scheme ?? 'http',
      metrics_path: rest.metrics_path ?? '/metrics',
    };
    const targets = new Map<string, Labels>();
    const addGroup = (g: unknown) => {
      if (!isRecord(g)) return;
      for (const t of asArray(g.targets)) targets.set(String(t), { ...asLabels(g.labels) });
    };
    asArray(static_configs).forEach(addGroup);
    for (const sd of asArray(file_sd_configs)) {
      if (!isRecord(sd)) continue;
      for (const f of asArray(sd.files)) {
        const path = posix.normalize(posix.join('prometheus', String(f)));
        read.add(path);
        for (const doc of documents(path, files.get(path)) ?? []) asArray(doc).forEach(addGroup);
      }
      const { files: _files, ...sdSettings } = sd;
      if (Object.keys(sdSettings).length) settings.file_sd = sdSettings;
    }
    jobs.push({ name: String(job_name), settings, targets });
  }
  return keyed(jobs, (j) => j.name);
}

function targetLine(address: string, job: string, labels: Labels): string {
  const { job: _job, ...rest } = labels;
  const l = labelList(rest);
  return `${code(address)} of job ${code(job)}${l ? ` (${l})` : ''}`;
}

export function diffScrape(base: SiteFiles, head: SiteFiles): { changes: Change[]; read: Set<string> } {
  const read = new Set<string>([PROMETHEUS_YML]);
  const before = jobsOf(base, read);
  const after = jobsOf(head, read);
  const changes: Change[] = [];
  const { removed, added, common } = partition(before, after);
  for (const name of removed) {
    const j = before.get(name)!;
    changes.push({
      subject: 'scrape job',
      kind: 'removed',
      risk: 'high',
      summary: `removed scrape job ${code(name)} with ${plural(j.targets.size, 'target')}: they are no longer scraped`,
      details: [...j.targets.keys()].map((a) => `was scraping ${code(a)}`),
    });
  }
  for (const name of added) {
    const j = after.get(name)!;
    changes.push({
      subject: 'scrape job',
      kind: 'added',
      risk: 'low',
      summary: `new scrape job ${code(name)} with ${plural(j.targets.size, 'target')} every ${code(String(j.settings.scrape_interval))}`,
      details: [...j.targets].map(([a, l]) => `scrapes ${targetLine(a, name, l)}`),
    });
  }
  for (const name of common) {
    const b = before.get(name)!;
    const a = after.get(name)!;
    const fields = fieldChanges(b.settings, a.settings);
    if (fields.length) {
      const tls = fields.some((f) => f.path.startsWith('tls_config'));
      changes.push({
        subject: 'scrape job',
        kind: 'changed',
        risk: tls || fields.some((f) => f.path === 'scheme') ? 'medium' : 'low',
        summary: `scrape job ${code(name)}: ${fields.map((f) => code(f.path)).join(', ')} changed`,
        details: fieldLines(fields),
      });
    }
    const t = partition(b.targets, a.targets);
    for (const addr of t.removed) {
      changes.push({
        subject: 'target',
        kind: 'removed',
        risk: 'high',
        summary: `removed target ${targetLine(addr, name, b.targets.get(addr)!)}: no longer scraped, its alerts cannot fire`,
        details: [],
      });
    }
    for (const addr of t.added)
      changes.push({
        subject: 'target',
        kind: 'added',
        risk: 'low',
        summary: `new target ${targetLine(addr, name, a.targets.get(addr)!)}`,
        details: [],
      });
    for (const addr of t.common) {
      const lf = fieldChanges(b.targets.get(addr), a.targets.get(addr), 'labels');
      if (lf.length)
        changes.push({
          subject: 'target',
          kind: 'changed',
          risk: 'medium',
          summary: `target ${code(addr)} of job ${code(name)}: labels changed`,
          details: fieldLines(lf),
        });
    }
  }
  // Everything in prometheus.yml besides scrape jobs and rule files: global, alerting, remote_write, …
  const cb = object(PROMETHEUS_YML, base.get(PROMETHEUS_YML)) ?? {};
  const ch = object(PROMETHEUS_YML, head.get(PROMETHEUS_YML)) ?? {};
  const { scrape_configs: _a, rule_files: _b, ...restBefore } = cb;
  const { scrape_configs: _c, rule_files: _d, ...restAfter } = ch;
  const settings = fieldChanges(restBefore, restAfter);
  if (settings.length && base.has(PROMETHEUS_YML) && head.has(PROMETHEUS_YML)) {
    changes.push({
      subject: 'prometheus setting',
      kind: 'changed',
      risk: 'medium',
      summary: `prometheus.yml: ${settings.map((f) => code(f.path)).join(', ')} changed`,
      details: fieldLines(settings),
    });
  }
  const rb = asArray(cb.rule_files).map(String);
  const rh = asArray(ch.rule_files).map(String);
  for (const f of rb.filter((x) => !rh.includes(x)))
    changes.push({
      subject: 'prometheus setting',
      kind: 'removed',
      risk: 'high',
      summary: `rule file ${code(f)} no longer loaded by prometheus.yml`,
      details: [],
    });
  for (const f of rh.filter((x) => !rb.includes(x)))
    changes.push({
      subject: 'prometheus setting',
      kind: 'added',
      risk: 'low',
      summary: `rule file ${code(f)} now loaded by prometheus.yml`,
      details: [],
    });
  return { changes, read };
}
