export type * from './types.js';
export { selector, targetLabels, instanceOf, exporterLabels } from './series.js';
export { nodeExporter, nfsMountAlert, diskPressureAlert, NODE_JOB } from './node.js';
export { nvidiaGpuExporter, gpuUnavailableAlert, NVIDIA_GPU_JOB } from './nvidia-gpu.js';
export { haproxyExporter, HAPROXY_JOB } from './haproxy.js';
export { nginxExporter, NGINX_JOB } from './nginx.js';
export { lokiExporter, LOKI_JOB } from './loki.js';
export { instanceDownAlert, watchdogAlert } from './core.js';
export { pveExporter, PVE_JOB, PVE_SCRAPE } from './pve.js';
export { windowsExporter, WINDOWS_JOB, WINDOWS_COLLECTORS, sampleGuestLabels } from './windows.js';
export { nvidiaGpuNvmlExporter, NVIDIA_GPU_NVML_JOB } from './nvidia-gpu-nvml.js';
export { discoveredAlerts } from './discovered.js';

export { EXPORTERS } from './registry.js';
export { deriveAlerts, heartbeatRouted } from './derive.js';
export { scrapeTargets, serverInstance, type JobTargets } from './targets.js';
export { kubeStateMetricsExporter, kubeletExporter, cadvisorExporter } from './kubernetes.js';
export { clusterAlerts, clusterJob } from './kubernetes-alerts.js';
export { appAlerts, VOLSYNC_SOURCE_JOB_PREFIX, MEMORY_OVERCOMMIT_RATIO } from './workload-alerts.js';
