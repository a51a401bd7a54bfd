import type { ExporterKind } from '@kiln/model';
import { nodePanels } from './node.js';
import { nvidiaGpuPanels } from './nvidia-gpu.js';
import { nvidiaGpuNvmlPanels } from './nvidia-gpu-nvml.js';
import { pvePanels } from './pve.js';
import { windowsPanels } from './windows.js';
import type { ExporterPanels } from './types.js';

export type { ExporterPanelContext, ExporterPanels } from './types.js';

/**
 * Panels per exporter kind. Partial: an exporter without an entry still gets scraped and alerted
 * on, and shows on the overview's target table; it just adds no panels of its own.
 */
export const EXPORTER_PANELS: Partial<Record<ExporterKind, ExporterPanels>> = {
  node: nodePanels,
  'nvidia-gpu': nvidiaGpuPanels,
  'nvidia-gpu-nvml': nvidiaGpuNvmlPanels,
  pve: pvePanels,
  windows: windowsPanels,
};
