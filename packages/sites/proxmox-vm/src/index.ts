/**
 * Proxmox + VM performance monitoring (seed 002): Proxmox VE hosts running node_exporter (:9100),
 * an NVIDIA GPU on the first node (:9835, the seed's `nvidia_gpu_*` metric names), the Proxmox VE
 * exporter (:9221) on the monitoring host querying every node, and Windows VMs running
 * windows_exporter (:9182) that `kiln discover proxmox` finds (HTTP SD, `/targets/windows`) with the
 * labels vm_id, vm_name, node, vcpus, memory_gb, disk_type and tags. Scrape every 15 s, keep 30 days.
 *
 * Placeholders — the seed gives none of these; replace them with the real values:
 * - the Proxmox node names `pve1`–`pve3` (the seed sizes the design for "3-5 hosts") and the host
 *   `monitor` that runs Prometheus, Alertmanager, Grafana, the discovery service and the pve
 *   exporter (the seed runs them with Docker Compose on one machine);
 * - every address (VLAN 10, 10.0.10.0/24) and the interface name `nic1`;
 * - the GPU model on `pve1` and the fact that only `pve1` has one;
 * - receivers: the webhook URL, mail addresses and SMTP relay; the secret files' paths;
 * - the runbook and Grafana URLs.
 * Kiln host names of the Proxmox nodes must equal their Proxmox node names: the `node` label of the
 * discovered VMs, of the pve exporter's series and of the node exporters (set below) is what
 * guest-to-host correlation and the hypervisor-down inhibition match on.
 *
 * Scale-out (the seed's "Scaling Options" and "High Availability"): two Prometheus replicas
 * (`monitor`, `monitor2`), each split into two shards by `hashmod` of the target address, writing to
 * a VictoriaMetrics single node on `vmstore` (deduplicated with `-dedup.minScrapeInterval=15s`),
 * whose vmalert evaluates the rule files that need every shard's series; an Alertmanager on each
 * monitoring host in one gossip cluster. Placeholders too: the hosts `monitor2` and `vmstore`, their
 * addresses and the VictoriaMetrics password file.
 *
 * windows_exporter on each VM: `--collectors.enabled=cpu,memory,logical_disk,physical_disk,net,process,system,os`
 * (the seed's collectors; the catalog, alerts and dashboards use nothing else).
 */
import { defineSite } from '@kiln/model';

export { dashboards } from './dashboards/index.js';

const NODES = ['pve1', 'pve2', 'pve3'] as const;

const proxmoxNode = (n: number) => ({
  role: 'Proxmox VE hypervisor',
  disposition: 'authoritative' as const,
  os: 'Proxmox VE 8',
  interfaces: { nic1: { vlan: 'servers' as const, address: `10.0.10.${10 + n}` } },
  exporters: { node: {} },
  // The node exporter's series carry the Proxmox node name, as the discovered VMs do.
  labels: { node: `pve${n}` },
});

/** A discovered Windows VM's labels in test series (what `kiln discover proxmox` attaches). */
const VM = {
  disk_type: 'virtio',
  instance: '10.0.20.21:9182',
  job: 'windows',
  memory_gb: '8',
  node: 'pve1',
  tags: 'prod',
  vcpus: '4',
  vm_id: '101',
  vm_name: 'win-app01',
};
const vmSeries = (metric: string, extra: Record<string, string> = {}) =>
  `${metric}{${Object.entries({ ...VM, ...extra })
    .map(([k, v]) => `${k}="${v}"`)
    .join(',')}}`;
const PVE1_NODE = { host: 'pve1', instance: '10.0.10.11:9100', job: 'node', node: 'pve1' };
const GPU = {
  host: 'pve1',
  instance: '10.0.10.11:9835',
  job: 'nvidia-gpu-nvml',
  minor_number: '0',
  name: 'NVIDIA RTX A4000',
  uuid: 'GPU-pve1-0',
};
const sel = (metric: string, labels: Record<string, string>) =>
  `${metric}{${Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',')}}`;

export const site = defineSite({
  name: 'proxmox-vm',
  description: 'Proxmox VE cluster and its Windows VMs: host and guest performance side by side (seed 002).',
  runbookUrl: 'https://wiki.example.lan/runbooks/{alertname}',

  vlans: {
    servers: { id: 10, cidr: '10.0.10.0/24', zone: 'servers', description: 'Proxmox nodes and the monitoring host (placeholder)' },
  },

  hosts: {
    pve1: {
      ...proxmoxNode(1),
      gpus: [{ vendor: 'nvidia', model: 'NVIDIA RTX A4000' }],
      exporters: { node: {}, 'nvidia-gpu-nvml': {} },
    },
    pve2: proxmoxNode(2),
    pve3: proxmoxNode(3),
    monitor: {
      role: 'Monitoring stack: Prometheus, Alertmanager, Grafana, discovery service, pve exporter',
      disposition: 'disposable',
      interfaces: { nic1: { vlan: 'servers', address: '10.0.10.20' } },
      // The pve exporter queries every node through the Proxmox API (multi-target: `?target=<node>`).
      exporters: { node: {}, pve: { targets: [...NODES] } },
    },
    monitor2: {
      role: 'Monitoring stack, second replica: Prometheus replica and Alertmanager peer',
      disposition: 'disposable',
      interfaces: { nic1: { vlan: 'servers', address: '10.0.10.21' } },
      exporters: { node: {} },
    },
    vmstore: {
      role: 'Long-term store: VictoriaMetrics single node and vmalert',
      disposition: 'authoritative',
      interfaces: { nic1: { vlan: 'servers', address: '10.0.10.30' } },
      exporters: { node: {} },
    },
  },

  services: {
    discovery: {
      host: 'monitor',
      description: '`kiln discover proxmox`: running VMs as Prometheus HTTP SD targets',
      endpoints: { http: { port: 8000, kind: 'service', bind: 'nic1' } },
    },
    grafana: {
      host: 'monitor',
      description: 'Dashboards',
      endpoints: { http: { port: 3000, kind: 'service', bind: 'nic1' } },
    },
    victoriametrics: {
      host: 'vmstore',
      description: 'VictoriaMetrics single node: remote write from every Prometheus, the deduplicated query API for Grafana',
      endpoints: { http: { port: 8428, kind: 'service', bind: 'nic1' } },
      dataPaths: ['/var/lib/victoria-metrics'],
    },
  },

  scrapeJobs: {
    windows: {
      httpSd: { service: 'discovery', path: '/targets/windows', refreshInterval: '60s' },
      exporter: 'windows',
    },
    // Linux guests run the node exporter (:9100). Their job is not `node`: that name is the Proxmox
    // hosts' (the inventory's node exporters), which the hypervisor alerts and inhibitions match on.
    'linux-vms': {
      httpSd: { service: 'discovery', path: '/targets/node', refreshInterval: '60s' },
      exporter: 'node',
    },
  },

  recordingRules: {
    'node:cpu_utilization:avg5m': {
      description: "Busy share (0–1) of a Proxmox host's CPUs over 5 minutes.",
      expr: '1 - avg without (cpu, mode) (rate(node_cpu_seconds_total{job="node",mode="idle"}[5m]))',
      tests: [
        {
          name: 'two CPUs idle 75 % and 25 % of the time are half busy',
          series: [
            { series: sel('node_cpu_seconds_total', { ...PVE1_NODE, cpu: '0', mode: 'idle' }), values: '0+45x10' },
            { series: sel('node_cpu_seconds_total', { ...PVE1_NODE, cpu: '1', mode: 'idle' }), values: '0+15x10' },
            { series: sel('node_cpu_seconds_total', { ...PVE1_NODE, cpu: '0', mode: 'user' }), values: '0+15x10' },
          ],
          evalTime: '10m',
          expect: [{ labels: PVE1_NODE, value: 0.5 }],
        },
      ],
    },
    'node:memory_utilization:ratio': {
      description: "Share (0–1) of a host's memory not available for new work.",
      expr: '1 - node_memory_MemAvailable_bytes{job="node"} / node_memory_MemTotal_bytes{job="node"}',
      tests: [
        {
          series: [
            { series: sel('node_memory_MemAvailable_bytes', PVE1_NODE), values: '16e9x10' },
            { series: sel('node_memory_MemTotal_bytes', PVE1_NODE), values: '64e9x10' },
          ],
          evalTime: '5m',
          expect: [{ labels: PVE1_NODE, value: 0.75 }],
        },
      ],
    },
    'vm:cpu_utilization:avg5m': {
      description: "Busy share (0–1) of a Windows VM's vCPUs over 5 minutes, with its discovery labels.",
      expr: '1 - avg without (core, mode) (rate(windows_cpu_time_total{job="windows",mode="idle"}[5m]))',
      tests: [
        {
          series: [
            { series: vmSeries('windows_cpu_time_total', { core: '0,0', mode: 'idle' }), values: '0+30x10' },
            { series: vmSeries('windows_cpu_time_total', { core: '0,1', mode: 'idle' }), values: '0+30x10' },
          ],
          evalTime: '10m',
          expect: [{ labels: VM, value: 0.5 }],
        },
      ],
    },
    'vm:memory_utilization:ratio': {
      description: "Share (0–1) of a Windows VM's physical memory in use.",
      expr: '1 - windows_memory_available_bytes{job="windows"} / windows_memory_physical_total_bytes{job="windows"}',
      tests: [
        {
          series: [
            { series: vmSeries('windows_memory_available_bytes'), values: '2e9x10' },
            { series: vmSeries('windows_memory_physical_total_bytes'), values: '8e9x10' },
          ],
          evalTime: '5m',
          expect: [{ labels: VM, value: 0.75 }],
        },
      ],
    },
    'vm:disk_read_latency:avg5m': {
      description: "Average seconds per read over the VM's volumes, over 5 minutes.",
      expr:
        'sum without (volume) (rate(windows_logical_disk_read_seconds_total{job="windows",volume!~"HarddiskVolume.*"}[5m]))\n' +
        '/\n' +
        'sum without (volume) (rate(windows_logical_disk_reads_total{job="windows",volume!~"HarddiskVolume.*"}[5m]))',
      tests: [
        {
          name: '4 reads a second taking 0.25 s in total are 62.5 ms each; hidden volumes do not count',
          series: [
            { series: vmSeries('windows_logical_disk_read_seconds_total', { volume: 'C:' }), values: '0+15x10' },
            { series: vmSeries('windows_logical_disk_reads_total', { volume: 'C:' }), values: '0+240x10' },
            { series: vmSeries('windows_logical_disk_read_seconds_total', { volume: 'HarddiskVolume1' }), values: '0+600x10' },
            { series: vmSeries('windows_logical_disk_reads_total', { volume: 'HarddiskVolume1' }), values: '0+1x10' },
          ],
          evalTime: '10m',
          expect: [{ labels: VM, value: 0.0625 }],
        },
      ],
    },
    'gpu:utilization:avg5m': {
      description: 'Busy share (0–1) of a GPU over 5 minutes (the exporter reports percent).',
      expr: 'avg_over_time(nvidia_gpu_duty_cycle{job="nvidia-gpu-nvml"}[5m]) / 100',
      tests: [
        {
          series: [{ series: sel('nvidia_gpu_duty_cycle', GPU), values: '50x10' }],
          evalTime: '10m',
          expect: [{ labels: GPU, value: 0.5 }],
        },
      ],
    },
  },

  receivers: {
    'ops-webhook': {
      description: 'Chat/incident webhook',
      webhooks: [{ url: 'https://hooks.example.lan/alertmanager', bearerTokenFile: '/etc/alertmanager/secrets/webhook-token' }],
    },
    'ops-email': {
      description: 'The admin mailbox',
      emails: [
        {
          to: 'ops@example.lan',
          from: 'alertmanager@example.lan',
          smarthost: 'smtp.example.lan:587',
          authUsername: 'alertmanager',
          authPasswordFile: '/etc/alertmanager/secrets/smtp-password',
          requireTls: true,
        },
      ],
    },
  },

  routing: {
    receiver: 'ops-email',
    groupBy: ['alertname', 'severity', 'node'],
    routes: [
      { matchers: ['severity="critical"'], receivers: ['ops-webhook', 'ops-email'], repeatInterval: '1h' },
      { matchers: ['severity="warning"'], receivers: ['ops-email'] },
    ],
    inhibitions: [
      {
        source: ['alertname="ProxmoxNodeDown"'],
        target: ['vm_id=~".+"'],
        equal: ['node'],
        reason: 'The cluster reports the hypervisor offline: its VMs are down because of it.',
      },
      {
        source: ['alertname="InstanceDown"', 'job="node"', 'node=~".+"'],
        target: ['vm_id=~".+"'],
        equal: ['node'],
        reason: "The hypervisor's node exporter is unreachable: its VMs' alerts follow from that.",
      },
    ],
  },

  prometheus: {
    host: 'monitor',
    bind: 'nic1',
    scrapeInterval: '15s',
    evaluationInterval: '15s',
    retentionTime: '30d',
    externalLabels: { cluster: 'proxmox' },
    replicas: { label: 'replica', peers: [{ host: 'monitor2', bind: 'nic1' }] },
    shards: 2,
    remoteWrite: {
      victoria: {
        engine: 'victoriametrics',
        url: 'http://10.0.10.30:8428/api/v1/write',
        basicAuth: { username: 'prometheus', passwordFile: '/etc/prometheus/secrets/victoria-password' },
        queue: { maxSamplesPerSend: 10000 },
        ruler: { host: 'vmstore', bind: 'nic1' },
      },
    },
  },
  alertmanager: { host: 'monitor', bind: 'nic1', cluster: { members: { monitor2: { host: 'monitor2', bind: 'nic1' } } } },
  grafana: { url: 'http://10.0.10.20:3000' },

  // The seed's docker-compose stack on `monitor`: Prometheus, Alertmanager, Grafana, the node and
  // pve exporters and the discovery service (image built from Kiln: packages/discovery/Dockerfile).
  deploy: {
    compose: {
      grafana: { service: 'grafana', adminPasswordFile: '/etc/kiln/secrets/grafana-admin-password' },
      discovery: {
        service: 'discovery',
        // Placeholders: the cluster's API address and a read-only (PVEAuditor) token of your own.
        api: 'https://10.0.10.11:8006',
        tokenId: 'prometheus@pve!discovery',
        tokenSecretFile: '/etc/kiln/secrets/proxmox-discovery-token',
        caFile: '/etc/kiln/secrets/pve-root-ca.pem',
      },
      pveExporter: { configFile: '/etc/kiln/secrets/pve.yml' },
    },
  },

  testing: { minCoverage: 0.8 },
  routingTests: [
    {
      name: 'criticals reach the webhook and mail',
      labels: { alertname: 'ProxmoxNodeDown', severity: 'critical', node: 'pve2', id: 'node/pve2' },
      expect: ['ops-webhook', 'ops-email'],
    },
    {
      name: 'warnings go to mail',
      labels: { alertname: 'WindowsDiskSpaceLow', severity: 'warning', node: 'pve1', vm_id: '101' },
      expect: ['ops-email'],
    },
    { name: 'anything else falls back to mail', labels: { alertname: 'SomethingNew', severity: 'info' }, expect: ['ops-email'] },
    {
      name: 'a VM whose hypervisor the cluster reports down is not alerted on',
      labels: { alertname: 'InstanceDown', severity: 'warning', job: 'windows', node: 'pve1', vm_id: '101', vm_name: 'win-app01' },
      expect: ['ops-email'],
      inhibitedBy: { alertname: 'ProxmoxNodeDown', severity: 'critical', node: 'pve1', id: 'node/pve1' },
    },
    {
      name: "a VM's alerts are inhibited when its hypervisor's node exporter is down",
      labels: { alertname: 'ProxmoxGuestDown', severity: 'warning', node: 'pve1', vm_id: '101', name: 'win-app01' },
      expect: ['ops-email'],
      inhibitedBy: { alertname: 'InstanceDown', severity: 'critical', job: 'node', host: 'pve1', node: 'pve1' },
    },
  ],
});

export default site;
