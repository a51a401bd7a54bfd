import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import type { LintFile } from '../../files.js';
import { isRecord, scalarText } from '../../readers/rules.js';
import { durationSeconds, invalidAt, list, typeName } from '../../readers/shape.js';

type Path = (string | number)[];

/** The top-level sections of prometheus.yml (config/config.go, 2.x and 3.x); Prometheus refuses any other. */
const TOP_FIELDS = [
  'global',
  'alerting',
  'rule_files',
  'scrape_config_files',
  'scrape_configs',
  'storage',
  'tracing',
  'remote_write',
  'remote_read',
  'otlp',
  'runtime',
];
/** model/relabel: actions (case-insensitive), and those that write `target_label`. */
const ACTIONS = [
  'replace',
  'keep',
  'drop',
  'keepequal',
  'dropequal',
  'hashmod',
  'labelmap',
  'labeldrop',
  'labelkeep',
  'lowercase',
  'uppercase',
];
const NEEDS_TARGET = ['replace', 'hashmod', 'lowercase', 'uppercase', 'keepequal', 'dropequal'];
export default createRule({
  id: 'prometheus/format',
  meta: {
    description: 'prometheus.yml is a configuration Prometheus loads (`promtool check config`).',
    rationale:
      'Prometheus refuses its whole configuration — it does not start, or a reload fails and the old configuration stays in force — for an unknown top-level section, ' +
      'a duration it cannot read, a scrape timeout longer than the scrape interval, a scrape job without a name or with the name of another, ' +
      'a relabel action that does not exist or lacks the `target_label`/`modulus` it needs, or a static target written as a URL.',
    summary: 'Prometheus configuration Prometheus refuses',
    severity: 'error',
    messages: {
      invalid: '{{where}}: {{problem}}; Prometheus refuses the configuration. {{fix}}',
    },
    options: z.strictObject({}),
    reads: ['files'],
  },
  check({ files, report }) {
    for (const file of files) {
      if (file.kind !== 'prometheus-config') continue;
      file.values.forEach((config, doc) => {
        if (isRecord(config)) checkConfig(file, doc, config);
      });
    }

    function checkConfig(file: LintFile, doc: number, c: Record<string, unknown>) {
      const bad = (path: Path, where: string, problem: string, fix: string) => report(invalidAt(file, doc, path, where, problem, fix));
      const duration = (path: Path, where: string, key: string, v: unknown): number | undefined => {
        if (v === undefined || v === null) return undefined;
        const seconds = durationSeconds(v);
        if (seconds === undefined) {
          const text = scalarText(v);
          bad(
            path,
            where,
            `\`${key}\` ${text ? `\`${text}\`` : `(${typeName(v)})`} is not a duration`,
            'Write a duration with units, e.g. `30s`',
          );
        }
        return seconds;
      };
      for (const key of Object.keys(c))
        if (!TOP_FIELDS.includes(key))
          bad(
            [key],
            'the configuration',
            `has a section \`${key}\`, which prometheus.yml does not have`,
            `It has ${TOP_FIELDS.map((f) => `\`${f}\``).join(', ')}`,
          );

      const global = isRecord(c['global']) ? c['global'] : {};
      const globalInterval = duration(['global', 'scrape_interval'], 'global', 'scrape_interval', global['scrape_interval']) ?? 60;
      const globalTimeout = duration(['global', 'scrape_timeout'], 'global', 'scrape_timeout', global['scrape_timeout']);
      for (const key of ['evaluation_interval', 'rule_query_offset']) duration(['global', key], 'global', key, global[key]);
      if (globalTimeout !== undefined && globalTimeout > globalInterval)
        bad(
          ['global', 'scrape_timeout'],
          'global',
          '`scrape_timeout` is longer than `scrape_interval`',
          'A scrape must end before the next starts: shorten the timeout',
        );

      const jobs = new Set<string>();
      const scrapeConfigs = c['scrape_configs'];
      if (scrapeConfigs !== undefined && scrapeConfigs !== null && !Array.isArray(scrapeConfigs))
        bad(
          ['scrape_configs'],
          'the configuration',
          `\`scrape_configs\` is ${typeName(scrapeConfigs)}, not a list`,
          'Write the jobs as a list of `- job_name: …` entries',
        );
      list(scrapeConfigs).forEach((j, i) => {
        const at: Path = ['scrape_configs', i];
        if (!isRecord(j)) {
          bad(at, `scrape config ${i + 1}`, `is ${typeName(j)}, not a map`, 'A scrape config is a map with `job_name`');
          return;
        }
        const name = scalarText(j['job_name']);
        const where = name ? `job \`${name}\`` : `scrape config ${i + 1}`;
        if (!name) bad(at, where, 'has no `job_name`', 'Name the job');
        else if (jobs.has(name))
          bad(
            [...at, 'job_name'],
            where,
            'has the name of an earlier job',
            'Job names are unique: rename one (the name is the `job` label)',
          );
        if (name) jobs.add(name);
        const interval = duration([...at, 'scrape_interval'], where, 'scrape_interval', j['scrape_interval']) ?? globalInterval;
        const timeout = duration([...at, 'scrape_timeout'], where, 'scrape_timeout', j['scrape_timeout']);
        if (timeout !== undefined && timeout > interval)
          bad(
            [...at, 'scrape_timeout'],
            where,
            '`scrape_timeout` is longer than its scrape interval',
            'A scrape must end before the next starts: shorten the timeout',
          );
        for (const key of ['relabel_configs', 'metric_relabel_configs'])
          list(j[key]).forEach((r, ri) => {
            if (!isRecord(r)) return;
            const action = (scalarText(r['action']) ?? 'replace').toLowerCase();
            const rat: Path = [...at, key, ri];
            if (!ACTIONS.includes(action))
              bad(
                [...rat, 'action'],
                `${where}, ${key}[${ri}]`,
                `\`${scalarText(r['action'])}\` is not a relabel action`,
                `Use one of ${ACTIONS.map((a) => `\`${a}\``).join(', ')}`,
              );
            else if (NEEDS_TARGET.includes(action) && !scalarText(r['target_label']))
              bad(rat, `${where}, ${key}[${ri}]`, `action \`${action}\` has no \`target_label\``, 'Name the label it writes');
            if (action === 'hashmod' && !(typeof r['modulus'] === 'number' && r['modulus'] > 0))
              bad(rat, `${where}, ${key}[${ri}]`, 'action `hashmod` has no `modulus`', 'Give the number of shards, e.g. `modulus: 2`');
          });
        list(j['static_configs']).forEach((s, si) => {
          if (!isRecord(s)) return;
          list(s['targets']).forEach((t, ti) => {
            const text = scalarText(t);
            if (text !== undefined && /^[a-z][a-z0-9+.-]*:\/\/|\//i.test(text))
              bad(
                [...at, 'static_configs', si, 'targets', ti],
                where,
                `target \`${text}\` is not \`host:port\``,
                'Give host and port only; the scheme is `scheme`, the path `metrics_path`',
              );
          });
        });
      });
    }
  },
});
