/**
 * Portkey (seed 004): a 3-node Kubernetes cluster (`metal0`–`metal2`, VMs on the Proxmox hosts
 * mirkwood, rohan and gondor) with external Ceph (the `ceph-block` storage class) and an NFS server
 * (`192.168.0.41`: `/nfs/plex`, `/nfs/k8s`, `/nfs/nextcloud`), monitored from `monitoring-system`.
 *
 * From the seed: the nodes (4 CPU; 42/26/26 GB), the Intel N100 iGPUs of metal1/metal2 offered as
 * `gpu.intel.com/i915` by the intel-device-plugins-operator, the AMD Ryzen 5 4500U iGPU of mirkwood
 * that cannot be passed through to metal0 (documented, not monitored), the apps and which of them are
 * critical, Vaultwarden's PV kept on `Retain` and backed up every 6 hours, the daily VolSync/restic
 * backups with 7 days of retention, the home-automation stack pinned to metal0 (the Zigbee dongle) as
 * an accepted risk, Jellyfin transcoding on the Intel GPU with its media on NFS, Nextcloud's data on
 * NFS, Grafana's URL, and the known issue "metal1 memory limits at ~96 %" (watched by the derived
 * NodeMemoryOvercommitted alert: those limits belong to pods the scheduler placed there, which the
 * model cannot know, so the lint rule only counts pods that can run nowhere else).
 *
 * Placeholders — the seed does not give these, replace them with the real values: the nodes'
 * addresses and allocatable memory, the ceph-mgr addresses (the Proxmox hosts at 192.168.0.11–13),
 * every app's namespace, sizes and limits, which apps mount which export read-write, that the
 * `nfs-client` class lives on `/nfs/k8s` (no app in the seed names it), the runbook URL, the Secret
 * names, the stack's images and budget, and the receiver's URL (see `receivers`).
 */
import { defineSite } from '@kiln/model';

const NODES = ['metal0', 'metal1', 'metal2'] as const;
const ADDRESSES: Record<(typeof NODES)[number], string> = { metal0: '192.168.0.50', metal1: '192.168.0.51', metal2: '192.168.0.52' };
const HYPERVISORS: Record<(typeof NODES)[number], string> = {
  metal0: 'mirkwood (AMD Ryzen 5 4500U)',
  metal1: 'rohan (Intel N100)',
  metal2: 'gondor (Intel N100)',
};

const hosts = Object.fromEntries(
  NODES.map((n) => [
    n,
    {
      role: `Kubernetes worker, VM on Proxmox host ${HYPERVISORS[n]}`,
      disposition: 'disposable' as const,
      os: 'Ubuntu 22.04 (kubeadm)',
      interfaces: { eth0: { vlan: 'lan' as const, address: ADDRESSES[n], dnsName: `${n}.portkey.lan` } },
    },
  ]),
) as Record<
  (typeof NODES)[number],
  { role: string; disposition: 'disposable'; os: string; interfaces: { eth0: { vlan: 'lan'; address: string; dnsName: string } } }
>;

const INTEL_GPU = { vendor: 'intel' as const, model: 'Intel UHD Graphics (N100)', resource: 'gpu.intel.com/i915' };
const HOME_AUTOMATION_PIN = {
  nodes: ['metal0'],
  reason: 'The Zigbee USB dongle is plugged into mirkwood and passed through to metal0; the home-automation stack follows it.',
};
const daily = { method: 'volsync-restic' as const, every: '1d', retention: '7d' };
const cephPvc = (size: string, reclaimPolicy: 'Retain' | 'Delete' = 'Retain') => ({
  type: 'pvc' as const,
  storageClass: 'ceph-block',
  size,
  reclaimPolicy,
});
const limits = (memory: string, cpu = '1') => ({ limits: { cpu, memory } });
const MEDIA = { type: 'nfs' as const, server: 'nas', path: '/nfs/plex' };
const mediaApp = (namespace: string, memory: string, readOnly: boolean) => ({
  namespace,
  kind: 'Deployment' as const,
  criticality: 'best-effort' as const,
  volumes: { config: cephPvc('2Gi', 'Delete'), media: { ...MEDIA, readOnly } },
  resources: limits(memory),
});

export const site = defineSite({
  name: 'portkey',
  description:
    'Portkey: a 3-node Kubernetes cluster on Proxmox with external Ceph and NFS; Vaultwarden, home automation and a media stack.',
  runbookUrl: 'https://github.com/portkey/homelab/blob/main/docs/runbooks.md#{alertname}',

  vlans: {
    lan: {
      id: 1,
      cidr: '192.168.0.0/24',
      zone: 'servers',
      description: 'The home network the Proxmox hosts, Ceph and the NFS server share',
    },
  },
  hosts,

  kubernetes: {
    name: 'portkey',
    namespace: 'monitoring-system',
    // The cluster runs kube-prometheus-stack: Kiln writes prometheus-operator resources (Prometheus,
    // Alertmanager, PrometheusRules, ServiceMonitors, Grafana sidecar ConfigMaps), not plain manifests.
    flavour: 'operator',
    nodes: {
      metal0: {
        architecture: 'amd64',
        resources: { cpu: 4, memory: '42Gi', disk: '100Gi' },
        gpus: [
          {
            vendor: 'amd',
            model: 'AMD Radeon Vega 6 (Ryzen 5 4500U iGPU of mirkwood)',
            unavailable: {
              reason:
                'The APU reset bug and its IOMMU grouping make VM passthrough unreliable; GPU workloads go to an LXC node (metal3) with native access instead.',
            },
          },
        ],
      },
      metal1: { architecture: 'amd64', resources: { cpu: 4, memory: '26Gi', disk: '100Gi' }, gpus: [INTEL_GPU] },
      metal2: { architecture: 'amd64', resources: { cpu: 4, memory: '26Gi', disk: '100Gi' }, gpus: [INTEL_GPU] },
    },
    storageClasses: {
      'ceph-block': {
        provisioner: 'rbd.csi.ceph.com',
        description: 'RBD images on the Proxmox Ceph cluster (every persistent volume)',
        dependsOn: { dependency: 'ceph' },
      },
      'nfs-client': {
        provisioner: 'cluster.local/nfs-subdir-external-provisioner',
        description: 'Sub-directories of the NFS export /nfs/k8s',
        dependsOn: { dependency: 'nas', export: '/nfs/k8s' },
      },
    },
    defaultStorageClass: 'ceph-block',
    dependencies: {
      ceph: {
        kind: 'ceph',
        description: 'Proxmox Ceph on mirkwood, rohan and gondor',
        mgr: { targets: ['192.168.0.11:9283', '192.168.0.12:9283', '192.168.0.13:9283'] },
      },
      nas: {
        kind: 'nfs',
        description: 'The NFS server: media, Kubernetes volumes, Nextcloud data',
        address: '192.168.0.41',
        exports: ['/nfs/plex', '/nfs/k8s', '/nfs/nextcloud'],
      },
    },
    workloads: {
      vaultwarden: {
        description: 'Password manager',
        namespace: 'vaultwarden',
        kind: 'Deployment',
        criticality: 'critical',
        volumes: { data: cephPvc('5Gi', 'Retain') },
        resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
        backup: { method: 'volsync-restic', every: '6h', retention: '7d', repositorySecret: 'vaultwarden-volsync-secret' },
      },
      homeassistant: {
        namespace: 'home-automation',
        kind: 'StatefulSet',
        criticality: 'critical',
        volumes: { config: cephPvc('10Gi') },
        placement: HOME_AUTOMATION_PIN,
        resources: { requests: { cpu: '250m', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } },
        backup: daily,
      },
      mosquitto: {
        description: 'MQTT broker (zigbee2mqtt restarts when it restarts first)',
        namespace: 'home-automation',
        kind: 'Deployment',
        criticality: 'critical',
        volumes: { data: cephPvc('1Gi') },
        placement: HOME_AUTOMATION_PIN,
        resources: { requests: { cpu: '25m', memory: '64Mi' }, limits: { cpu: '250m', memory: '256Mi' } },
        backup: daily,
      },
      zigbee2mqtt: {
        namespace: 'home-automation',
        kind: 'Deployment',
        criticality: 'critical',
        volumes: { data: cephPvc('1Gi') },
        placement: HOME_AUTOMATION_PIN,
        resources: { requests: { cpu: '50m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
        backup: daily,
      },
      paperless: {
        namespace: 'paperless',
        kind: 'Deployment',
        criticality: 'important',
        volumes: { data: cephPvc('20Gi') },
        resources: limits('2Gi'),
        backup: daily,
      },
      grocy: {
        namespace: 'grocy',
        kind: 'Deployment',
        criticality: 'important',
        volumes: { data: cephPvc('1Gi') },
        resources: limits('256Mi'),
        backup: daily,
      },
      babybuddy: {
        namespace: 'babybuddy',
        kind: 'Deployment',
        criticality: 'important',
        volumes: { data: cephPvc('1Gi') },
        resources: limits('512Mi'),
        backup: daily,
      },
      nextcloud: {
        namespace: 'nextcloud',
        kind: 'Deployment',
        criticality: 'important',
        volumes: { config: cephPvc('5Gi'), data: { type: 'nfs', server: 'nas', path: '/nfs/nextcloud' } },
        resources: limits('2Gi', '2'),
      },
      jellyfin: {
        description: 'Media server, transcoding on the Intel iGPU',
        namespace: 'media',
        kind: 'Deployment',
        criticality: 'best-effort',
        volumes: { config: cephPvc('10Gi', 'Delete'), media: { ...MEDIA, readOnly: true } },
        resources: {
          requests: { cpu: '500m', memory: '1Gi' },
          limits: { cpu: '4', memory: '4Gi' },
          gpu: { resource: 'gpu.intel.com/i915' },
        },
      },
      transmission: {
        ...mediaApp('media', '1Gi', false),
        volumes: {
          config: cephPvc('1Gi', 'Delete'),
          downloads: { type: 'pvc', storageClass: 'nfs-client', size: '200Gi', reclaimPolicy: 'Delete' },
          media: MEDIA,
        },
      },
      radarr: mediaApp('media', '1Gi', false),
      sonarr: mediaApp('media', '1Gi', false),
      prowlarr: { ...mediaApp('media', '512Mi', true), volumes: { config: cephPvc('1Gi', 'Delete') } },
      lidarr: mediaApp('media', '1Gi', false),
      jellyseerr: { ...mediaApp('media', '512Mi', true), volumes: { config: cephPvc('1Gi', 'Delete') } },
    },
    stack: {
      budget: { memoryLimit: '4Gi' },
      prometheus: {
        image: 'prom/prometheus:v2.53.5',
        resources: { requests: { cpu: '250m', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' } },
        storage: { size: '50Gi' },
        placement: { preferMostMemory: true },
        flags: { enableLifecycle: true },
      },
      alertmanager: {
        image: 'prom/alertmanager:v0.29.0',
        resources: { requests: { cpu: '25m', memory: '64Mi' }, limits: { cpu: '100m', memory: '128Mi' } },
        storage: { size: '1Gi' },
        secret: { name: 'alertmanager-secrets', mountPath: '/etc/alertmanager/secrets' },
      },
      grafana: {
        image: 'grafana/grafana:12.4.0',
        resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
        storage: { size: '2Gi' },
        exposure: { type: 'Ingress', host: 'grafana.themainfreak.com' },
        rootUrl: 'https://grafana.themainfreak.com',
        adminPasswordSecret: { name: 'grafana-secrets', key: 'admin-password' },
      },
      kubeStateMetrics: {
        image: 'registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.13.0',
        resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '200m', memory: '256Mi' } },
      },
      nodeExporter: {
        image: 'prom/node-exporter:v1.10.2',
        resources: { requests: { cpu: '25m', memory: '32Mi' }, limits: { cpu: '200m', memory: '64Mi' } },
        host: {
          network: true,
          pid: true,
          rootfs: true,
          reason:
            "node_exporter reports the node, not its pod: it needs the node's interfaces, processes and filesystems (read-only), the kubelet's NFS mounts included.",
        },
        // Not /var/lib/kubelet: the NFS mounts the kubelet makes for the pods are what NfsExportUnavailable reads.
        mountPointsExclude: ['/dev', '/proc', '/sys', '/run/containerd/', '/var/lib/containerd/'],
        netclassIgnoredDevices: ['veth.*', 'cali.*', 'flannel.*', 'cni.*'],
      },
    },
    discovery: {
      apiserver: {},
      kubelet: {},
      cadvisor: {},
      nodeExporter: {},
      kubeStateMetrics: {},
      serviceEndpoints: {},
      pods: {},
      volsync: { tls: { insecureSkipVerify: true } },
    },
  },

  receivers: {
    // ntfy formats Alertmanager's webhook with its own message templates (title, message, priority by
    // severity: critical → urgent, warning → high; tags; tap opens Grafana). The token is a file of the
    // receivers' Secret, never a value.
    phone: {
      description: 'Phone notifications through ntfy',
      ntfy: [
        {
          server: 'https://ntfy.themainfreak.com',
          topic: 'portkey-alerts',
          tokenFile: '/etc/alertmanager/secrets/ntfy-token',
          tags: ['portkey', 'kubernetes'],
        },
      ],
    },
  },
  routing: {
    receiver: 'phone',
    groupBy: ['alertname', 'severity', 'node', 'namespace'],
    hostDownInhibits: false,
    routes: [
      { matchers: ['severity="critical"'], receivers: ['phone'], repeatInterval: '1h' },
      { matchers: ['severity="warning"'], receivers: ['phone'], repeatInterval: '12h' },
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
      name: "Vaultwarden's stale backup pages the phone",
      labels: { alertname: 'BackupStale', severity: 'critical', namespace: 'vaultwarden', app: 'vaultwarden' },
      expect: ['phone'],
    },
    {
      name: 'a failing backup job of grocy (warning) reaches the phone',
      labels: { alertname: 'BackupJobFailing', severity: 'warning', app: 'grocy' },
      expect: ['phone'],
    },
    {
      name: 'a Ceph outage pages the phone',
      labels: { alertname: 'CephHealthError', severity: 'critical' },
      expect: ['phone'],
    },
  ],

  grafana: { url: 'https://grafana.themainfreak.com' },
  prometheus: { host: 'metal0', scrapeInterval: '30s', evaluationInterval: '30s', retentionTime: '15d', retentionSize: '45GB' },
  alertmanager: { host: 'metal0' },
  lint: {
    rules: {
      'promql/series': { options: { catalog: ['node', 'kube-state-metrics', 'kubelet', 'cadvisor', 'ceph', 'volsync'] } },
    },
    suppressions: [
      {
        rule: 'tls/no-insecure-skip-verify',
        entity: 'scrape job:volsync',
        reason:
          "VolSync's kube-rbac-proxy generates its own certificate at start: there is no CA to verify it against (the chart's own ServiceMonitor skips verification too); the token still authenticates Prometheus.",
      },
      ...(['homeassistant', 'mosquitto', 'zigbee2mqtt'] as const).map((app) => ({
        rule: 'workloads/single-node-critical',
        entity: `workload:${app}`,
        reason:
          'Accepted risk (seed 004): the Zigbee dongle is on metal0, so the home-automation stack runs there; a metal0 failure takes it down.',
      })),
    ],
  },
});

export default site;
