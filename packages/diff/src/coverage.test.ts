import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { alertCoverage, ratio, routeCoverage, withoutInputSeries } from './coverage.js';
import { runRoutingTest } from './routing-tests.js';

const rules = stringify({
  groups: [
    {
      name: 'lab',
      rules: [
        { alert: 'Down', expr: 'up == 0', labels: { severity: 'critical', job: 'node' } },
        { alert: 'Down', expr: 'up == 0', labels: { severity: 'warning', job: 'other' } },
        { alert: 'Hot', expr: 't > 80', labels: { severity: 'warning' } },
      ],
    },
  ],
});
const tests = stringify({
  rule_files: ['../rules/lab.yml'],
  tests: [
    { name: 'quiet', alert_rule_test: [{ alertname: 'Hot', eval_time: '5m', exp_alerts: [] }] },
    {
      name: 'node down fires',
      alert_rule_test: [
        { alertname: 'Down', eval_time: '5m', exp_alerts: [{ exp_labels: { severity: 'critical', job: 'node', instance: 'a' } }] },
      ],
    },
  ],
});

describe('withoutInputSeries', () => {
  it('drops the series of Kiln-written test files and keeps the rest', () => {
    const text = stringify({
      tests: [{ name: 'a', input_series: [{ series: 'up', values: '1x5' }], alert_rule_test: [{ alertname: 'X', exp_alerts: [] }] }],
    });
    expect(withoutInputSeries(text)).toBe(
      stringify({ tests: [{ name: 'a', input_series: [], alert_rule_test: [{ alertname: 'X', exp_alerts: [] }] }] }),
    );
  });
});

describe('alertCoverage', () => {
  it('a rule is covered by a test that expects it to fire with all its static labels; quiet cases do not count', () => {
    const cov = alertCoverage(
      new Map([
        ['prometheus/rules/lab.yml', rules],
        ['prometheus/tests/lab.test.yml', tests],
      ]),
    );
    expect(cov.map((c) => [c.rule.name, c.rule.labels.job ?? '', c.testedBy])).toEqual([
      ['Down', 'node', ['node down fires']],
      ['Down', 'other', []],
      ['Hot', '', []],
    ]);
    expect(ratio(cov, 1)).toBeCloseTo(1 / 3);
    expect(ratio([], 0)).toBe(1);
  });
});

const am = {
  route: {
    receiver: 'mail',
    routes: [
      { receiver: 'push', matchers: ['severity="critical"'], continue: true },
      { receiver: 'mail', matchers: ['severity="critical"'] },
      { receiver: 'dms', matchers: ['alertname="Watchdog"'] },
    ],
  },
  inhibit_rules: [
    { source_matchers: ['alertname="Down"', 'job="node"'], target_matchers: ['severity=~"critical|warning"'], equal: ['host'] },
  ],
};

describe('routeCoverage', () => {
  it('a route is exercised when a routing test ends there; the default route only as the fallback', () => {
    const cov = routeCoverage(am, [{ name: 'crit', labels: { severity: 'critical' } }]);
    expect(cov.map((r) => [r.path, r.receiver, r.exercisedBy])).toEqual([
      ['route', 'mail', []],
      ['route.routes[0]', 'push', ['crit']],
      ['route.routes[1]', 'mail', ['crit']],
      ['route.routes[2]', 'dms', []],
    ]);
  });
});

describe('runRoutingTest', () => {
  it('passes when the receivers match in order and the named inhibitor mutes the alert', () => {
    const o = runRoutingTest(am, {
      name: 't',
      labels: { severity: 'critical', host: 'a' },
      expect: ['push', 'mail'],
      inhibitedBy: { alertname: 'Down', job: 'node', host: 'a' },
    });
    expect(o).toMatchObject({ receivers: ['push', 'mail'], receiversPass: true, inhibition: { rules: [0], pass: true }, pass: true });
  });

  it('fails on receivers in another order, or an inhibitor that does not mute', () => {
    expect(runRoutingTest(am, { name: 't', labels: { severity: 'critical' }, expect: ['mail', 'push'] }).pass).toBe(false);
    const o = runRoutingTest(am, {
      name: 't',
      labels: { severity: 'critical', host: 'a' },
      expect: ['push', 'mail'],
      inhibitedBy: { alertname: 'Down', job: 'node', host: 'b' },
    });
    expect(o).toMatchObject({ receiversPass: true, inhibition: { rules: [], pass: false }, pass: false });
  });
});
