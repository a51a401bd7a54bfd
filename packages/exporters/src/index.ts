export type * from './types.js';
export { selector, targetLabels, instanceOf, exporterLabels } from './series.js';
export { nodeExporter, nfsMountAlert, diskPressureAlert, NODE_JOB } from './node.js';
export { nvidiaGpuExporter, gpuUnavailableAlert, NVIDIA_GPU_JOB } from './nvidia-gpu.js';
export { haproxyExporter, HAPROXY_JOB } from './haproxy.js';
export { nginxExporter, NGINX_JOB } from './nginx.js';
export { lokiExporter, LOKI_JOB } from './loki.js';
export { instanceDownAlert, watchdogAlert } from './core.js';

export { EXPORTERS } from './registry.js';
export { deriveAlerts, heartbeatRouted } from './derive.js';
export { scrapeTargets, serverInstance, type JobTargets } from './targets.js';
export { kubeStateMetricsExporter, kubeletExporter, cadvisorExporter } from './kubernetes.js';
export { clusterAlerts, clusterJob } from './kubernetes-alerts.js';
