import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testRule } from '../../rule-tester.js';
import { toolVerdict } from '../tool-verdict.js';
import rule from './format.js';

const receivers = 'receivers:\n  - name: team\n  - name: pager\n';
const config = (route: string, rest = '') => `route:\n  receiver: team\n${route}${receivers}${rest}`;

const valid: { name: string; text: string }[] = [
  {
    name: 'routes, matchers, durations and time intervals',
    text: config(
      '  group_wait: 30s\n  group_interval: 5m\n  repeat_interval: 4h\n  routes:\n    - receiver: pager\n      matchers: [\'severity="critical"\']\n      active_time_intervals: [office]\n      continue: true\n',
      'time_intervals:\n  - name: office\n    time_intervals:\n      - weekdays: [monday:friday]\ninhibit_rules:\n  - source_matchers: [\'severity="critical"\']\n    target_matchers: [\'severity="warning"\']\n    equal: [alertname]\n',
    ),
  },
  { name: 'a global resolve_timeout', text: `global:\n  resolve_timeout: 5m\n${config('')}` },
  { name: 'a child route inherits the receiver', text: config('  routes:\n    - match:\n        team: db\n') },
];

const invalid: { name: string; text: string; errors: { line: number; message: string }[] }[] = [
  { name: 'an unknown top-level field', text: `${config('')}alerting: {}\n`, errors: [{ line: 6, message: 'has a field `alerting`' }] },
  { name: 'no route', text: receivers, errors: [{ line: 1, message: 'has no `route`' }] },
  {
    name: 'a root route without a receiver',
    text: `route:\n  group_by: [alertname]\n${receivers}`,
    errors: [{ line: 1, message: 'has no default `receiver`' }],
  },
  {
    name: 'matchers on the root route',
    text: config('  matchers: [\'team="db"\']\n'),
    errors: [{ line: 3, message: 'the root route: has `matchers`' }],
  },
  {
    name: 'a route to a receiver that does not exist',
    text: config('  routes:\n    - receiver: pagr\n'),
    errors: [{ line: 4, message: 'route.routes[0]: routes to the receiver `pagr`, which is not defined' }],
  },
  {
    name: 'a receiver name used twice',
    text: `${config('')}  - name: team\n`,
    errors: [{ line: 6, message: 'receiver `team`: has the name of an earlier receiver' }],
  },
  {
    name: 'a receiver without a name',
    text: `${config('')}  - email_configs: []\n`,
    errors: [{ line: 6, message: 'receiver 3: has no name' }],
  },
  {
    name: 'a duration without a unit',
    text: config('  group_wait: 30\n'),
    errors: [{ line: 3, message: '`group_wait` `30` is not a duration' }],
  },
  { name: 'a zero repeat_interval', text: config('  repeat_interval: 0s\n'), errors: [{ line: 3, message: '`repeat_interval` is zero' }] },
  {
    name: 'an unknown route field',
    text: config('  routes:\n    - receiver: pager\n      severity: critical\n'),
    errors: [{ line: 5, message: 'has a field `severity`' }],
  },
  {
    name: 'a matcher that does not parse',
    text: config("  routes:\n    - receiver: pager\n      matchers: ['severity critical']\n"),
    errors: [{ line: 5, message: '`severity critical` is not a matcher' }],
  },
  {
    name: 'a time interval that is not defined',
    text: config('  routes:\n    - receiver: pager\n      mute_time_intervals: [weekend]\n'),
    errors: [{ line: 5, message: 'names the time interval `weekend`, which is not defined' }],
  },
];

testRule(rule, {
  valid: valid.map((c) => ({ name: c.name, files: { 'alertmanager.yml': c.text } })),
  invalid: invalid.map((c) => ({
    name: c.name,
    files: { 'alertmanager.yml': c.text },
    errors: c.errors.map((e) => ({ messageId: 'invalid', ...e })),
  })),
});

/** The real amtool on the same texts, and on Kiln's own configurations: every finding is a configuration it refuses. */
describe('alertmanager/format agrees with amtool check-config', () => {
  const check = toolVerdict('amtool', ['check-config'], 'alertmanager.yml');
  it.each(valid)('amtool loads: $name', ({ text }) => expect(check(text)).toBe(0));
  it.each(invalid)('amtool refuses: $name', ({ text }) => expect(check(text)).toBe(1));
  it("a receiver renamed in Portkey's generated configuration is refused by both", () => {
    const text = readFileSync(join(import.meta.dirname, '../../../../../generated/portkey/alertmanager/alertmanager.yml'), 'utf8');
    expect(check(text)).toBe(0);
    expect(check(text.replace('receiver: phone\n', 'receiver: phon\n'))).toBe(1);
  });
});
