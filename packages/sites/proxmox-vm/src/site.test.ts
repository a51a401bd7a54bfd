/** Seed 002's decisions, checked on the resolved model and the site's dashboards. */
import { buildDashboards, panelQueries, variableQueries } from '@kiln/grafana';
import { resolve } from '@kiln/model';
import { describe, expect, it } from 'vitest';
import { dashboards, site } from './index.js';

const proxmox = resolve(site);
const RECORDED = [
  'node:cpu_utilization:avg5m',
  'node:memory_utilization:ratio',
  'vm:cpu_utilization:avg5m',
  'vm:memory_utilization:ratio',
  'vm:disk_read_latency:avg5m',
  'gpu:utilization:avg5m',
];

describe('proxmox-vm', () => {
  it('scrapes every 15 s and keeps 30 days', () => {
    expect(proxmox.prometheus).toMatchObject({ scrapeInterval: '15s', retentionTime: '30d' });
  });

  it("runs the seed's exporters on their ports: node 9100 on every host, GPU 9835, pve 9221 querying every node", () => {
    const ports = proxmox.hosts.flatMap((h) => h.exporters.map((e) => `${h.name} ${e.kind}:${e.port}`));
    expect(ports).toEqual([
      'monitor node:9100',
      'monitor pve:9221',
      'monitor2 node:9100',
      'pve1 node:9100',
      'pve1 nvidia-gpu-nvml:9835',
      'pve2 node:9100',
      'pve3 node:9100',
      'vmstore node:9100',
    ]);
    const pve = proxmox.hosts.find((h) => h.name === 'monitor')!.exporters.find((e) => e.kind === 'pve')!;
    expect(pve.probes!.map((p) => p.host)).toEqual(['pve1', 'pve2', 'pve3']);
  });

  it("scales out as the seed's notes ask: two replicas of two shards, remote write to VictoriaMetrics, an Alertmanager pair", () => {
    const so = proxmox.scaleOut!;
    expect(so.instances.map((i) => `${i.id} ${i.address}`)).toEqual([
      'shard-0-replica-0 10.0.10.20:9090',
      'shard-0-replica-1 10.0.10.21:9090',
      'shard-1-replica-0 10.0.10.20:9091',
      'shard-1-replica-1 10.0.10.21:9091',
    ]);
    expect(so.remoteWrite.map((t) => [t.engine, t.dropLabels, t.queryUrl])).toEqual([
      ['victoriametrics', ['replica'], 'http://10.0.10.30:8428'],
    ]);
    expect(so.alertmanagers!.map((m) => `${m.name} ${m.clusterAddress} → ${m.peers.join(',')}`)).toEqual([
      'monitor 10.0.10.20:9094 → monitor2',
      'monitor2 10.0.10.21:9094 → monitor',
    ]);
  });

  it('discovers the Windows VMs (windows_exporter) from the discovery service', () => {
    // Since main's Linux guests the site also has the `linux-vms` job.
    expect(proxmox.scrapeJobs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'windows',
          exporter: 'windows',
          httpSd: expect.objectContaining({ url: 'http://10.0.10.20:8000/targets/windows', refreshInterval: '60s' }),
        }),
      ]),
    );
  });

  it("records the seed's six series, each with a unit test", () => {
    expect(proxmox.recordingRules.map((r) => r.name).sort()).toEqual([...RECORDED].sort());
    for (const r of proxmox.recordingRules) expect(r.tests.length, r.name).toBeGreaterThan(0);
  });

  it('groups by alertname, severity and node; criticals reach webhook and mail; secrets come from files', () => {
    expect(proxmox.routing.groupBy).toEqual(['alertname', 'severity', 'node']);
    expect(proxmox.routing.routes.find((r) => r.matchers.includes('severity="critical"'))!.receivers).toEqual(['ops-webhook', 'ops-email']);
    const receivers = Object.fromEntries(proxmox.receivers.map((r) => [r.name, r]));
    expect(receivers['ops-webhook']!.webhooks[0]!.bearerTokenFile).toMatch(/^\//);
    expect(receivers['ops-email']!.emails[0]!.authPasswordFile).toMatch(/^\//);
  });

  it('builds the four dashboards; they query the recording rules and take VMs from the discovery labels', () => {
    const built = buildDashboards(proxmox, [], dashboards).slice(-4);
    expect(built.map((d) => d.model.title)).toEqual(['Cluster Overview', 'VM Comparison', 'VM Detail', 'Host-Guest Correlation']);
    const exprs = built.flatMap((d) => panelQueries(d.model).map((q) => q.expr)).join('\n');
    for (const name of RECORDED) expect(exprs, name).toContain(name);
    const vmVariables = built.flatMap((d) =>
      variableQueries(d.model)
        .filter((v) => v.variable === 'vm')
        .map((v) => v.expr),
    );
    expect(vmVariables).toHaveLength(3); // every dashboard but Cluster Overview
    for (const expr of vmVariables) expect(expr).toContain('up{job="windows",node=~"$node"}');
  });
});
