import { describe, expect, it } from 'vitest';
import { testRule } from '../../rule-tester.js';
import { toolVerdict } from '../tool-verdict.js';
import rule from './format.js';

const job = (name: string, body = '') => `  - job_name: ${name}\n${body}    static_configs:\n      - targets: ["a:9100"]\n`;
const config = (jobs: string, global = '') => `${global ? `global:\n${global}` : ''}scrape_configs:\n${jobs}`;

const valid: { name: string; text: string }[] = [
  {
    name: 'global and per-job intervals, relabelling of every kind',
    text: config(
      job(
        'node',
        '    scrape_interval: 30s\n    scrape_timeout: 30s\n    relabel_configs:\n      - source_labels: [__address__]\n        modulus: 2\n        target_label: __tmp_hash\n        action: HashMod\n      - regex: __meta_(.+)\n        action: labelmap\n      - source_labels: [a]\n        target_label: b\n',
      ),
      '  scrape_interval: 15s\n  scrape_timeout: 10s\n  evaluation_interval: 1m\n',
    ),
  },
  {
    name: 'a job interval below the global timeout (the timeout follows it)',
    text: config(job('fast', '    scrape_interval: 5s\n'), '  scrape_timeout: 10s\n'),
  },
  { name: 'IPv6 targets', text: 'scrape_configs:\n  - job_name: v6\n    static_configs:\n      - targets: ["[::1]:9090"]\n' },
];

const invalid: { name: string; text: string; errors: { line: number; message: string }[] }[] = [
  {
    name: 'an unknown section',
    text: `${config(job('a'))}alertmanagers: []\n`,
    errors: [{ line: 5, message: 'has a section `alertmanagers`' }],
  },
  {
    name: 'a duration without a unit',
    text: config(job('a'), '  scrape_interval: 15\n'),
    errors: [{ line: 2, message: '`scrape_interval` `15` is not a duration' }],
  },
  {
    name: 'a global timeout longer than the interval',
    text: config(job('a'), '  scrape_interval: 15s\n  scrape_timeout: 20s\n'),
    errors: [{ line: 3, message: '`scrape_timeout` is longer than `scrape_interval`' }],
  },
  {
    name: "a job's timeout longer than its interval",
    text: config(job('a', '    scrape_interval: 10s\n    scrape_timeout: 15s\n')),
    errors: [{ line: 4, message: '`scrape_timeout` is longer than its scrape interval' }],
  },
  {
    name: 'a job without a name',
    text: 'scrape_configs:\n  - static_configs:\n      - targets: ["a:1"]\n',
    errors: [{ line: 2, message: 'has no `job_name`' }],
  },
  {
    name: 'two jobs of one name',
    text: config(job('a') + job('a')),
    errors: [{ line: 5, message: 'job `a`: has the name of an earlier job' }],
  },
  {
    name: 'a relabel action that does not exist',
    text: config(job('a', '    relabel_configs:\n      - action: keepp\n')),
    errors: [{ line: 4, message: '`keepp` is not a relabel action' }],
  },
  {
    name: 'hashmod without modulus',
    text: config(
      job('a', '    relabel_configs:\n      - source_labels: [__address__]\n        target_label: __tmp_hash\n        action: hashmod\n'),
    ),
    errors: [{ line: 4, message: 'action `hashmod` has no `modulus`' }],
  },
  {
    name: 'replace without target_label',
    text: config(job('a', '    relabel_configs:\n      - source_labels: [a]\n        action: replace\n')),
    errors: [{ line: 4, message: 'action `replace` has no `target_label`' }],
  },
  {
    name: 'a target written as a URL',
    text: 'scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: ["http://a:9100/metrics"]\n',
    errors: [{ line: 4, message: 'target `http://a:9100/metrics` is not `host:port`' }],
  },
];

testRule(rule, {
  valid: valid.map((c) => ({ name: c.name, files: { 'prometheus.yml': c.text } })),
  invalid: invalid.map((c) => ({
    name: c.name,
    files: { 'prometheus.yml': c.text },
    errors: c.errors.map((e) => ({ messageId: 'invalid', ...e })),
  })),
});

/** The real promtool on the same texts: every finding is a configuration it refuses, every valid text one it loads. */
describe('prometheus/format agrees with promtool check config', () => {
  const check = toolVerdict('promtool', ['check', 'config', '--syntax-only'], 'prometheus.yml');
  it.each(valid)('promtool loads: $name', ({ text }) => expect(check(text)).toBe(0));
  it.each(invalid)('promtool refuses: $name', ({ text }) => expect(check(text)).toBe(1));
});
