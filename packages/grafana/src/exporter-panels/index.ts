import type { ExporterKind } from '@kiln/model';
import { nodePanels } from './node.js';
import { nvidiaGpuPanels } from './nvidia-gpu.js';
import type { ExporterPanels } from './types.js';

export type { ExporterPanelContext, ExporterPanels } from './types.js';

/** Panels per exporter kind; a `Record` so a new kind in the model is a compile error until listed. */
export const EXPORTER_PANELS: Record<ExporterKind, ExporterPanels> = {
  node: nodePanels,
  'nvidia-gpu': nvidiaGpuPanels,
};
