/**
 * Catalogs of what the storage a cluster depends on exports: the ceph-mgr prometheus module (Ceph's
 * health, OSDs, monitors; port 9283) and the VolSync controller (one series per ReplicationSource and
 * ReplicationDestination). Names and labels from upstream: ceph `src/pybind/mgr/prometheus/module.py`
 * and the ceph-mixin alerts; backube/volsync `internal/controller/metrics.go`. Their alerts need the
 * cluster's workloads and dependencies, so they come from `appAlerts` (workload-alerts.ts), not an `alertPack`.
 */
import type { ExporterModule, MetricSpec } from './types.js';

export const CEPH_METRICS: MetricSpec[] = [
  { name: 'ceph_health_status', type: 'gauge', help: 'Cluster health: 0 HEALTH_OK, 1 HEALTH_WARN, 2 HEALTH_ERR.', labels: [] },
  { name: 'ceph_health_detail', type: 'gauge', help: 'A health check that is raised (1), by name.', labels: ['name', 'severity'] },
  { name: 'ceph_osd_up', type: 'gauge', help: 'OSD up (1) or down (0).', labels: ['ceph_daemon'] },
  { name: 'ceph_osd_in', type: 'gauge', help: 'OSD in (1) or out (0) of the data placement.', labels: ['ceph_daemon'] },
  { name: 'ceph_osd_metadata', type: 'info', help: 'OSD metadata.', labels: ['ceph_daemon', 'hostname', 'device_class', 'cluster_addr'] },
  { name: 'ceph_mon_quorum_status', type: 'gauge', help: 'Monitor in quorum (1) or not (0).', labels: ['ceph_daemon'] },
  { name: 'ceph_pool_percent_used', type: 'gauge', help: 'Share of the pool used (0–1).', labels: ['pool_id'] },
  { name: 'ceph_pool_metadata', type: 'info', help: 'Pool metadata.', labels: ['pool_id', 'name', 'type'] },
  { name: 'ceph_cluster_total_bytes', type: 'gauge', help: 'Raw capacity of the cluster.', labels: [] },
  { name: 'ceph_cluster_total_used_bytes', type: 'gauge', help: 'Raw capacity used.', labels: [] },
];

const volsync = ['obj_name', 'obj_namespace', 'role', 'method'];
export const VOLSYNC_METRICS: MetricSpec[] = [
  {
    name: 'volsync_volume_out_of_sync',
    type: 'gauge',
    help: '1 when the volume is not synchronized: no sync yet, an error, or the last sync did not finish before the next was due.',
    labels: volsync,
  },
  {
    name: 'volsync_missed_intervals_total',
    type: 'counter',
    help: 'Syncs that did not complete before the next scheduled start.',
    labels: volsync,
  },
  { name: 'volsync_sync_duration_seconds', type: 'summary', help: 'Duration of each sync iteration.', labels: volsync },
];

export const cephExporter: ExporterModule = {
  kind: 'ceph',
  title: 'Ceph (ceph-mgr prometheus module)',
  project: 'https://docs.ceph.com/en/latest/mgr/prometheus/',
  defaultPort: 9283,
  metrics: CEPH_METRICS,
  alertPack: () => [],
};

export const volsyncExporter: ExporterModule = {
  kind: 'volsync',
  title: 'VolSync',
  project: 'https://volsync.readthedocs.io/en/stable/usage/metrics/',
  defaultPort: 8443,
  metrics: VOLSYNC_METRICS,
  alertPack: () => [],
};
