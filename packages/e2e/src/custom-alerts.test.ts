/**
 * A site's own alert with a test case written as the docs say — the labels its expression yields —
 * must pass promtool: Kiln adds the rule's severity and annotations to the expected alert. And the
 * test can fail: a wrong expected label makes promtool report it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildSite } from '@kiln/cli';
import { resolve, type SiteInput } from '@kiln/model';
import { smallSite } from '@kiln/model/testing';
import { describe, expect, it } from 'vitest';
import { run } from './tools.js';

function siteWithCustomAlert(expectedHost: string, withGrafana: boolean): SiteInput {
  const s = smallSite();
  if (withGrafana) s.grafana = { url: 'https://grafana.example.org' };
  s.alerts = {
    HighLoad: {
      expr: 'node_load1 > 4',
      for: '5m',
      severity: 'warning',
      labels: { team: 'ops' },
      summary: 'Load is high on {{ $labels.host }}',
      description: 'The 1-minute load of {{ $labels.host }} is above 4.',
      tests: [
        { name: 'quiet', series: [{ series: 'node_load1{host="compute"}', values: '1x20' }], evalTime: '10m', expect: [] },
        {
          name: 'fires',
          series: [{ series: 'node_load1{host="compute"}', values: '9x20' }],
          evalTime: '10m',
          expect: [{ labels: { host: expectedHost } }],
        },
      ],
    },
  };
  return s;
}

function promtoolOn(site: SiteInput) {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-custom-'));
  try {
    for (const [path, content] of buildSite(resolve(site))) {
      if (!path.startsWith('prometheus/')) continue;
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    return run('promtool', ['test', 'rules', 'tests/custom.test.yml'], join(dir, 'prometheus'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("a site's own alert tests", () => {
  for (const withGrafana of [false, true]) {
    it(`pass promtool as documented (rule labels, severity and annotations added)${withGrafana ? ', with dashboard links' : ''}`, () => {
      const r = promtoolOn(siteWithCustomAlert('compute', withGrafana));
      expect(r.status, r.output).toBe(0);
    });
  }

  it('link to the alerts table filtered to the alert by name (not by `$labels.alertname`, empty in annotations)', () => {
    const rules = buildSite(resolve(siteWithCustomAlert('compute', true))).get('prometheus/rules/custom.yml')!;
    expect(rules).toMatch(/dashboard_url: https:\/\/grafana\.example\.org\/d\/lab-alerts\/[^\n]*&var-alertname=HighLoad\n/);
  });

  it('fail promtool when the expected labels are wrong', () => {
    const r = promtoolOn(siteWithCustomAlert('storage', false));
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/FAILED/);
  });
});
