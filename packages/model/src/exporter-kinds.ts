/**
 * The exporter kinds Kiln knows, in a module of their own (no zod): the `kiln lint` bundle needs the
 * list without building the site schema at start-up.
 */
export const EXPORTER_KINDS = [
  'node',
  'nvidia-gpu',
  'haproxy',
  'nginx',
  'loki',
  'pve',
  'windows',
  'nvidia-gpu-nvml',
  'kube-state-metrics',
  'kubelet',
  'cadvisor',
  'ceph',
  'volsync',
] as const;
