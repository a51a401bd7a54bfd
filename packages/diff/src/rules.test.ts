import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { canonical, diffRules, thresholds } from './rules.js';

const ruleFile = (rules: Record<string, unknown>[], group = 'lab-node') => stringify({ groups: [{ name: group, rules }] });
const alert = (over: Record<string, unknown> = {}) => ({
  alert: 'HighLoad',
  expr: 'node_load1{job="node"} > 4',
  for: '5m',
  labels: { severity: 'warning', host: 'a' },
  annotations: { summary: 'load high' },
  ...over,
});
const files = (...rules: Record<string, unknown>[]) => new Map([['prometheus/rules/node.yml', ruleFile(rules)]]);

describe('thresholds', () => {
  it.each([
    ['up == 0', ['== 0']],
    ['a / b < 0.1', ['< 0.1']],
    ['0.9 < rate(x[5m])', ['0.9 <']],
    ['x > bool 3', ['> bool 3']],
    ['(a > 1) and (b <= -2)', ['> 1', '<= -2']],
    ['sum(rate(x[5m])) by (job)', []],
    ['a > b', []],
  ])('%s → %j', (expr, expected) => {
    expect(thresholds(expr)).toEqual(expected);
  });
});

describe('diffRules', () => {
  it('a rule moved between chunks of one large group, or into the first chunk, is no change; into another group it is', () => {
    const at = (file: string, group: string) => new Map([[`prometheus/rules/${file}.yml`, ruleFile([alert()], group)]]);
    expect(diffRules(at('storage-01', 'lab-storage-01'), at('storage-02', 'lab-storage-02'))).toEqual([]);
    expect(diffRules(at('storage', 'lab-storage'), at('storage-01', 'lab-storage-01'))).toEqual([]);
    const [c] = diffRules(at('storage-01', 'lab-storage-01'), at('node', 'lab-node'));
    expect(c!.summary).toMatch(/moved to group `lab-node`/);
  });

  it('a re-spelled expression is no change (compared after formatExpr)', () => {
    const before = files(alert({ expr: 'node_load1{job="node"}>4' }));
    const after = files(alert({ expr: "node_load1{job='node'}   >   4" }));
    expect(canonical('node_load1{job="node"}>4')).toBe(canonical("node_load1{job='node'}   >   4"));
    expect(diffRules(before, after)).toEqual([]);
  });

  it('shows threshold, for and severity old → new in the summary line', () => {
    const [c] = diffRules(
      files(alert()),
      files(alert({ expr: 'node_load1{job="node"} > 8', for: '10m', labels: { severity: 'critical', host: 'a' } })),
    );
    expect(c).toMatchObject({ subject: 'alert rule', kind: 'changed', risk: 'medium' });
    expect(c!.summary).toBe(
      'alert `HighLoad` (severity=critical, host=a): threshold `> 4` → `> 8`; for `5m` → `10m`; severity `warning` → `critical`',
    );
    expect(c!.details).toEqual([]);
  });

  it('shows both expressions when more than a threshold changed', () => {
    const [c] = diffRules(files(alert()), files(alert({ expr: 'node_load5{job="node"} > 4' })));
    expect(c!.summary).toContain('expression changed');
    expect(c!.details).toEqual(['expr before: `node_load1{job="node"} > 4`', 'expr after: `node_load5{job="node"} > 4`']);
  });

  it('lists label and annotation edits as details', () => {
    const [c] = diffRules(files(alert()), files(alert({ annotations: { summary: 'load very high', runbook_url: 'https://x' } })));
    expect(c!.summary).toBe('alert `HighLoad` (severity=warning, host=a): annotations `summary`, `runbook_url` changed');
    expect(c!.risk).toBe('low');
    expect(c!.details).toEqual([
      '`annotations.summary`: `load high` → `load very high`',
      '`annotations.runbook_url`: (none) → `https://x`',
    ]);
  });

  it('a label change is medium risk: it can change routing and inhibition', () => {
    const [c] = diffRules(files(alert()), files(alert({ labels: { severity: 'warning', host: 'a', team: 'infra' } })));
    expect(c).toMatchObject({
      risk: 'medium',
      summary: 'alert `HighLoad` (severity=warning, host=a, team=infra): labels `team` changed',
      details: ['`labels.team`: (none) → `infra`'],
    });
  });

  it('a relabelled alert with the same expression is the same alert; a swapped mount is one removed and one added', () => {
    const relabelled = diffRules(files(alert()), files(alert({ labels: { severity: 'warning', host: 'z' } })));
    expect(relabelled.map((c) => [c.kind, c.summary])).toEqual([
      ['changed', 'alert `HighLoad` (severity=warning, host=z): labels `host` changed'],
    ]);
    const mount = (m: string) =>
      alert({
        alert: 'MountDown',
        expr: `absent(node_filesystem_avail_bytes{mountpoint="${m}"})`,
        labels: { severity: 'critical', mountpoint: m },
      });
    expect(diffRules(files(mount('/a')), files(mount('/b'))).map((c) => c.kind)).toEqual(['removed', 'added']);
  });

  it('tells alerts of one name apart by their static labels', () => {
    const before = files(alert(), alert({ labels: { severity: 'warning', host: 'b' } }));
    const after = files(alert({ expr: 'node_load1{job="node"} > 6' }), alert({ labels: { severity: 'warning', host: 'b' } }));
    const changes = diffRules(before, after);
    expect(changes).toHaveLength(1);
    expect(changes[0]!.summary).toContain('(severity=warning, host=a)');
  });

  it('a removed alert is high risk; a new one low, with its threshold', () => {
    const changes = diffRules(files(alert()), files(alert({ alert: 'LoadHigh' })));
    expect(changes.map((c) => [c.kind, c.risk, c.summary])).toEqual([
      ['removed', 'high', 'removed alert `HighLoad` (severity=warning, host=a): this condition no longer alerts'],
      ['added', 'low', 'new alert `LoadHigh` (severity=warning, host=a), threshold `> 4`, for `5m`'],
    ]);
  });

  it('recording rules too: a removed one leaves its users blank', () => {
    const rec = { record: 'job:up:sum', expr: 'sum by (job) (up)' };
    const [c] = diffRules(files(rec), files());
    expect(c).toMatchObject({ subject: 'recording rule', kind: 'removed', risk: 'high' });
    expect(c!.summary).toBe('removed recording rule `job:up:sum`: alerts and dashboards using it go blank');
  });

  it('reports unit test cases added and removed by name', () => {
    const test = (name: string) => ({ name, interval: '1m', input_series: [], alert_rule_test: [] });
    const t = (...names: string[]) => stringify({ rule_files: ['../rules/node.yml'], tests: names.map(test) });
    const changes = diffRules(
      new Map([['prometheus/tests/node.test.yml', t('a', 'b')]]),
      new Map([['prometheus/tests/node.test.yml', t('b', 'c')]]),
    );
    expect(changes.map((c) => [c.kind, c.summary, c.details])).toEqual([
      ['changed', '`prometheus/tests/node.test.yml`: 1 case removed, 1 new case', ['removed: `a`', 'new: `c`']],
    ]);
    const [created] = diffRules(new Map(), new Map([['prometheus/tests/node.test.yml', t('a')]]));
    expect(created).toMatchObject({ kind: 'added', summary: 'new test file `prometheus/tests/node.test.yml`: 1 new case' });
  });

  it('reads hand-written test files in any YAML style, and counts input series of changed cases', () => {
    const flow = (n: number) =>
      `{rule_files: [../rules/node.yml], tests: [{name: "quiet: ok", input_series: [${Array.from({ length: n }, (_, i) => `{series: 'up{i="${i}"}', values: 1x5}`).join(', ')}]}]}\n`;
    const block = (n: number) =>
      stringify({
        tests: [{ name: 'quiet: ok', input_series: Array.from({ length: n }, (_, i) => ({ series: `up{i="${i}"}`, values: '1x5' })) }],
      });
    for (const write of [flow, block]) {
      const [c] = diffRules(new Map([['prometheus/tests/t.test.yml', write(1)]]), new Map([['prometheus/tests/t.test.yml', write(3)]]));
      expect(c).toMatchObject({
        summary: '`prometheus/tests/t.test.yml`: 1 case changed',
        details: ['changed: `quiet: ok` (input series 1 → 3)'],
      });
    }
  });
});
