/**
 * The dashboards of a Kubernetes site (HolmOS seed 003): Cluster overview, Kubernetes resources
 * and Services — Node detail is the standard one, fed by the DaemonSet's node exporter. Every
 * selector names a job the cluster's discovery produces; none exists without `kubernetes`.
 */
import { clusterJob } from '@kiln/exporters';
import type { ResolvedCluster, ResolvedSite } from '@kiln/model';
import type { KilnDashboard } from '@kiln/plan';
import { composeDashboard } from '../compose.js';
import { statPanel, tablePanel, textPanel, timeseriesPanel } from '../presets.js';
import { sel } from '../query.js';
import { labelValuesVariable } from '../variables.js';

interface Jobs {
  node: string;
  ksm: string;
  cadvisor: string;
  kubelet: string;
}

/** The jobs these dashboards read; undefined (no dashboard) unless the cluster runs them all. */
function jobsOf(cluster: ResolvedCluster | undefined): Jobs | undefined {
  if (!cluster) return undefined;
  const node = clusterJob(cluster, 'nodeExporter');
  const ksm = clusterJob(cluster, 'kubeStateMetrics');
  const cadvisor = clusterJob(cluster, 'cadvisor');
  const kubelet = clusterJob(cluster, 'kubelet');
  return node && ksm && cadvisor && kubelet ? { node, ksm, cadvisor, kubelet } : undefined;
}

const containers = (j: Jobs, extra: Record<string, string> = {}) => ({ job: j.cadvisor, 'container!': '', ...extra });
const namespaceVariable = (j: Jobs) =>
  labelValuesVariable({
    name: 'namespace',
    label: 'Namespace',
    selector: sel('kube_namespace_status_phase', { job: j.ksm }),
    labelName: 'namespace',
  });

/** Cluster overview: nodes and pods, cluster CPU and memory, the top pods, firing alerts. */
export function clusterDashboard(site: ResolvedSite): KilnDashboard | undefined {
  const j = jobsOf(site.kubernetes);
  if (!j) return undefined;
  const ready = (status: string) => sel('kube_node_status_condition', { job: j.ksm, condition: 'Ready', status });
  return composeDashboard(site, {
    id: 'cluster',
    title: `${site.name}: Cluster overview`,
    description: `Cluster ${site.kubernetes!.name}: nodes, pods, CPU and memory, the busiest pods, firing alerts.`,
    sections: [
      {
        title: 'Nodes and pods',
        panels: [
          statPanel({
            title: 'Nodes ready',
            width: 4,
            queries: [{ expr: `sum(${ready('true')})`, legend: 'ready', instant: true }],
            signals: [{ alert: 'NodeDown' }],
          }),
          statPanel({
            title: 'Nodes not ready',
            width: 4,
            thresholds: [{ value: 1, color: 'red' }],
            queries: [{ expr: `sum(${ready('true')} == 0) or vector(0)`, legend: 'not ready', instant: true }],
          }),
          statPanel({
            title: 'Pods by phase',
            width: 16,
            queries: [{ expr: `sum by (phase) (${sel('kube_pod_status_phase', { job: j.ksm })})`, legend: '{{phase}}', instant: true }],
            signals: [{ alert: 'PodNotReady' }],
          }),
        ],
      },
      {
        title: 'Utilization',
        panels: [
          timeseriesPanel({
            title: 'Cluster CPU busy',
            unit: 'percentunit',
            min: 0,
            max: 1,
            queries: [
              {
                expr: `1 - avg(rate(${sel('node_cpu_seconds_total', { job: j.node, mode: 'idle' })}[$__rate_interval]))`,
                legend: 'cluster',
              },
            ],
            signals: [{ alert: 'NodeCPUHigh' }],
          }),
          timeseriesPanel({
            title: 'Cluster memory used',
            unit: 'percentunit',
            min: 0,
            max: 1,
            queries: [
              {
                expr: `1 - sum(${sel('node_memory_MemAvailable_bytes', { job: j.node })}) / sum(${sel('node_memory_MemTotal_bytes', { job: j.node })})`,
                legend: 'cluster',
              },
            ],
            signals: [{ alert: 'NodeMemoryPressure' }],
          }),
        ],
      },
      {
        title: 'Top 10 pods',
        panels: [
          tablePanel({
            title: 'Top 10 pods by CPU',
            width: 12,
            unit: 'short',
            queries: [
              {
                expr: `topk(10, sum by (namespace, pod) (rate(${sel('container_cpu_usage_seconds_total', containers(j))}[5m])))`,
                instant: true,
                format: 'table',
              },
            ],
          }),
          tablePanel({
            title: 'Top 10 pods by memory',
            width: 12,
            unit: 'bytes',
            queries: [
              {
                expr: `topk(10, sum by (namespace, pod) (${sel('container_memory_working_set_bytes', containers(j))}))`,
                instant: true,
                format: 'table',
              },
            ],
          }),
        ],
      },
      {
        title: 'Alerts',
        panels: [
          tablePanel({
            title: 'Firing alerts',
            queries: [
              {
                expr: `sum by (alertname, severity, node, namespace) (${sel('ALERTS', { alertstate: 'firing' })})`,
                instant: true,
                format: 'table',
              },
            ],
          }),
        ],
      },
    ],
  });
}

/** Kubernetes resources: usage per namespace, deployments, restarts, requests against limits, volumes. */
export function kubernetesResourcesDashboard(site: ResolvedSite): KilnDashboard | undefined {
  const j = jobsOf(site.kubernetes);
  if (!j) return undefined;
  const ns = { 'namespace~': '$namespace' };
  const resource = (metric: string, r: string) => `sum by (namespace) (${sel(metric, { job: j.ksm, ...ns, resource: r })})`;
  return composeDashboard(site, {
    id: 'kubernetes',
    title: `${site.name}: Kubernetes resources`,
    description: 'Namespaces, deployments, restarts, requests and limits, persistent volumes.',
    variables: [namespaceVariable(j)],
    sections: [
      {
        title: 'Usage per namespace',
        panels: [
          timeseriesPanel({
            title: 'CPU by namespace',
            unit: 'short',
            queries: [
              {
                expr: `sum by (namespace) (rate(${sel('container_cpu_usage_seconds_total', containers(j, ns))}[$__rate_interval]))`,
                legend: '{{namespace}}',
              },
            ],
          }),
          timeseriesPanel({
            title: 'Memory by namespace',
            unit: 'bytes',
            queries: [
              { expr: `sum by (namespace) (${sel('container_memory_working_set_bytes', containers(j, ns))})`, legend: '{{namespace}}' },
            ],
          }),
        ],
      },
      {
        title: 'Workloads',
        panels: [
          tablePanel({
            title: 'Deployments: available / desired',
            width: 12,
            queries: [
              { expr: sel('kube_deployment_status_replicas_available', { job: j.ksm, ...ns }), instant: true, format: 'table' },
              { expr: sel('kube_deployment_spec_replicas', { job: j.ksm, ...ns }), instant: true, format: 'table' },
            ],
            signals: [{ alert: 'DeploymentReplicasMismatch' }],
          }),
          timeseriesPanel({
            title: 'Container restarts (per hour)',
            unit: 'short',
            queries: [
              {
                expr: `sum by (namespace, pod) (increase(${sel('kube_pod_container_status_restarts_total', { job: j.ksm, ...ns })}[1h]))`,
                legend: '{{namespace}}/{{pod}}',
              },
            ],
            signals: [{ alert: 'PodCrashLooping' }],
          }),
          tablePanel({
            title: 'Pods not ready',
            queries: [
              { expr: `${sel('kube_pod_status_ready', { job: j.ksm, ...ns, condition: 'false' })} == 1`, instant: true, format: 'table' },
            ],
            signals: [{ alert: 'PodNotReady' }],
          }),
        ],
      },
      {
        title: 'Requests and limits',
        panels: [
          timeseriesPanel({
            title: 'CPU: used, requested, limit',
            unit: 'short',
            queries: [
              {
                expr: `sum by (namespace) (rate(${sel('container_cpu_usage_seconds_total', containers(j, ns))}[$__rate_interval]))`,
                legend: '{{namespace}} used',
              },
              { expr: resource('kube_pod_container_resource_requests', 'cpu'), legend: '{{namespace}} requests' },
              { expr: resource('kube_pod_container_resource_limits', 'cpu'), legend: '{{namespace}} limits' },
            ],
          }),
          timeseriesPanel({
            title: 'Memory: used, requested, limit',
            unit: 'bytes',
            queries: [
              {
                expr: `sum by (namespace) (${sel('container_memory_working_set_bytes', containers(j, ns))})`,
                legend: '{{namespace}} used',
              },
              { expr: resource('kube_pod_container_resource_requests', 'memory'), legend: '{{namespace}} requests' },
              { expr: resource('kube_pod_container_resource_limits', 'memory'), legend: '{{namespace}} limits' },
            ],
          }),
        ],
      },
      {
        title: 'Persistent volumes',
        panels: [
          timeseriesPanel({
            title: 'Volume space used',
            width: 24,
            unit: 'percentunit',
            min: 0,
            max: 1,
            queries: [
              {
                expr: `${sel('kubelet_volume_stats_used_bytes', { job: j.kubelet, ...ns })} / ${sel('kubelet_volume_stats_capacity_bytes', { job: j.kubelet, ...ns })}`,
                legend: '{{namespace}}/{{persistentvolumeclaim}}',
              },
            ],
            signals: [{ alert: 'PersistentVolumeSpaceLow' }],
          }),
        ],
      },
    ],
  });
}

/** The site's own services: CPU, memory and restarts per workload of a namespace. */
export function servicesDashboard(site: ResolvedSite): KilnDashboard | undefined {
  const j = jobsOf(site.kubernetes);
  if (!j) return undefined;
  const ns = { 'namespace~': '$namespace' };
  return composeDashboard(site, {
    id: 'services',
    title: `${site.name}: Services`,
    description: `The services running on ${site.name}: resource trends per pod and container.`,
    variables: [namespaceVariable(j)],
    sections: [
      {
        title: 'Resources per service',
        panels: [
          timeseriesPanel({
            title: 'CPU by pod',
            unit: 'short',
            queries: [
              {
                expr: `sum by (pod) (rate(${sel('container_cpu_usage_seconds_total', containers(j, ns))}[$__rate_interval]))`,
                legend: '{{pod}}',
              },
            ],
          }),
          timeseriesPanel({
            title: 'Memory by pod',
            unit: 'bytes',
            queries: [{ expr: `sum by (pod) (${sel('container_memory_working_set_bytes', containers(j, ns))})`, legend: '{{pod}}' }],
          }),
          timeseriesPanel({
            title: 'CPU throttling by container',
            unit: 'short',
            queries: [
              {
                expr: `sum by (pod, container) (rate(${sel('container_cpu_cfs_throttled_periods_total', containers(j, ns))}[$__rate_interval]))`,
                legend: '{{pod}}/{{container}}',
              },
            ],
          }),
          timeseriesPanel({
            title: 'Restarts (per hour)',
            unit: 'short',
            queries: [
              {
                expr: `sum by (pod) (increase(${sel('kube_pod_container_status_restarts_total', { job: j.ksm, ...ns })}[1h]))`,
                legend: '{{pod}}',
              },
            ],
          }),
        ],
      },
      {
        title: 'Requests, errors, latency',
        panels: [
          textPanel({
            title: 'Instrumented services',
            height: 4,
            markdown:
              'Request, error and latency panels need the services to expose metrics. Annotate a pod or Service with ' +
              '`prometheus.io/scrape: "true"` (and `prometheus.io/port`) and the `kubernetes-pods` / `kubernetes-service-endpoints` jobs scrape it; ' +
              "then add its metrics to the site's own dashboards, where Kiln checks every query against what is scraped.",
          }),
        ],
      },
    ],
  });
}
