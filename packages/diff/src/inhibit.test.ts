/** Inhibition semantics of Alertmanager's inhibit.go, case by case (the e2e suite checks them against a running Alertmanager). */
import { describe, expect, it } from 'vitest';
import { inhibitRules, inhibitingRules, isInhibited } from './inhibit.js';

const config = {
  inhibit_rules: [
    {
      source_matchers: ['alertname="InstanceDown"', 'job="node"'],
      target_matchers: ['severity=~"critical|warning|info"'],
      equal: ['host'],
    },
    { source_match: { alertname: 'SiteDown' }, target_match_re: { severity: 'warning|info' }, equal: [] },
  ],
};
const rules = inhibitRules(config);
const hostDown = { alertname: 'InstanceDown', job: 'node', severity: 'critical', host: 'atlas' };

describe('inhibitingRules', () => {
  it('parses matcher lists and the deprecated match/match_re maps', () => {
    expect(rules.map((r) => [r.source.length, r.target.length, r.equal])).toEqual([
      [2, 1, ['host']],
      [1, 1, []],
    ]);
    expect(rules[1]!.target[0]).toEqual({ name: 'severity', op: '=~', value: 'warning|info' });
  });

  it('mutes a target with equal labels', () => {
    expect(
      inhibitingRules(rules, { alertname: 'NfsMountUnavailable', severity: 'critical', host: 'atlas' }, hostDown).map((r) => r.index),
    ).toEqual([0]);
  });

  it('does not mute when an equal label differs, or the source does not match', () => {
    expect(isInhibited(rules, { alertname: 'X', severity: 'critical', host: 'prometheus' }, [hostDown])).toBe(false);
    expect(isInhibited(rules, { alertname: 'X', severity: 'critical', host: 'atlas' }, [{ ...hostDown, job: 'nvidia-gpu' }])).toBe(false);
  });

  it('a label missing on both sides counts as equal', () => {
    const { host: _h, ...noHost } = hostDown;
    expect(isInhibited(rules, { alertname: 'X', severity: 'warning' }, [noHost])).toBe(true);
  });

  it('target matchers must match the muted alert (severity none is not muted)', () => {
    expect(isInhibited(rules, { alertname: 'Watchdog', severity: 'none', host: 'atlas' }, [hostDown])).toBe(false);
  });

  it('an alert matching both sides is not muted by another that also matches both (no self-inhibition)', () => {
    // InstanceDown{job=node} of atlas is a source and a target of rule 0: its twin from another job-node target does not mute it.
    expect(isInhibited(rules, hostDown, [{ ...hostDown, instance: 'other:9100' }])).toBe(false);
  });

  it('but an alert matching both sides is muted by a source that is not a target', () => {
    const two = inhibitRules({ inhibit_rules: [{ source_matchers: ['alertname="A"'], target_matchers: ['team="x"'], equal: [] }] });
    expect(isInhibited(two, { alertname: 'A', team: 'x' }, [{ alertname: 'A', team: 'y' }])).toBe(true);
    expect(isInhibited(two, { alertname: 'A', team: 'x' }, [{ alertname: 'A', team: 'x', n: '2' }])).toBe(false);
  });
});
