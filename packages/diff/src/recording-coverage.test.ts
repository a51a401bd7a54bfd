import { describe, expect, it } from 'vitest';
import { recordingCoverage } from './recording-coverage.js';

const rules = `groups:
  - name: lab-recording
    rules:
      - record: node:memory_utilization:ratio
        expr: 1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes
      - record: node:cpu_utilization:avg5m
        expr: 1 - avg without (cpu, mode) (rate(node_cpu_seconds_total{mode="idle"}[5m]))
`;
const tests = (expr: string, ruleFile = '../rules/recording.yml') => `rule_files:
  - ${ruleFile}
tests:
  - name: memory
    input_series:
      - series: node_memory_MemAvailable_bytes{host="a"}
        values: 1x5
    promql_expr_test:
      - expr: ${expr}
        eval_time: 5m
        exp_samples: []
`;
const files = (testText: string) =>
  new Map([
    ['prometheus/rules/recording.yml', rules],
    ['prometheus/tests/recording.test.yml', testText],
  ]);

describe('recordingCoverage', () => {
  it('counts a rule as tested when a case of a file loading it queries the recorded name', () => {
    const c = recordingCoverage(files(tests('node:memory_utilization:ratio')));
    expect(c.map((x) => [x.rule.name, x.testedBy])).toEqual([
      ['node:memory_utilization:ratio', ['memory']],
      ['node:cpu_utilization:avg5m', []],
    ]);
  });

  it('does not count a prefix of another name, or a file that does not load the rules', () => {
    expect(recordingCoverage(files(tests('node:memory_utilization:ratio_x'))).every((x) => x.testedBy.length === 0)).toBe(true);
    expect(
      recordingCoverage(files(tests('node:memory_utilization:ratio', '../rules/other.yml'))).every((x) => x.testedBy.length === 0),
    ).toBe(true);
  });
});
