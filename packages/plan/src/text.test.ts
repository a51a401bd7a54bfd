import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { countNestedItems, itemScalar, topLevelSequenceItems, withoutNestedBlocks } from './text.js';
import { emitYaml } from './yaml-emit.js';

const tests = {
  rule_files: ['../rules/a.yml'],
  evaluation_interval: '1m',
  tests: [
    {
      name: 'quiet: "x"',
      interval: '1m',
      input_series: [
        { series: 'up{job="a"}', values: '1x10' },
        { series: 'up{job="b"}', values: '1x10' },
      ],
      alert_rule_test: [{ eval_time: '5m', alertname: 'A', exp_alerts: [] }],
    },
    {
      name: 'fires',
      interval: '1m',
      input_series: [{ series: 'up{job="a"}', values: '0x10' }],
      alert_rule_test: [{ eval_time: '5m', alertname: 'A', exp_alerts: [{ exp_labels: { job: 'a' } }] }],
    },
  ],
};

describe('the text contract holds for what the serializer writes', () => {
  const text = emitYaml(tests);

  it('splits a top-level sequence into its items', () => {
    const items = topLevelSequenceItems(text, 'tests')!;
    expect(items).toHaveLength(2);
    expect(items.map((i) => parse(i.replace(/^ {2}/gm, ''))[0].name)).toEqual(['quiet: "x"', 'fires']);
    expect(parse(itemScalar(items[0]!, 'name')!)).toBe('quiet: "x"');
    expect(items.map((i) => countNestedItems(i, 'series', 2))).toEqual([2, 1]);
  });

  it('drops nested blocks and leaves the rest parseable and intact', () => {
    const small = parse(withoutNestedBlocks(text, 'input_series', 2)) as typeof tests;
    expect(small.tests.map((t) => t.input_series)).toEqual([[], []]);
    expect(small.tests.map((t) => t.alert_rule_test)).toEqual(tests.tests.map((t) => t.alert_rule_test));
  });

  it('declines text laid out another way', () => {
    expect(topLevelSequenceItems('tests: [{name: a}]\n', 'tests')).toBeUndefined();
    expect(topLevelSequenceItems('tests:\n- name: a\n', 'tests')).toBeUndefined();
  });
});
