import { resolve } from '@kiln/model';
import { site as holmos } from '@kiln/site-holmos';
import { describe, expect, it } from 'vitest';
import { deriveAlerts } from './derive.js';

const alerts = (input = holmos) => deriveAlerts(resolve(input));
const expr = (name: string, input = holmos) => alerts(input).find((a) => a.alert === name)!.expr;

describe('the alert pack of a Kubernetes site', () => {
  it("is seed 003's table of eight, derived from the cluster", () => {
    expect(alerts().map((a) => a.alert)).toEqual([
      'NodeDown',
      'NodeMemoryPressure',
      'NodeCPUHigh',
      'NodeDiskPressure',
      'PodCrashLooping',
      'PodNotReady',
      'DeploymentReplicasMismatch',
      'PersistentVolumeSpaceLow',
    ]);
  });

  it('selects the job the discovery produces, whatever it is called', () => {
    expect(expr('NodeDown')).toBe('up{job="node"} == 0');
    const renamed = structuredClone(holmos);
    renamed.kubernetes!.discovery.nodeExporter = { jobName: 'node-exporter' };
    expect(expr('NodeDown', renamed)).toBe('up{job="node-exporter"} == 0');
    expect(expr('NodeCPUHigh', renamed)).toContain('node_cpu_seconds_total{job="node-exporter",mode="idle"}');
  });

  it("keeps the node label in NodeCPUHigh (the seed's avg() drops it)", () => {
    expect(expr('NodeCPUHigh')).toMatch(/avg by \(node\)/);
    expect(alerts().find((a) => a.alert === 'NodeCPUHigh')!.scenario.firingLabels).toEqual({ node: 'openmediavault' });
  });

  it('leaves out the alerts of jobs the cluster does not run', () => {
    const noKsm = structuredClone(holmos);
    delete noKsm.kubernetes!.discovery.kubeStateMetrics;
    expect(alerts(noKsm).map((a) => a.alert)).not.toContain('PodNotReady');
  });
});
