/**
 * The alert pack of a Kubernetes site (HolmOS seed 003's table), derived from the cluster: every
 * selector names a job the cluster's discovery produces, so an alert cannot watch a job that does
 * not exist (the seed's NodeDown selects `job="node"` while its scrape job is `node-exporter`), and
 * node alerts keep the `node` label (the seed's NodeCPUHigh `avg()` folds all nodes into one).
 */
import type { K8sJobKind, Labels, ResolvedCluster } from '@kiln/model';
import { selector } from './series.js';
import type { DerivedAlert, TestSeries } from './types.js';
import { appAlerts } from './workload-alerts.js';

/** The job name the cluster gives a discovery job, or undefined when the site does not run it. */
export function clusterJob(cluster: ResolvedCluster, kind: K8sJobKind): string | undefined {
  return cluster.discovery.find((j) => j.kind === kind)?.jobName;
}

const each = (labels: Labels[], series: (l: Labels) => TestSeries[]) => labels.flatMap(series);

export function clusterAlerts(cluster: ResolvedCluster): DerivedAlert[] {
  const out: DerivedAlert[] = [];
  const node = clusterJob(cluster, 'nodeExporter');
  if (node) out.push(...nodeAlerts(cluster, node));
  const ksm = clusterJob(cluster, 'kubeStateMetrics');
  if (ksm) out.push(...workloadAlerts(ksm));
  const kubelet = clusterJob(cluster, 'kubelet');
  if (kubelet) out.push(volumeAlert(kubelet));
  out.push(...appAlerts(cluster));
  return out;
}

function nodeAlerts(cluster: ResolvedCluster, job: string): DerivedAlert[] {
  const targets = cluster.nodes.map((n) => ({ host: n.name, instance: n.name, job, node: n.name }));
  const first = targets[0]!;
  const mem = (l: Labels, availRatio: number): TestSeries[] => [
    { series: selector('node_memory_MemAvailable_bytes', l), values: `${8e9 * availRatio}x30` },
    { series: selector('node_memory_MemTotal_bytes', l), values: '8e+09x30' },
  ];
  const fs = (l: Labels) => ({ ...l, device: '/dev/mmcblk0p2', fstype: 'ext4', mountpoint: '/' });
  const disk = (l: Labels, availRatio: number): TestSeries[] => [
    { series: selector('node_filesystem_avail_bytes', fs(l)), values: `${1e11 * availRatio}x30` },
    { series: selector('node_filesystem_size_bytes', fs(l)), values: '1e+11x30' },
  ];
  // Idle CPU seconds per second and core: 1 when idle, 1/60 when busy (one test sample a minute).
  const cpu = (l: Labels, idlePerMinute: number): TestSeries[] => [
    { series: selector('node_cpu_seconds_total', { ...l, cpu: '0', mode: 'idle' }), values: `0+${idlePerMinute}x40` },
  ];
  const fsFilter = 'fstype!~"tmpfs|ramfs|overlay|squashfs|nsfs"';
  const sel = (name: string) => selector(name, { job }).replace(/}$/, `,${fsFilter}}`);
  return [
    {
      group: 'kubernetes-nodes',
      alert: 'NodeDown',
      expr: `${selector('up', { job })} == 0`,
      for: '2m',
      severity: 'critical',
      labels: {},
      summary: 'Node {{ $labels.node }} is down',
      description: `The node exporter of {{ $labels.node }} (job ${job}) has not been scraped for 2 minutes: the node is down, off the network, or its node-exporter pod is not running.`,
      scenario: {
        healthy: each(targets, (l) => [{ series: selector('up', l), values: '1x30' }]),
        firing: [{ series: selector('up', first), values: '0x30' }],
        firingLabels: first,
      },
    },
    {
      group: 'kubernetes-nodes',
      alert: 'NodeMemoryPressure',
      expr: `${selector('node_memory_MemAvailable_bytes', { job })}\n/\n${selector('node_memory_MemTotal_bytes', { job })}\n< 0.1`,
      for: '5m',
      severity: 'critical',
      labels: {},
      summary: 'Node {{ $labels.node }} has less than 10% memory available',
      description:
        'Available memory on {{ $labels.node }} has stayed below 10% for 5 minutes; the kubelet starts evicting pods and the OOM killer is near.',
      scenario: { healthy: each(targets, (l) => mem(l, 0.5)), firing: mem(first, 0.05), firingLabels: first },
    },
    {
      group: 'kubernetes-nodes',
      alert: 'NodeCPUHigh',
      expr: `1 - avg by (node) (rate(${selector('node_cpu_seconds_total', { job, mode: 'idle' })}[5m])) > 0.9`,
      for: '10m',
      severity: 'warning',
      labels: {},
      summary: 'Node {{ $labels.node }} is over 90% busy',
      description:
        'The CPUs of {{ $labels.node }} have been more than 90% busy (averaged over its cores) for 10 minutes; pods on it are throttled or slow.',
      scenario: { healthy: each(targets, (l) => cpu(l, 60)), firing: cpu(first, 1), firingLabels: { node: first.node } },
    },
    {
      group: 'kubernetes-nodes',
      alert: 'NodeDiskPressure',
      expr: `${sel('node_filesystem_avail_bytes')}\n/\n${sel('node_filesystem_size_bytes')}\n< 0.1`,
      for: '5m',
      severity: 'critical',
      labels: {},
      summary: 'Filesystem {{ $labels.mountpoint }} on node {{ $labels.node }} is below 10% free',
      description:
        'Filesystem {{ $labels.mountpoint }} ({{ $labels.device }}) on {{ $labels.node }} has less than 10% space left; the kubelet evicts pods when its image or root filesystem fills up.',
      scenario: { healthy: each(targets, (l) => disk(l, 0.5)), firing: disk(first, 0.05), firingLabels: fs(first) },
    },
  ];
}

function workloadAlerts(job: string): DerivedAlert[] {
  const pod = { instance: 'kube-state-metrics', job, namespace: 'holmos', pod: 'pulse-7d9f-abcde' };
  const restarts = { ...pod, container: 'pulse', uid: 'u1' };
  const deployment = { instance: 'kube-state-metrics', job, namespace: 'holmos', deployment: 'pulse' };
  const ready = (cond: 'true' | 'false', v: number): TestSeries => ({
    series: selector('kube_pod_status_ready', { ...pod, condition: cond, uid: 'u1' }),
    values: `${v}x30`,
  });
  return [
    {
      group: 'kubernetes-workloads',
      alert: 'PodCrashLooping',
      expr: `rate(${selector('kube_pod_container_status_restarts_total', { job })}[15m]) > 0`,
      for: '15m',
      severity: 'warning',
      labels: {},
      summary: 'Container {{ $labels.container }} of pod {{ $labels.namespace }}/{{ $labels.pod }} keeps restarting',
      description:
        'Container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.pod }} has restarted in every 15-minute window for 15 minutes. Check `kubectl logs --previous`.',
      scenario: {
        healthy: [{ series: selector('kube_pod_container_status_restarts_total', restarts), values: '3x40' }],
        firing: [{ series: selector('kube_pod_container_status_restarts_total', restarts), values: '0+1x40' }],
        firingLabels: restarts,
      },
    },
    {
      group: 'kubernetes-workloads',
      alert: 'PodNotReady',
      expr: `${selector('kube_pod_status_ready', { job, condition: 'false' })} == 1`,
      for: '5m',
      severity: 'warning',
      labels: {},
      summary: 'Pod {{ $labels.namespace }}/{{ $labels.pod }} is not ready',
      description: 'Pod {{ $labels.namespace }}/{{ $labels.pod }} has not been ready for 5 minutes; its Service sends it no traffic.',
      scenario: {
        healthy: [ready('true', 1), ready('false', 0)],
        firing: [ready('true', 0), ready('false', 1)],
        firingLabels: { ...pod, condition: 'false', uid: 'u1' },
      },
    },
    {
      group: 'kubernetes-workloads',
      alert: 'DeploymentReplicasMismatch',
      expr: `${selector('kube_deployment_status_replicas_available', { job })}\n!=\n${selector('kube_deployment_spec_replicas', { job })}`,
      for: '10m',
      severity: 'warning',
      labels: {},
      summary: 'Deployment {{ $labels.namespace }}/{{ $labels.deployment }} does not have its desired replicas',
      description:
        'Deployment {{ $labels.namespace }}/{{ $labels.deployment }} has had a different number of available replicas than it asks for, for 10 minutes (a rollout is stuck or pods cannot be scheduled).',
      scenario: {
        healthy: [
          { series: selector('kube_deployment_status_replicas_available', deployment), values: '2x30' },
          { series: selector('kube_deployment_spec_replicas', deployment), values: '2x30' },
        ],
        firing: [
          { series: selector('kube_deployment_status_replicas_available', deployment), values: '1x30' },
          { series: selector('kube_deployment_spec_replicas', deployment), values: '2x30' },
        ],
        firingLabels: deployment,
      },
    },
  ];
}

function volumeAlert(job: string): DerivedAlert {
  const pvc = { instance: 'rpi-1', job, namespace: 'monitoring', node: 'rpi-1', persistentvolumeclaim: 'prometheus-data' };
  const stats = (availRatio: number): TestSeries[] => [
    { series: selector('kubelet_volume_stats_available_bytes', pvc), values: `${2e10 * availRatio}x30` },
    { series: selector('kubelet_volume_stats_capacity_bytes', pvc), values: '2e+10x30' },
  ];
  return {
    group: 'kubernetes-storage',
    alert: 'PersistentVolumeSpaceLow',
    expr: `${selector('kubelet_volume_stats_available_bytes', { job })}\n/\n${selector('kubelet_volume_stats_capacity_bytes', { job })}\n< 0.15`,
    for: '5m',
    severity: 'warning',
    labels: {},
    summary: 'Volume {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} is below 15% free',
    description:
      'PersistentVolumeClaim {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} has less than 15% space left; grow the claim or lower what writes to it (for Prometheus: retention size).',
    scenario: { healthy: stats(0.5), firing: stats(0.05), firingLabels: pvc },
  };
}
