import { resolve } from '@kiln/model';
import { site as holmos } from '@kiln/site-holmos';
import { site as portkey } from '@kiln/site-portkey';
import { describe, expect, it } from 'vitest';
import { deriveAlerts } from './derive.js';
import { EXPORTERS } from './registry.js';

const alerts = (input = portkey) => deriveAlerts(resolve(input));
const rules = (name: string, input = portkey) => alerts(input).filter((a) => a.alert === name);

describe("the alerts derived from a cluster's workloads and dependencies", () => {
  it('watch every backup three ways: stale, failing job, not reported', () => {
    const stale = rules('BackupStale');
    expect(stale.map((a) => [a.labels['app'], a.for, a.severity])).toEqual([
      ['babybuddy', '2h', 'warning'],
      ['grocy', '2h', 'warning'],
      ['homeassistant', '2h', 'critical'],
      ['mosquitto', '2h', 'critical'],
      ['paperless', '2h', 'warning'],
      ['vaultwarden', '1h30m', 'critical'],
      ['zigbee2mqtt', '2h', 'critical'],
    ]);
    const vault = (name: string) => rules(name).find((a) => a.labels['app'] === 'vaultwarden')!;
    expect(vault('BackupStale').expr).toBe(
      'volsync_volume_out_of_sync{obj_name="vaultwarden",obj_namespace="vaultwarden",role="source"} == 1',
    );
    expect(vault('BackupNotReported').expr).toBe(
      'absent(volsync_volume_out_of_sync{obj_name="vaultwarden",obj_namespace="vaultwarden",role="source"})',
    );
    expect(vault('BackupJobFailing').expr).toBe(
      'kube_job_status_failed{job="kube-state-metrics",job_name="volsync-src-vaultwarden",namespace="vaultwarden"} > 0',
    );
    expect(vault('BackupJobFailing').description).toContain('vaultwarden-volsync-secret');
  });

  it('read only metrics the VolSync, Ceph, node-exporter and kube-state-metrics catalogs list', () => {
    const known = new Set(
      ['volsync', 'ceph', 'node', 'kube-state-metrics'].flatMap((k) => EXPORTERS[k as keyof typeof EXPORTERS].metrics.map((m) => m.name)),
    );
    const groups = ['backups', 'ceph', 'nfs', 'kubernetes-capacity', 'kubernetes-gpus'];
    for (const a of alerts().filter((x) => groups.includes(x.group)))
      for (const s of [...a.scenario.healthy, ...a.scenario.firing])
        expect(known, `${a.alert}: ${s.series}`).toContain(s.series.split('{')[0]);
  });

  it('say which apps break when Ceph or an NFS export is down', () => {
    const ceph = rules('CephHealthError')[0]!;
    expect(ceph.expr).toBe('ceph_health_status{job="ceph"} == 2');
    expect(ceph.description).toContain('vaultwarden');
    expect(ceph.description).toContain('ContainerCreating');
    const plex = rules('NfsExportUnavailable').find((a) => a.labels['export'] === '/nfs/plex')!;
    expect(plex.expr).toBe('node_filesystem_device_error{job="node",device=~"192\\\\.168\\\\.0\\\\.41:/nfs/plex(/.*)?"} == 1');
    expect(plex.description).toContain('jellyfin, lidarr, radarr, sonarr, transmission');
    // /nfs/k8s is used through the nfs-client storage class only.
    expect(rules('NfsExportUnavailable').find((a) => a.labels['export'] === '/nfs/k8s')!.description).toContain(
      'Apps using it: transmission',
    );
  });

  it('watch the memory committed on each node and the GPUs the device plugin offers', () => {
    expect(rules('NodeMemoryOvercommitted')[0]!.expr).toContain(
      '/ on (node)\nkube_node_status_allocatable{job="kube-state-metrics",resource="memory"}\n> 1',
    );
    expect(rules('GpuResourceUnavailable').map((a) => a.expr.split('\n')[0])).toEqual([
      'kube_node_status_allocatable{job="kube-state-metrics",node="metal1",resource="gpu_intel_com_i915"} < 1',
      'kube_node_status_allocatable{job="kube-state-metrics",node="metal2",resource="gpu_intel_com_i915"} < 1',
    ]);
  });

  it('leave a cluster without workloads, dependencies or GPUs as it was', () => {
    expect(alerts(holmos).map((a) => a.group)).not.toContain('backups');
    expect(alerts(holmos).map((a) => a.alert)).not.toContain('NodeMemoryOvercommitted');
  });

  it('leave out what cannot be watched: Ceph without mgr targets', () => {
    const blind = structuredClone(portkey);
    delete (blind.kubernetes!.dependencies!['ceph'] as { mgr?: unknown }).mgr;
    expect(rules('CephHealthError', blind)).toEqual([]);
    // The pods still report that they hang.
    expect(rules('PodsStuckOnStorage', blind).map((a) => a.labels['dependency'])).toEqual(['ceph', 'nas']);
  });
});
