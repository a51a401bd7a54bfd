/**
 * HolmOS (seed 003): a Kubernetes cluster of twelve Raspberry Pis (`rpi-1` … `rpi-12`) and an
 * openmediavault storage node, monitored by a Prometheus stack that runs inside the cluster in the
 * `monitoring` namespace, under a budget of 2 GB of memory limits (the seed's success metric).
 *
 * From the seed: the nodes and their roles, the budget table (requests, limits), images and tags,
 * scrape 30s / evaluation 30s / timeout 25s, retention 7d / 15GB, PVCs 20/1/1 GB, Alertmanager
 * `--data.retention=120h`, `--query.max-concurrency=2`, `--query.timeout=2m`, `--web.enable-lifecycle`,
 * Prometheus kept off the storage node and on the node with the most memory, Grafana on NodePort
 * 30030, the node exporter's collector set, the cAdvisor metric drop, the eight alerts of its table,
 * and the receivers (the notification-hub webhook).
 *
 * The seed's flaws, modelled as intent instead of copied:
 * - its NodeDown selects `job="node"` while the scrape job is `node-exporter`: Kiln derives every
 *   alert's job from the discovery job, so the two cannot disagree (the job keeps Kiln's name `node`,
 *   which the standard dashboards use);
 * - its NodeCPUHigh `avg(...)` folds every node into one series: Kiln's averages `by (node)`;
 * - `insecure_skip_verify: true` beside the in-cluster CA: Kiln verifies the API server with the CA;
 * - Grafana's anonymous viewer access is kept, as a reasoned exception (dashboard embedding);
 * - the node exporter's hostNetwork/hostPID/hostPath come with the reason the linter asks for.
 *
 * Placeholders — the seed does not give these, replace them with the real values: which Pis have
 * 8 GB (rpi-1…rpi-4 here) and their disks; openmediavault's memory (16 GB) and architecture; the
 * VLAN (one flat network, DHCP with `<node>.holm.local` names); the storage class (`local-path`, k3s'
 * default); the notification-hub URL; the runbook URL; the admin-password Secret's name.
 */
import { defineSite } from '@kiln/model';

const PIS = ['rpi-1', 'rpi-2', 'rpi-3', 'rpi-4', 'rpi-5', 'rpi-6', 'rpi-7', 'rpi-8', 'rpi-9', 'rpi-10', 'rpi-11', 'rpi-12'] as const;
const EIGHT_GB = new Set(['rpi-1', 'rpi-2', 'rpi-3', 'rpi-4']);

const host = (name: string, role: string, disposition: 'disposable' | 'authoritative') => ({
  role,
  disposition,
  os: 'Debian GNU/Linux (arm64)',
  interfaces: { eth0: { vlan: 'lan' as const, address: 'dhcp', dnsName: `${name}.holm.local` } },
});

const piHosts = Object.fromEntries(PIS.map((n) => [n, host(n, 'Raspberry Pi Kubernetes worker', 'disposable')])) as Record<
  (typeof PIS)[number],
  ReturnType<typeof host>
>;
const piNodes = Object.fromEntries(
  PIS.map((n) => [
    n,
    {
      architecture: 'arm64' as const,
      resources: EIGHT_GB.has(n) ? { cpu: 4, memory: '8Gi', disk: '128Gi' } : { cpu: 4, memory: '4Gi', disk: '64Gi' },
    },
  ]),
);

export const site = defineSite({
  name: 'holmos',
  description: 'HolmOS: a 13-node Raspberry Pi Kubernetes cluster; the monitoring stack runs in the cluster.',
  runbookUrl: 'https://runbooks.holm.local/{alertname}',

  vlans: { lan: { id: 1, cidr: '192.168.1.0/24', zone: 'servers', description: 'The cluster network (placeholder: the seed names none)' } },

  hosts: {
    ...piHosts,
    openmediavault: host('openmediavault', 'Storage node and Kubernetes worker (openmediavault NAS)', 'authoritative'),
  },

  kubernetes: {
    name: 'holmos',
    namespace: 'monitoring',
    nodes: {
      ...piNodes,
      openmediavault: {
        architecture: 'arm64',
        resources: { cpu: 4, memory: '16Gi', disk: '1024Gi' },
        labels: { 'holm.local/role': 'storage' },
      },
    },
    storageClasses: {
      'local-path': { provisioner: 'rancher.io/local-path', description: 'Node-local volumes (placeholder: the seed names no class)' },
    },
    defaultStorageClass: 'local-path',
    stack: {
      budget: { memoryLimit: '2Gi' },
      prometheus: {
        image: 'prom/prometheus:v2.48.0',
        resources: { requests: { cpu: '200m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
        storage: { size: '20Gi' },
        placement: { avoid: ['openmediavault'], preferMostMemory: true },
        exposure: { type: 'ClusterIP' },
        flags: { queryMaxConcurrency: 2, queryTimeout: '2m', enableLifecycle: true },
      },
      alertmanager: {
        image: 'prom/alertmanager:v0.26.0',
        resources: { requests: { cpu: '25m', memory: '32Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
        storage: { size: '1Gi' },
        retention: '120h',
        secret: { name: 'alertmanager-secrets', mountPath: '/etc/alertmanager/secrets' },
      },
      grafana: {
        image: 'grafana/grafana:10.2.3',
        resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '200m', memory: '256Mi' } },
        storage: { size: '1Gi' },
        exposure: { type: 'NodePort', nodePort: 30030 },
        rootUrl: 'http://grafana.holm.local',
        adminPasswordSecret: { name: 'grafana-secrets', key: 'admin-password' },
        anonymous: {
          role: 'Viewer',
          reason: 'Pulse and the metrics dashboard embed Grafana panels in iframes for every user of the home network (seed 003, phase 3).',
        },
      },
      kubeStateMetrics: {
        image: 'registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.10.1',
        resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '100m', memory: '128Mi' } },
        metricLabelsAllowlist: 'pods=[*],deployments=[*],nodes=[*]',
      },
      nodeExporter: {
        image: 'prom/node-exporter:v1.7.0',
        resources: { requests: { cpu: '25m', memory: '32Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
        host: {
          network: true,
          pid: true,
          rootfs: true,
          reason:
            "node_exporter reports the node, not its pod: it needs the node's network interfaces, processes and filesystems (read-only).",
        },
        disabledCollectors: [
          'arp',
          'bcache',
          'bonding',
          'btrfs',
          'infiniband',
          'ipvs',
          'nfs',
          'nfsd',
          'pressure',
          'rapl',
          'schedstat',
          'softirqs',
          'tapestats',
          'xfs',
          'zfs',
        ],
        mountPointsExclude: ['/dev', '/proc', '/sys', '/var/lib/docker/', '/var/lib/kubelet/'],
        netclassIgnoredDevices: ['veth.*', 'docker.*', 'br-.*'],
      },
    },
    discovery: {
      apiserver: {},
      kubelet: {},
      cadvisor: {
        metricRelabel: [
          // The seed drops these high-cardinality container series to save memory.
          { sourceLabels: ['__name__'], regex: 'container_(network_tcp_usage_total|network_udp_usage_total|tasks_state)', action: 'drop' },
        ],
      },
      nodeExporter: {},
      kubeStateMetrics: {},
      serviceEndpoints: {},
      pods: {},
    },
  },

  receivers: {
    'notification-hub': {
      description: "HolmOS' notification-hub service (placeholder URL: the seed names the service, not its address)",
      webhooks: [{ url: 'http://notification-hub.holmos.svc.cluster.local:8080/api/alerts' }],
    },
    slack: {
      description: 'Slack (optional in the seed): critical alerts; the webhook URL is a key of the alertmanager-secrets Secret',
      slack: [{ apiUrlFile: '/etc/alertmanager/secrets/slack-webhook-url', channel: '#holmos-alerts' }],
    },
    email: {
      description: 'Email over SMTP (optional in the seed): critical alerts (placeholder addresses)',
      emails: [
        {
          to: 'admin@holm.local',
          from: 'alertmanager@holm.local',
          smarthost: 'smtp.holm.local:587',
          authUsername: 'alertmanager@holm.local',
          authPasswordFile: '/etc/alertmanager/secrets/smtp-password',
          requireTls: true,
        },
      ],
    },
  },
  routing: {
    receiver: 'notification-hub',
    groupBy: ['alertname', 'severity', 'node', 'namespace'],
    hostDownInhibits: false,
    routes: [
      { matchers: ['severity="critical"'], receivers: ['notification-hub', 'slack', 'email'] },
      { matchers: ['severity="warning"'], receivers: ['notification-hub'] },
    ],
    inhibitions: [
      {
        source: ['alertname="NodeDown"'],
        target: ['severity=~"critical|warning"'],
        equal: ['node'],
        reason: 'a node that is down explains every other alert about it',
      },
    ],
  },
  routingTests: [
    {
      name: 'critical alerts reach the hub, Slack and email',
      labels: { alertname: 'NodeDown', severity: 'critical', node: 'rpi-3' },
      expect: ['notification-hub', 'slack', 'email'],
    },
    {
      name: 'warnings reach the notification hub only',
      labels: { alertname: 'PodNotReady', severity: 'warning', namespace: 'holmos' },
      expect: ['notification-hub'],
    },
    {
      name: 'a down node silences its memory alert',
      labels: { alertname: 'NodeMemoryPressure', severity: 'critical', node: 'rpi-3' },
      expect: ['notification-hub', 'slack', 'email'],
      inhibitedBy: { alertname: 'NodeDown', severity: 'critical', node: 'rpi-3' },
    },
  ],

  // Alerts link to the panel that shows their signal.
  grafana: { url: 'http://grafana.holm.local' },

  // On Kubernetes `host` names the node the server prefers; it is reached at its Service.
  prometheus: {
    host: 'rpi-1',
    scrapeInterval: '30s',
    evaluationInterval: '30s',
    scrapeTimeout: '25s',
    retentionTime: '7d',
    retentionSize: '15GB',
  },
  alertmanager: { host: 'rpi-2' },
  lint: {
    rules: {
      // The cluster's exporters: the DaemonSet's node exporter, kube-state-metrics, the kubelet and its cAdvisor.
      'promql/series': { options: { catalog: ['node', 'kube-state-metrics', 'kubelet', 'cadvisor'] } },
    },
  },
});

export default site;

/**
 * The seed's alternative (its appendix, "if resource constraints require"): the same stack with
 * VictoriaMetrics single-node scraping and storing, and vmalert evaluating the same rules. Build it
 * by exporting it as `site` (or copying `stack` into the site); Kiln's tests build and check it.
 */
export const victoriaMetricsVariant = {
  ...site,
  kubernetes: {
    ...site.kubernetes!,
    stack: {
      ...site.kubernetes!.stack,
      backend: 'victoriametrics' as const,
      victoriaMetrics: {
        image: 'victoriametrics/victoria-metrics:v1.96.0',
        resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
        storage: { size: '20Gi' },
        placement: { avoid: ['openmediavault'], preferMostMemory: true },
        vmalert: {
          image: 'victoriametrics/vmalert:v1.96.0',
          resources: { requests: { cpu: '50m', memory: '32Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
        },
      },
    },
  },
};
