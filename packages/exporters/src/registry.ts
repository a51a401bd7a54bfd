import type { ExporterKind } from '@kiln/model';
import { haproxyExporter } from './haproxy.js';
import { lokiExporter } from './loki.js';
import { nginxExporter } from './nginx.js';
import { nodeExporter } from './node.js';
import { nvidiaGpuExporter } from './nvidia-gpu.js';
import { nvidiaGpuNvmlExporter } from './nvidia-gpu-nvml.js';
import { pveExporter } from './pve.js';
import { windowsExporter } from './windows.js';
import type { ExporterModule } from './types.js';
import { cadvisorExporter, kubeStateMetricsExporter, kubeletExporter } from './kubernetes.js';
import { cephExporter, volsyncExporter } from './storage-dependencies.js';

/** Every exporter module, by the kind a host declares in `exporters`. */
export const EXPORTERS: Record<ExporterKind, ExporterModule> = {
  node: nodeExporter,
  'nvidia-gpu': nvidiaGpuExporter,
  haproxy: haproxyExporter,
  nginx: nginxExporter,
  loki: lokiExporter,
  pve: pveExporter,
  windows: windowsExporter,
  'nvidia-gpu-nvml': nvidiaGpuNvmlExporter,
  'kube-state-metrics': kubeStateMetricsExporter,
  kubelet: kubeletExporter,
  cadvisor: cadvisorExporter,
  ceph: cephExporter,
  volsync: volsyncExporter,
};
