/** HolmOS' facts from seed 003, checked on the resolved model. */
import { resolve } from '@kiln/model';
import { describe, expect, it } from 'vitest';
import { site, victoriaMetricsVariant } from './index.js';

const holmos = resolve(site);
const k = holmos.kubernetes!;

describe('holmos', () => {
  it('is a cluster of 12 Raspberry Pis and the openmediavault storage node, each running the node exporter', () => {
    expect(k.nodes).toHaveLength(13);
    expect(k.nodes.filter((n) => n.name.startsWith('rpi-'))).toHaveLength(12);
    for (const h of holmos.hosts)
      expect(
        h.exporters.map((e) => e.kind),
        h.name,
      ).toEqual(['node']);
  });

  it("keeps the seed's intervals, retention and flags", () => {
    const p = holmos.prometheus;
    expect([p.scrapeInterval, p.evaluationInterval, p.scrapeTimeout, p.retentionTime, p.retentionSize]).toEqual([
      '30s',
      '30s',
      '25s',
      '7d',
      '15GB',
    ]);
    expect(k.stack.prometheus.flags).toEqual({ queryMaxConcurrency: 2, queryTimeout: '2m', enableLifecycle: true });
    expect(k.stack.alertmanager.retention).toBe('120h');
    expect([k.stack.prometheus.storage.size, k.stack.alertmanager.storage.size, k.stack.grafana.storage.size]).toEqual([
      '20Gi',
      '1Gi',
      '1Gi',
    ]);
  });

  it('stays under the 2 GB budget of the seed: 1792Mi of memory limits', () => {
    const total = k.stack.memoryByComponent.reduce((s, c) => s + c.bytes * c.pods, 0);
    expect(total / 2 ** 20).toBe(1792);
    expect(k.stack.budget.memoryLimit).toBe('2Gi');
  });

  it('keeps Prometheus off the storage node, on the nodes with the most memory', () => {
    expect(k.stack.prometheus.placement).toEqual({ avoid: ['openmediavault'], prefer: ['rpi-1', 'rpi-2', 'rpi-3', 'rpi-4'] });
  });

  it('states why the node exporter needs the host and why Grafana lets anonymous viewers in', () => {
    expect(k.stack.nodeExporter.host).toMatchObject({ network: true, pid: true, rootfs: true });
    expect(k.stack.grafana.anonymous?.reason).toMatch(/embed/);
  });

  it('has a VictoriaMetrics option within the same budget', () => {
    const vm = resolve(victoriaMetricsVariant).kubernetes!;
    expect(vm.stack.backend).toBe('victoriametrics');
    expect(vm.stack.memoryByComponent.map((c) => c.component)).toEqual([
      'victoria-metrics',
      'vmalert',
      'alertmanager',
      'grafana',
      'kube-state-metrics',
      'node-exporter',
    ]);
  });
});
