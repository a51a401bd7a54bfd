import { selectors } from '@kiln/promql';
import { suggest } from '@kiln/model/basics';
import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { exprAst, exprPosition } from '../../readers/expr.js';
import { describeRule, exprLocation, promRules, ruleEntity } from '../../readers/rules.js';

const isRecord = (v: unknown): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The job names the Prometheus configurations among the files produce, or undefined when there is
 * none, or when a job may set `job` itself (relabelling to `job`, honor_labels, federation).
 */
function producedJobs(files: Parameters<typeof promRules>[0]): Set<string> | undefined {
  const configs = files.filter((f) => f.kind === 'prometheus-config');
  if (configs.length === 0) return undefined;
  const jobs = new Set<string>();
  for (const f of configs) {
    for (const value of f.values) {
      for (const job of isRecord(value) && Array.isArray(value['scrape_configs']) ? value['scrape_configs'] : []) {
        if (!isRecord(job) || typeof job['job_name'] !== 'string') continue;
        const relabels = [...(job['relabel_configs'] ?? []), ...(job['metric_relabel_configs'] ?? [])];
        if (job['honor_labels'] === true || relabels.some((r: any) => r?.target_label === 'job')) return undefined;
        jobs.add(job['job_name']);
      }
    }
  }
  return jobs;
}

export default createRule({
  id: 'promql/job-exists',
  meta: {
    description: 'A rule selecting `job="…"` names a job some scrape configuration produces.',
    rationale:
      'A selector on a job nothing scrapes is always empty: `up{job="node"} == 0` never fires when the job is called `node-exporter` — seed 003\'s NodeDown watches nothing. Kiln derives every alert\'s job from its scrape jobs; this rule catches rules written by hand. It runs when a Prometheus configuration is among the linted files, and stays quiet when a job may set `job` itself (`honor_labels`, relabelling to `job`).',
    summary: 'selector on a job nothing scrapes',
    severity: 'error',
    messages: {
      unknown:
        '{{rule}}: `expr` {{position}}: no scrape configuration produces `job="{{job}}"` (jobs: {{jobs}}), so the selector is always empty; {{suggestion}}',
    },
    options: z.strictObject({}),
    reads: ['files'],
  },
  check({ files, report }) {
    const jobs = producedJobs(files);
    if (!jobs) return;
    const list = [...jobs].sort();
    for (const r of promRules(files)) {
      const ast = exprAst(r);
      if (!ast) continue;
      const reported = new Set<string>();
      for (const s of selectors(ast)) {
        const job = s.matchers.find((m) => m.name === 'job' && m.op === '=')?.value;
        if (job === undefined || jobs.has(job) || reported.has(job)) continue;
        reported.add(job);
        const near = suggest(job, list);
        // `node` for `node-exporter`: a job named after what it scrapes, with a suffix.
        const prefixed = list.find((j) => j.startsWith(`${job}-`) || j.startsWith(`${job}_`));
        const hint = near.startsWith('did you mean') ? near : prefixed ? `did you mean \`${prefixed}\`?` : near;
        report({
          messageId: 'unknown',
          data: {
            rule: describeRule(r),
            position: exprPosition(r, s.from),
            job,
            jobs: list.map((j) => `\`${j}\``).join(', '),
            suggestion: hint.startsWith('did you mean') ? hint : 'select a job the configuration scrapes',
          },
          entity: ruleEntity(r),
          location: exprLocation(r, s.from),
        });
      }
    }
  },
});
