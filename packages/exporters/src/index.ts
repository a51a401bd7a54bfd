import type { ExporterKind } from '@kiln/model';
import { nodeExporter } from './node.js';
import { nvidiaGpuExporter } from './nvidia-gpu.js';
import type { ExporterModule } from './types.js';

export type * from './types.js';
export { selector, targetLabels } from './series.js';
export { nodeExporter, nfsMountAlert, scratchPressureAlert, NODE_JOB } from './node.js';
export { nvidiaGpuExporter, gpuUnavailableAlert, NVIDIA_GPU_JOB } from './nvidia-gpu.js';
export { instanceDownAlert, watchdogAlert } from './core.js';

export const EXPORTERS: Record<ExporterKind, ExporterModule> = {
  node: nodeExporter,
  'nvidia-gpu': nvidiaGpuExporter,
};
