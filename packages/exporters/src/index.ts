import type { ExporterKind } from '@kiln/model';
import { nodeExporter } from './node.js';
import { nvidiaGpuExporter } from './nvidia-gpu.js';
import { haproxyExporter } from './haproxy.js';
import { nginxExporter } from './nginx.js';
import { lokiExporter } from './loki.js';
import type { ExporterModule } from './types.js';

export type * from './types.js';
export { selector, targetLabels, instanceOf, exporterLabels } from './series.js';
export { nodeExporter, nfsMountAlert, scratchPressureAlert, NODE_JOB } from './node.js';
export { nvidiaGpuExporter, gpuUnavailableAlert, NVIDIA_GPU_JOB } from './nvidia-gpu.js';
export { haproxyExporter, HAPROXY_JOB } from './haproxy.js';
export { nginxExporter, NGINX_JOB } from './nginx.js';
export { lokiExporter, LOKI_JOB } from './loki.js';
export { instanceDownAlert, watchdogAlert } from './core.js';

export const EXPORTERS: Record<ExporterKind, ExporterModule> = {
  node: nodeExporter,
  'nvidia-gpu': nvidiaGpuExporter,
  haproxy: haproxyExporter,
  nginx: nginxExporter,
  loki: lokiExporter,
};
