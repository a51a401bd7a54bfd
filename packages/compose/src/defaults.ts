/**
 * Named defaults of the Compose target: the image of each container, pinned by exact tag, and its
 * resource limits. A site overrides either per container (`deploy.compose.images` / `.resources`).
 *
 * Prometheus stays on the 2.53 LTS line: Kiln's output is checked with promtool 2.x, which does not
 * model what Prometheus 3 changed (left-open range selectors, UTF-8 names, `holt_winters` renamed).
 */
import type { ComposeComponent } from '@kiln/model';

export const DEFAULT_IMAGES: Readonly<Record<ComposeComponent, string>> = {
  prometheus: 'prom/prometheus:v2.53.5',
  alertmanager: 'prom/alertmanager:v0.29.0',
  grafana: 'grafana/grafana:12.4.0',
  'node-exporter': 'prom/node-exporter:v1.10.2',
  'nvidia-gpu-exporter': 'utkuozdemir/nvidia_gpu_exporter:1.4.1',
  'pve-exporter': 'prompve/prometheus-pve-exporter:3.8.1',
  // Built from a Kiln checkout (`packages/discovery/Dockerfile`); no registry publishes it.
  discovery: 'kiln-discovery:0.1.0',
};

export interface Limits {
  memory: string;
  cpus: number;
}

export const DEFAULT_LIMITS: Readonly<Record<ComposeComponent, Limits>> = {
  prometheus: { memory: '2g', cpus: 1 },
  alertmanager: { memory: '256m', cpus: 0.25 },
  grafana: { memory: '512m', cpus: 0.5 },
  'node-exporter': { memory: '128m', cpus: 0.25 },
  'nvidia-gpu-exporter': { memory: '128m', cpus: 0.25 },
  'pve-exporter': { memory: '128m', cpus: 0.25 },
  discovery: { memory: '128m', cpus: 0.25 },
};

/**
 * The port each image listens on inside its container, on every address of the container — its
 * default, so no listen flag is written. Only the published port reaches it from outside, and that
 * carries the site's address and port (`10.60.0.20:9091:9090`).
 */
export const CONTAINER_PORTS = {
  prometheus: 9090,
  alertmanager: 9093,
  grafana: 3000,
  'nvidia-gpu-exporter': 9835,
  'pve-exporter': 9221,
  discovery: 8000,
} as const;

/** Where the data of each server lives inside its container (the images' own defaults). */
export const DATA_DIRS = { prometheus: '/prometheus', alertmanager: '/alertmanager', grafana: '/var/lib/grafana' } as const;

export const HEALTHCHECK_TIMING = { interval: '30s', timeout: '5s', retries: 3 } as const;

/** `restart` of every container: back after a crash or a reboot, but not after `docker compose stop`. */
export const RESTART = 'unless-stopped';
