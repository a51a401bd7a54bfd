/**
 * Alerts derived from what a cluster runs (workload-schema.ts): backup freshness from VolSync's
 * metrics, Ceph health from the ceph-mgr prometheus module, NFS export availability from the node
 * exporter's view of the kubelet's NFS mounts, pods stuck on their storage, memory committed beyond
 * what a node can give, and GPUs the device plugin stopped offering. Each description says what
 * breaks, naming the apps that depend on the failing thing.
 */
import type { ResolvedCluster, ResolvedDependency, ResolvedWorkload, Severity } from '@kiln/model';
import { clusterJob } from './kubernetes-alerts.js';
import { selector } from './series.js';
import type { DerivedAlert, TestSeries } from './types.js';

/** VolSync names the mover Job of a ReplicationSource `volsync-src-<name>` (internal/controller/utils GetJobName). */
export const VOLSYNC_SOURCE_JOB_PREFIX = 'volsync-src-';
/** The job label of VolSync's series in the tests: its metrics Service, annotated for the service-endpoints job. */
const VOLSYNC_TEST_TARGET = { instance: '10.42.0.15:8443', job: 'kubernetes-service-endpoints' };
const BACKUP_JOB_FAILING_FOR = '15m';
/** Minutes a test series lasts past the longest `for` of its sibling rules (promtool evaluates 5m after it). */
const TEST_SERIES_MARGIN = 10;
const BACKUP_NOT_REPORTED_FOR = '1h';
/** Pods whose containers wait this long in ContainerCreating are stuck, not slow. */
const STUCK_FOR = '10m';
/** Alert when the memory limits of a node's active pods exceed this share of its allocatable memory. */
export const MEMORY_OVERCOMMIT_RATIO = 1;

const worst = (ws: ResolvedWorkload[]): Severity => (ws.some((w) => w.criticality === 'critical') ? 'critical' : 'warning');
const names = (ws: { workload: string }[]) => [...new Set(ws.map((u) => u.workload))].join(', ');
const escapeRegex = (v: string) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\\\$&');
const regexAlt = (xs: string[]) => [...new Set(xs)].sort().join('|');

export function appAlerts(cluster: ResolvedCluster): DerivedAlert[] {
  const ksm = clusterJob(cluster, 'kubeStateMetrics');
  const node = clusterJob(cluster, 'nodeExporter');
  const byName = new Map(cluster.workloads.map((w) => [w.name, w]));
  // The firing series of every BackupStale rule lasts until the test evaluates the one with the longest slack.
  const longestSlack = Math.max(0, ...cluster.workloads.map((w) => w.backup?.slackSeconds ?? 0));
  const users = (d: ResolvedDependency) => d.usedBy.map((u) => byName.get(u.workload)!).filter(Boolean);
  return [
    ...cluster.workloads.flatMap((w) => backupAlerts(w, ksm, longestSlack)),
    ...cluster.dependencies.flatMap((d) => {
      const apps = users(d);
      const out: DerivedAlert[] = [];
      if (d.kind === 'ceph' && d.monitored) out.push(...cephAlerts(d, apps));
      if (d.kind === 'nfs' && node) out.push(...nfsAlerts(d, cluster, apps, node));
      if (ksm && apps.length > 0) out.push(stuckPodsAlert(d, apps, ksm));
      return out;
    }),
    // Commitments are part of the workload model: a cluster that declares no apps keeps its seed's alert table.
    ...(ksm && cluster.workloads.length > 0 ? [overcommitAlert(cluster, ksm)] : []),
    ...(ksm ? gpuAlerts(cluster, ksm) : []),
  ];
}

function backupAlerts(w: ResolvedWorkload, ksm: string | undefined, longestSlack: number): DerivedAlert[] {
  const b = w.backup;
  if (!b) return [];
  const severity: Severity = w.criticality === 'critical' ? 'critical' : 'warning';
  const source = { obj_name: b.replicationSource, obj_namespace: w.namespace, role: 'source' };
  const series = { ...VOLSYNC_TEST_TARGET, ...source, method: 'restic' };
  const outOfSync = (v: string): TestSeries[] => [{ series: selector('volsync_volume_out_of_sync', series), values: v }];
  const what = `ReplicationSource ${w.namespace}/${b.replicationSource} (${w.name}, every ${b.every}, kept ${b.retention})`;
  const labels = { app: w.name };
  const alerts: DerivedAlert[] = [
    {
      group: 'backups',
      alert: 'BackupStale',
      expr: `${selector('volsync_volume_out_of_sync', source)} == 1`,
      for: b.slack,
      severity,
      labels,
      summary: `The last backup of ${w.name} is older than its schedule of ${b.every}`,
      description:
        `VolSync reports ${what} out of sync for ${b.slack}: no backup has completed since the one due before the last scheduled start, so the newest restorable copy is older than ${b.every} + ${b.slack}. ` +
        `Check \`kubectl -n ${w.namespace} describe replicationsource ${b.replicationSource}\` (conditions, last sync time) and the mover pod's logs.`,
      scenario: {
        healthy: outOfSync('0x40'),
        // Out of sync from the start, until after the test evaluates the sibling with the longest slack.
        firing: outOfSync(`1x${Math.ceil(longestSlack / 60) + TEST_SERIES_MARGIN}`),
        firingLabels: series,
      },
    },
    {
      group: 'backups',
      alert: 'BackupNotReported',
      expr: `absent(${selector('volsync_volume_out_of_sync', source)})`,
      for: BACKUP_NOT_REPORTED_FOR,
      severity: 'warning',
      labels,
      summary: `VolSync reports nothing about the backup of ${w.name}`,
      description:
        `Kiln expects ${what}, but no VolSync series for it has been scraped for ${BACKUP_NOT_REPORTED_FOR}: the ReplicationSource is missing or renamed, it has no schedule, or VolSync's metrics are not scraped — so BackupStale cannot fire for it. ` +
        `Check \`kubectl -n ${w.namespace} get replicationsource\` and that the VolSync metrics Service is scraped.`,
      scenario: { healthy: outOfSync('0x80'), firing: [], firingLabels: source },
    },
  ];
  if (ksm) {
    const job = { job: ksm, job_name: `${VOLSYNC_SOURCE_JOB_PREFIX}${b.replicationSource}`, namespace: w.namespace };
    const failed = { ...job, instance: 'kube-state-metrics', reason: 'BackoffLimitExceeded' };
    alerts.push({
      group: 'backups',
      alert: 'BackupJobFailing',
      expr: `${selector('kube_job_status_failed', job)} > 0`,
      for: BACKUP_JOB_FAILING_FOR,
      severity,
      labels,
      summary: `The backup job of ${w.name} is failing`,
      description:
        `Pods of VolSync's mover Job ${w.namespace}/${job.job_name} (restic, ${what}) have failed for ${BACKUP_JOB_FAILING_FOR}: restic cannot reach or open the repository (repository host down, wrong URL or password in Secret ${b.repositorySecret ?? `of the ReplicationSource`}), the repository is locked, or its target is full. ` +
        `Read \`kubectl -n ${w.namespace} logs job/${job.job_name}\`.`,
      scenario: {
        healthy: [{ series: selector('kube_job_status_failed', failed), values: '0x40' }],
        firing: [{ series: selector('kube_job_status_failed', failed), values: '0x2 1x40' }],
        firingLabels: failed,
      },
    });
  }
  return alerts;
}

function cephAlerts(d: Extract<ResolvedDependency, { kind: 'ceph' }>, apps: ResolvedWorkload[]): DerivedAlert[] {
  const job = d.name;
  const target = { instance: d.mgrTargets[0]!, job };
  const health = (v: string): TestSeries[] => [{ series: selector('ceph_health_status', target), values: v }];
  const classes = d.storageClasses.map((c) => `\`${c}\``).join(', ') || 'none';
  const impact =
    apps.length > 0
      ? ` Volumes of storage class ${classes} live on it: ${names(d.usedBy)} — their pods hang in ContainerCreating when they (re)start and running ones see I/O stall.`
      : '';
  const osd = { ...target, ceph_daemon: 'osd.0' };
  return [
    {
      group: 'ceph',
      alert: 'CephHealthError',
      expr: `${selector('ceph_health_status', { job })} == 2`,
      for: '5m',
      severity: 'critical',
      labels: { dependency: d.name },
      summary: `Ceph (${d.name}) is in HEALTH_ERR`,
      description: `The Ceph cluster ${d.name} has reported HEALTH_ERR for 5 minutes.${impact} Run \`ceph health detail\`.`,
      scenario: { healthy: health('0x30'), firing: health('2x30'), firingLabels: target },
    },
    {
      group: 'ceph',
      alert: 'CephHealthWarning',
      expr: `${selector('ceph_health_status', { job })} == 1`,
      for: '15m',
      severity: 'warning',
      labels: { dependency: d.name },
      summary: `Ceph (${d.name}) is in HEALTH_WARN`,
      description: `The Ceph cluster ${d.name} has reported HEALTH_WARN for 15 minutes (degraded placement groups, an OSD down, a monitor out of quorum, nearly full). Run \`ceph health detail\` before it becomes HEALTH_ERR.`,
      scenario: { healthy: health('0x40'), firing: health('1x40'), firingLabels: target },
    },
    {
      group: 'ceph',
      alert: 'CephOsdDown',
      expr: `${selector('ceph_osd_up', { job })} == 0`,
      for: '5m',
      severity: 'warning',
      labels: { dependency: d.name },
      summary: `Ceph OSD {{ $labels.ceph_daemon }} (${d.name}) is down`,
      description: `OSD {{ $labels.ceph_daemon }} of ${d.name} has been down for 5 minutes; its placement groups are degraded until it returns or is marked out and data is re-replicated.`,
      scenario: {
        healthy: [{ series: selector('ceph_osd_up', osd), values: '1x30' }],
        firing: [{ series: selector('ceph_osd_up', osd), values: '0x30' }],
        firingLabels: osd,
      },
    },
    {
      group: 'ceph',
      alert: 'CephMetricsMissing',
      expr: `absent(${selector('ceph_health_status', { job })})`,
      for: '5m',
      severity: 'critical',
      labels: { dependency: d.name },
      summary: `No Ceph (${d.name}) health reaches Prometheus`,
      description: `No ceph-mgr of ${d.name} (${d.mgrTargets.join(', ')}) has served \`ceph_health_status\` for 5 minutes: no mgr is active, the prometheus module is off, or the mgrs are unreachable — Ceph is unwatched, and if the cluster is down the volumes on it are too.${impact}`,
      scenario: { healthy: health('0x30'), firing: [], firingLabels: { job } },
    },
  ];
}

function nfsAlerts(
  d: Extract<ResolvedDependency, { kind: 'nfs' }>,
  cluster: ResolvedCluster,
  apps: ResolvedWorkload[],
  job: string,
): DerivedAlert[] {
  // An export is watched where the kubelet mounts it for a pod: exports no app uses have no series to watch.
  return d.exports.flatMap((path) => {
    const classes = cluster.storageClasses
      .filter((c) => c.dependsOn?.dependency === d.name && c.dependsOn.export === path)
      .map((c) => c.name);
    const onExport = d.usedBy.filter((u) => u.via === `export ${path}` || classes.some((c) => u.via === `storage class ${c}`));
    const exportApps = apps.filter((a) => onExport.some((u) => u.workload === a.name));
    if (exportApps.length === 0) return [];
    const device = `${d.address}:${path}`;
    const node = cluster.nodes[0]!.name;
    const mount = {
      device,
      fstype: 'nfs4',
      host: node,
      instance: node,
      job,
      mountpoint: `/var/lib/kubelet/pods/0d1e5c7a/volumes/kubernetes.io~nfs/${onExport[0]!.volume}`,
      node,
    };
    const err = (v: string): TestSeries[] => [{ series: selector('node_filesystem_device_error', mount), values: v }];
    return [
      {
        group: 'nfs',
        alert: 'NfsExportUnavailable',
        // A provisioner's volumes are sub-directories of the export (`<export>/<namespace>-<claim>-<pv>`): match them too.
        expr: `${selector('node_filesystem_device_error', { job }).replace(/}$/, `,device=~"${escapeRegex(device)}(/.*)?"}`)} == 1`,
        for: '2m',
        severity: worst(exportApps),
        labels: { dependency: d.name, export: path },
        summary: `NFS export ${device} is unavailable on node {{ $labels.node }}`,
        description:
          `Node {{ $labels.node }} has failed to read its mount of ${device} ({{ $labels.mountpoint }}) for 2 minutes: the NFS server ${d.name} or the export is down or hung. ` +
          `Apps using it: ${names(onExport)} — their running pods block on file access and new pods stay in ContainerCreating until the export is back.`,
        scenario: { healthy: err('0x30'), firing: err('1x30'), firingLabels: mount },
      },
    ];
  });
}

function stuckPodsAlert(d: ResolvedDependency, apps: ResolvedWorkload[], job: string): DerivedAlert {
  const namespaces = regexAlt(apps.map((a) => a.namespace));
  const pods = `(${regexAlt(apps.map((a) => a.name))})-.*`;
  const first = apps[0]!;
  const labels = {
    container: first.name,
    instance: 'kube-state-metrics',
    job,
    namespace: first.namespace,
    pod: `${first.name}-7c9f8-x2k4q`,
    uid: 'u1',
  };
  const waiting = (v: string): TestSeries[] => [
    { series: selector('kube_pod_container_status_waiting_reason', { ...labels, reason: 'ContainerCreating' }), values: v },
  ];
  const what = d.kind === 'ceph' ? `Ceph (${d.name})` : `the NFS server ${d.name}`;
  return {
    group: d.kind === 'ceph' ? 'ceph' : 'nfs',
    alert: 'PodsStuckOnStorage',
    expr: `${selector('kube_pod_container_status_waiting_reason', { job, reason: 'ContainerCreating' }).replace(/}$/, `,namespace=~"${namespaces}",pod=~"${pods}"}`)} == 1`,
    for: STUCK_FOR,
    severity: worst(apps),
    labels: { dependency: d.name },
    summary: `Pod {{ $labels.namespace }}/{{ $labels.pod }} is stuck in ContainerCreating`,
    description:
      `Container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.pod }} has waited in ContainerCreating for ${STUCK_FOR}. Its app needs ${what} (${names(d.usedBy)} do): when it is down, volumes cannot be attached or mounted. ` +
      `Check \`kubectl -n {{ $labels.namespace }} describe pod {{ $labels.pod }}\` (events: FailedMount, FailedAttachVolume).`,
    scenario: { healthy: waiting('0x30'), firing: waiting('1x30'), firingLabels: { ...labels, reason: 'ContainerCreating' } },
  };
}

function overcommitAlert(cluster: ResolvedCluster, job: string): DerivedAlert {
  const node = cluster.nodes[0]!.name;
  const pod = { instance: 'kube-state-metrics', job, namespace: 'media', pod: 'jellyfin-6d5f7-k8x9z', uid: 'u1' };
  const limit = { ...pod, container: 'jellyfin', node, resource: 'memory', unit: 'byte' };
  const allocatable = { instance: 'kube-state-metrics', job, node, resource: 'memory', unit: 'byte' };
  const scenario = (limitBytes: number): TestSeries[] => [
    { series: selector('kube_pod_container_resource_limits', limit), values: `${limitBytes}x30` },
    { series: selector('kube_pod_status_phase', { ...pod, phase: 'Running' }), values: '1x30' },
    { series: selector('kube_pod_status_phase', { ...pod, phase: 'Pending' }), values: '0x30' },
    { series: selector('kube_node_status_allocatable', allocatable), values: '8e+09x30' },
  ];
  const active = `max by (namespace, pod) (${selector('kube_pod_status_phase', { job }).replace(/}$/, ',phase=~"Pending|Running"}')}) == 1`;
  return {
    group: 'kubernetes-capacity',
    alert: 'NodeMemoryOvercommitted',
    expr:
      `sum by (node) (${selector('kube_pod_container_resource_limits', { job, resource: 'memory' })} * on (namespace, pod) group_left () (${active}))\n` +
      `/ on (node)\n${selector('kube_node_status_allocatable', { job, resource: 'memory' })}\n> ${MEMORY_OVERCOMMIT_RATIO}`,
    for: '15m',
    severity: 'warning',
    labels: {},
    summary: 'Memory limits on node {{ $labels.node }} exceed what it can allocate',
    description: `The memory limits of the pods running or pending on {{ $labels.node }} have added up to more than ${MEMORY_OVERCOMMIT_RATIO * 100} % of its allocatable memory for 15 minutes: if they use what they may, the kernel OOM-kills containers or the kubelet evicts pods. Lower limits or move workloads to another node.`,
    scenario: { healthy: scenario(6e9), firing: scenario(9e9), firingLabels: { node } },
  };
}

function gpuAlerts(cluster: ResolvedCluster, job: string): DerivedAlert[] {
  return cluster.nodes.flatMap((n) =>
    n.gpus
      .filter((g) => g.resource !== undefined && g.unavailable === undefined)
      .map((g): DerivedAlert => {
        // kube-state-metrics sanitizes extended resource names into label values: gpu.intel.com/i915 → gpu_intel_com_i915.
        const resource = g.resource!.replace(/[^a-zA-Z0-9_]/g, '_');
        const sel = { job, node: n.name, resource };
        const labels = { ...sel, instance: 'kube-state-metrics', unit: 'integer' };
        const apps = cluster.workloads.filter((w) => w.resources.gpu?.resource === g.resource).map((w) => w.name);
        const series = (v: string): TestSeries[] => [{ series: selector('kube_node_status_allocatable', labels), values: v }];
        return {
          group: 'kubernetes-gpus',
          alert: 'GpuResourceUnavailable',
          expr: `${selector('kube_node_status_allocatable', sel)} < ${g.count}\nor\nabsent(${selector('kube_node_status_allocatable', sel)})`,
          for: '10m',
          severity: 'warning',
          // One rule per node: the label keeps them apart (promtool reports rules that differ only in their expression as duplicates).
          labels: { node: n.name },
          summary: `Node ${n.name} offers fewer ${g.resource} than its ${g.count} ${g.model}`,
          description:
            `${n.name} should offer ${g.count} × ${g.resource} (${g.model}) but Kubernetes has allocated fewer for 10 minutes: the device plugin is not running there, or the GPU is gone from the VM (passthrough lost after a host update). ` +
            (apps.length > 0 ? `Pods requesting it (${apps.join(', ')}) cannot be scheduled on ${n.name}.` : 'Nothing requests it yet.'),
          scenario: { healthy: series(`${g.count}x30`), firing: series('0x30'), firingLabels: labels },
        };
      }),
  );
}
