import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { diffRouting } from './routing.js';

const rules = stringify({
  groups: [
    {
      name: 'lab',
      rules: [
        { alert: 'NodeDown', expr: 'up{job="node"} == 0', labels: { severity: 'critical' } },
        { alert: 'DiskFull', expr: 'x < 0.1', labels: { severity: 'warning', host: 'nas' } },
      ],
    },
  ],
});

const receivers = [
  { name: 'email', email_configs: [{ to: 'ops@example.org' }] },
  { name: 'webhook', webhook_configs: [{ url: 'https://hook.example.org' }] },
  { name: 'blackhole' },
];

function build(route: Record<string, unknown>, extra: Record<string, unknown> = {}): Map<string, string> {
  return new Map([
    ['prometheus/rules/lab.yml', rules],
    ['alertmanager/alertmanager.yml', stringify({ route: { receiver: 'email', group_by: ['alertname'], ...route }, receivers, ...extra })],
  ]);
}

describe('diffRouting', () => {
  it('says where each alert goes now, by the simulator', () => {
    const before = build({ routes: [{ receiver: 'webhook', matchers: ['severity="critical"'] }] });
    const after = build({
      routes: [
        { receiver: 'email', matchers: ['severity="critical"'], continue: true },
        { receiver: 'webhook', matchers: ['severity="critical"'] },
      ],
    });
    const changes = diffRouting(before, after);
    expect(changes.find((c) => c.subject === 'alert routing')!.summary).toBe(
      '`NodeDown` (severity=critical) now goes to email + webhook instead of webhook',
    );
    expect(changes.filter((c) => c.subject === 'alert routing')).toHaveLength(1);
    expect(changes.find((c) => c.subject === 'route')!.summary).toBe('new `route {severity="critical"}` to `email`');
  });

  it('an alert routed to a receiver without integrations goes nowhere: high risk', () => {
    const before = build({ routes: [{ receiver: 'webhook', matchers: ['severity="warning"'] }] });
    const after = build({ routes: [{ receiver: 'blackhole', matchers: ['severity="warning"'] }] });
    const changes = diffRouting(before, after);
    const routed = changes.find((c) => c.subject === 'alert routing')!;
    expect(routed.risk).toBe('high');
    expect(routed.summary).toBe(
      '`DiskFull` (severity=warning, host=nas) now goes nowhere (`blackhole` without any integration) instead of webhook',
    );
    expect(changes.find((c) => c.subject === 'route' && c.risk === 'high')!.summary).toBe(
      '`route {severity="warning"}` now routes to nowhere: `blackhole` without any integration',
    );
  });

  it('reports grouping and timing changes of a route and of the default route', () => {
    const before = build({ routes: [{ receiver: 'webhook', matchers: ['severity="critical"'], repeat_interval: '4h' }] });
    const after = build({
      group_by: ['alertname', 'host'],
      group_wait: '10s',
      routes: [{ receiver: 'webhook', matchers: ['severity="critical"'], repeat_interval: '1h' }],
    });
    const summaries = diffRouting(before, after).map((c) => [c.summary, c.details]);
    expect(summaries).toEqual([
      [
        'the default route: `group_by`, `group_wait` changed',
        ['`group_by`: `["alertname"]` → `["alertname","host"]`', '`group_wait`: (none) → `10s`'],
      ],
      ['`route {severity="critical"}`: `repeat_interval` changed', ['`repeat_interval`: `4h` → `1h`']],
    ]);
  });

  it('reports inhibit rules added and removed, in matcher form', () => {
    const rule = { source_matchers: ['alertname="NodeDown"'], target_matchers: ['severity=~"warning|info"'], equal: ['host'] };
    const changes = diffRouting(build({}), build({}, { inhibit_rules: [rule] }));
    expect(changes).toEqual([
      {
        subject: 'inhibit rule',
        kind: 'added',
        risk: 'medium',
        summary: 'new inhibit rule: `alertname="NodeDown"` mutes `severity=~"warning|info"` with equal `host`',
        details: [],
      },
    ]);
    expect(diffRouting(build({}, { inhibit_rules: [rule] }), build({}))[0]!.kind).toBe('removed');
  });

  it('reports receivers added, removed and changed', () => {
    const before = build({});
    const after = new Map(before);
    after.set(
      'alertmanager/alertmanager.yml',
      stringify({
        route: { receiver: 'email', group_by: ['alertname'] },
        receivers: [
          { name: 'email', email_configs: [{ to: 'oncall@example.org' }] },
          receivers[1],
          { name: 'pager', webhook_configs: [{ url: 'https://p' }] },
        ],
      }),
    );
    expect(diffRouting(before, after).map((c) => c.summary)).toEqual([
      'removed receiver `blackhole`',
      'new receiver `pager` (webhook)',
      'receiver `email` changed',
    ]);
  });

  it('nothing changed, nothing reported', () => {
    expect(diffRouting(build({}), build({}))).toEqual([]);
  });
});
