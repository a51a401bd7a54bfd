/** Named defaults, applied by normalize() so every generator sees explicit values. */
export const DEFAULT_SCRAPE_INTERVAL = '30s';
export const DEFAULT_SCRAPE_TIMEOUT = '10s';
export const DEFAULT_EVALUATION_INTERVAL = '30s';
export const DEFAULT_RETENTION_TIME = '15d';
export const DEFAULT_PROMETHEUS_PORT = 9090;
export const DEFAULT_ALERTMANAGER_PORT = 9093;
export const DEFAULT_GROUP_BY = ['alertname', 'severity', 'host'];
export const DEFAULT_GROUP_WAIT = '30s';
export const DEFAULT_GROUP_INTERVAL = '5m';
export const DEFAULT_REPEAT_INTERVAL = '4h';
export const DEFAULT_SCRATCH_PRESSURE_THRESHOLD = 0.1;
export const DEFAULT_SHARE_PROTOCOLS = ['nfs'] as const;
export const DEFAULT_EXPORTER_PORTS = {
  node: 9100,
  'nvidia-gpu': 9835,
  haproxy: 8405,
  nginx: 9113,
  loki: 3100,
  pve: 9221,
  windows: 9182,
  'nvidia-gpu-nvml': 9835,
  'kube-state-metrics': 8080,
  kubelet: 10250,
  cadvisor: 10250,
  ceph: 9283,
  volsync: 8443,
} as const;
export const DEFAULT_INSTANCE_LABEL = 'address';
/** `prometheus_config_dir` of the prometheus.prometheus.prometheus role. */
export const DEFAULT_ANSIBLE_CONFIG_DIR = '/etc/prometheus';
/** `refresh_interval` of `http_sd_configs` (the discovery service's own default refresh). */
export const DEFAULT_HTTP_SD_REFRESH = '60s';
