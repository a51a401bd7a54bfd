/**
 * The catalogs of what a Kubernetes cluster exposes: kube-state-metrics (object state), the
 * kubelet (volume stats) and cAdvisor (containers, served by the kubelet). Their alerts need the
 * cluster (job names from its discovery), so they come from `clusterAlerts`, not an `alertPack`.
 */
import type { ExporterModule, MetricSpec } from './types.js';

const pod = ['namespace', 'pod'];
const container = ['namespace', 'pod', 'container'];

export const KUBE_STATE_METRICS: MetricSpec[] = [
  {
    name: 'kube_pod_info',
    type: 'info',
    help: 'Information about a pod.',
    labels: [...pod, 'node', 'host_ip', 'pod_ip', 'created_by_kind', 'created_by_name', 'uid'],
  },
  { name: 'kube_pod_status_phase', type: 'gauge', help: "The pod's current phase.", labels: [...pod, 'phase', 'uid'] },
  {
    name: 'kube_pod_status_ready',
    type: 'gauge',
    help: 'Whether the pod is ready to serve requests.',
    labels: [...pod, 'condition', 'uid'],
  },
  { name: 'kube_pod_container_status_restarts_total', type: 'counter', help: 'Restarts of a container.', labels: [...container, 'uid'] },
  {
    name: 'kube_pod_container_status_waiting_reason',
    type: 'gauge',
    help: 'Why a container is waiting.',
    labels: [...container, 'reason', 'uid'],
  },
  {
    name: 'kube_pod_container_resource_requests',
    type: 'gauge',
    help: 'Resources a container requests.',
    labels: [...container, 'node', 'resource', 'unit', 'uid'],
  },
  {
    name: 'kube_pod_container_resource_limits',
    type: 'gauge',
    help: 'Resource limits of a container.',
    labels: [...container, 'node', 'resource', 'unit', 'uid'],
  },
  { name: 'kube_deployment_spec_replicas', type: 'gauge', help: 'Desired pods of a deployment.', labels: ['namespace', 'deployment'] },
  {
    name: 'kube_deployment_status_replicas_available',
    type: 'gauge',
    help: 'Available pods of a deployment.',
    labels: ['namespace', 'deployment'],
  },
  {
    name: 'kube_deployment_status_replicas_unavailable',
    type: 'gauge',
    help: 'Unavailable pods of a deployment.',
    labels: ['namespace', 'deployment'],
  },
  {
    name: 'kube_statefulset_status_replicas_ready',
    type: 'gauge',
    help: 'Ready pods of a statefulset.',
    labels: ['namespace', 'statefulset'],
  },
  {
    name: 'kube_daemonset_status_number_unavailable',
    type: 'gauge',
    help: 'Nodes that should run the daemon pod and have none available.',
    labels: ['namespace', 'daemonset'],
  },
  {
    name: 'kube_node_info',
    type: 'info',
    help: 'Information about a node.',
    labels: ['node', 'kernel_version', 'os_image', 'container_runtime_version', 'kubelet_version', 'internal_ip'],
  },
  { name: 'kube_node_status_condition', type: 'gauge', help: 'The condition of a node.', labels: ['node', 'condition', 'status'] },
  { name: 'kube_node_status_allocatable', type: 'gauge', help: 'Allocatable resources of a node.', labels: ['node', 'resource', 'unit'] },
  {
    name: 'kube_job_status_failed',
    type: 'gauge',
    help: 'Pods of a job that reached phase Failed (by reason).',
    labels: ['namespace', 'job_name', 'reason'],
  },
  { name: 'kube_namespace_status_phase', type: 'gauge', help: 'Status of a namespace.', labels: ['namespace', 'phase'] },
  {
    name: 'kube_persistentvolumeclaim_status_phase',
    type: 'gauge',
    help: 'Phase of a PVC.',
    labels: ['namespace', 'persistentvolumeclaim', 'phase'],
  },
];

const volume = ['namespace', 'persistentvolumeclaim'];
export const KUBELET_METRICS: MetricSpec[] = [
  { name: 'kubelet_volume_stats_available_bytes', type: 'gauge', help: 'Bytes available in the volume.', labels: volume },
  { name: 'kubelet_volume_stats_capacity_bytes', type: 'gauge', help: 'Capacity of the volume in bytes.', labels: volume },
  { name: 'kubelet_volume_stats_used_bytes', type: 'gauge', help: 'Bytes used in the volume.', labels: volume },
  { name: 'kubelet_volume_stats_inodes', type: 'gauge', help: 'Inodes of the volume.', labels: volume },
  { name: 'kubelet_volume_stats_inodes_free', type: 'gauge', help: 'Free inodes of the volume.', labels: volume },
  { name: 'kubelet_running_pods', type: 'gauge', help: 'Pods that have a running pod sandbox.', labels: [] },
  { name: 'kubelet_running_containers', type: 'gauge', help: 'Containers currently running.', labels: ['container_state'] },
];

const cgroup = ['namespace', 'pod', 'container', 'id', 'image', 'name'];
export const CADVISOR_METRICS: MetricSpec[] = [
  { name: 'container_cpu_usage_seconds_total', type: 'counter', help: 'Cumulative CPU time consumed.', labels: [...cgroup, 'cpu'] },
  { name: 'container_cpu_cfs_throttled_periods_total', type: 'counter', help: 'Throttled CFS periods.', labels: cgroup },
  { name: 'container_memory_working_set_bytes', type: 'gauge', help: 'Current working set.', labels: cgroup },
  { name: 'container_memory_usage_bytes', type: 'gauge', help: 'Current memory usage, cache included.', labels: cgroup },
  { name: 'container_memory_rss', type: 'gauge', help: 'Size of RSS.', labels: cgroup },
  { name: 'container_network_receive_bytes_total', type: 'counter', help: 'Bytes received.', labels: [...cgroup, 'interface'] },
  { name: 'container_network_transmit_bytes_total', type: 'counter', help: 'Bytes transmitted.', labels: [...cgroup, 'interface'] },
  {
    name: 'container_fs_usage_bytes',
    type: 'gauge',
    help: 'Bytes consumed by the container on this filesystem.',
    labels: [...cgroup, 'device'],
  },
  { name: 'container_last_seen', type: 'gauge', help: 'Last time the container was seen by the exporter.', labels: cgroup },
];

export const kubeStateMetricsExporter: ExporterModule = {
  kind: 'kube-state-metrics',
  title: 'kube-state-metrics',
  project: 'https://github.com/kubernetes/kube-state-metrics',
  defaultPort: 8080,
  metrics: KUBE_STATE_METRICS,
  alertPack: () => [],
};

export const kubeletExporter: ExporterModule = {
  kind: 'kubelet',
  title: 'Kubelet',
  project: 'https://kubernetes.io/docs/reference/instrumentation/metrics/',
  defaultPort: 10250,
  metrics: KUBELET_METRICS,
  alertPack: () => [],
};

export const cadvisorExporter: ExporterModule = {
  kind: 'cadvisor',
  title: 'cAdvisor (in the kubelet)',
  project: 'https://github.com/google/cadvisor',
  defaultPort: 10250,
  metrics: CADVISOR_METRICS,
  alertPack: () => [],
};
