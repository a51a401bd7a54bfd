/**
 * `kiln lint` on configuration from the seeds as their authors wrote it — files Kiln did not write.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '@kiln/cli';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REPO } from './tools.js';

const fixture = (name: string) => join(import.meta.dirname, '../fixtures/seeds', name);
const linesOf = (file: string, needle: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((l, i) => (l.includes(needle) ? [i + 1] : []));

let out: string[];
beforeEach(() => {
  out = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

interface Finding {
  ruleId: string;
  entity: { name: string };
  location: { file: string; line: number };
}

describe('seed 003 (HolmOS) as written', () => {
  it('finds every insecure_skip_verify inside the Prometheus ConfigMap, at the manifest lines', async () => {
    const file = fixture('holmos-prometheus-configmap.yaml');
    expect(await main(['lint', '--root', REPO, '--format', 'json', file])).toBe(1);
    const found = JSON.parse(out.join('')) as Finding[];
    const tls = found.filter((d) => d.ruleId === 'tls/no-insecure-skip-verify').map((d) => d.location.line);
    expect(tls).toEqual(linesOf(file, 'insecure_skip_verify: true'));
    expect(tls).toHaveLength(3);
  });

  it('lints the alert table as a rule file: valid PromQL, routing-ready labels, missing annotations', async () => {
    const file = fixture('holmos-alerts.yml');
    // alerts/annotation is opt-in (the annotations a notification reads are a site convention).
    expect(await main(['lint', '--root', REPO, '--format', 'json', '--rule', 'alerts/annotation=warning', file])).toBe(0);
    const found = JSON.parse(out.join('')) as Finding[];
    expect(found.filter((d) => d.ruleId === 'promql/syntax')).toEqual([]);
    const missing = new Set(found.filter((d) => d.ruleId === 'alerts/annotation').map((d) => d.entity.name));
    expect([...missing].sort()).toEqual(
      linesOf(file, '- alert: ')
        .map((l) => readFileSync(file, 'utf8').split('\n')[l - 1]!.split('alert: ')[1]!)
        .sort(),
    );
  });

  it('finds the NodeDown that watches a job nothing scrapes (job="node"; the scrape job is node-exporter)', async () => {
    const alerts = fixture('holmos-alerts.yml');
    expect(await main(['lint', '--root', REPO, '--format', 'json', alerts, fixture('holmos-prometheus-configmap.yaml')])).toBe(1);
    const found = (JSON.parse(out.join('')) as Finding[]).filter((d) => d.ruleId === 'promql/job-exists');
    expect(found.map((d) => [d.entity.name, d.location.file.endsWith('holmos-alerts.yml'), d.location.line])).toEqual([
      ['NodeDown', true, linesOf(alerts, 'up{job="node"}')[0]],
    ]);
  });

  it("finds the manifests' host access without a reason, anonymous Grafana, root containers and missing probes", async () => {
    const file = fixture('holmos-manifests.yaml');
    expect(await main(['lint', '--root', REPO, '--format', 'json', file])).toBe(1);
    const found = JSON.parse(out.join('')) as (Finding & { message: string })[];
    const of = (rule: string) => found.filter((d) => d.ruleId === rule);
    expect(of('kubernetes/host-access').map((d) => d.location.line)).toEqual(
      [...linesOf(file, 'hostNetwork: true'), ...linesOf(file, 'hostPID: true'), ...linesOf(file, 'hostPath:')].sort((a, b) => a - b),
    );
    expect(of('kubernetes/grafana-anonymous').map((d) => d.location.line)).toEqual([linesOf(file, 'GF_AUTH_ANONYMOUS_ENABLED')[0]! + 1]);
    expect(new Set(of('kubernetes/probes').map((d) => d.entity.name))).toEqual(new Set(['DaemonSet node-exporter']));
    // Prometheus, Alertmanager and Grafana set no security context; the node exporter and kube-state-metrics set part of it.
    expect(new Set(of('kubernetes/restricted').map((d) => d.entity.name))).toEqual(
      new Set([
        'Deployment prometheus',
        'DaemonSet node-exporter',
        'Deployment kube-state-metrics',
        'Deployment alertmanager',
        'Deployment grafana',
      ]),
    );
    expect(of('kubernetes/image-pinned')).toEqual([]);
    expect(of('kubernetes/resources')).toEqual([]);
  });
});
