/**
 * Goldentooth (seed 001): a cluster of 12 Raspberry Pis and one x86 GPU node. `allyrion` (10.4.0.10)
 * is the infrastructure node: HAProxy load balancer, NFS server and Prometheus, which the
 * `prometheus.prometheus.prometheus` Ansible role installs. `inchfield` runs Loki over https with a
 * certificate from the cluster's Step-CA.
 *
 * Modelled intent rather than the seed's risk: the seed binds Prometheus to `0.0.0.0:9090` although
 * its nginx reverse proxy (port 8081 → 127.0.0.1:9090) is meant to be the only way in ("Prometheus
 * only accessible locally"). Here Prometheus listens on loopback and is exposed through nginx; the
 * linter, not this file, is where the wildcard bind gets reported.
 *
 * Placeholders — the seed does not give these, replace them with the real values:
 * - host names other than `allyrion` and `inchfield`: the seed only counts the nodes; the names used
 *   are those of the public goldentooth/ansible inventory, with `velaryon` as the x86 GPU node;
 * - every address except allyrion's 10.4.0.10, the VLAN (id 1, 10.4.0.0/24: one flat network) and
 *   the interface name `eth0`;
 * - `disposition` of the Kubernetes nodes (assumed rebuildable) and of allyrion (authoritative,
 *   because it serves NFS);
 * - velaryon's GPU model (the seed says only "x86 GPU node"), watched by the NVIDIA GPU exporter;
 * - Alertmanager (the seed configures none; Kiln needs one to deliver Watchdog and InstanceDown):
 *   on allyrion's cluster address, with a webhook receiver and a dead man's switch for the Watchdog at
 *   reserved `.example` addresses; the runbook URL likewise.
 * Hosts are scraped by name (`dnsName` = host name) as the seed does for every static target; the
 * `instance` label is the host name, as in the seed's file_sd template.
 */
import { defineSite } from '@kiln/model';

/** Every node runs node_exporter; on the Kubernetes nodes the Helm chart enables these extra collectors. */
const KUBERNETES_NODE_COLLECTORS = ['systemd', 'processes'];

const pi = (address: string, name: string) => ({
  role: 'Raspberry Pi Kubernetes node',
  disposition: 'disposable' as const,
  interfaces: { eth0: { vlan: 'cluster' as const, address, dnsName: name } },
  exporters: { node: { collectors: KUBERNETES_NODE_COLLECTORS } },
});

export const site = defineSite({
  name: 'goldentooth',
  description: 'Goldentooth: 12 Raspberry Pis + 1 x86 GPU node; Prometheus, HAProxy and NFS on allyrion, Loki on inchfield.',
  runbookUrl: 'https://runbooks.example/goldentooth/{alertname}',

  vlans: {
    cluster: { id: 1, cidr: '10.4.0.0/24', zone: 'servers', description: 'The cluster network (placeholder: the seed names no VLAN)' },
  },

  hosts: {
    allyrion: {
      role: 'Raspberry Pi infrastructure node: HAProxy load balancer, NFS server, Prometheus',
      disposition: 'authoritative',
      interfaces: { eth0: { vlan: 'cluster', address: '10.4.0.10', dnsName: 'allyrion' } },
      exporters: {
        // Installed by the prometheus.prometheus.node_exporter role with the systemd collector.
        node: { collectors: ['systemd'] },
        // HAProxy's built-in exporter on :8405 and nginx-prometheus-exporter on :9113.
        haproxy: {},
        nginx: {},
      },
    },
    bettley: pi('10.4.0.11', 'bettley'),
    cargyll: pi('10.4.0.12', 'cargyll'),
    dalt: pi('10.4.0.13', 'dalt'),
    erenford: pi('10.4.0.14', 'erenford'),
    fenn: pi('10.4.0.15', 'fenn'),
    gardener: pi('10.4.0.16', 'gardener'),
    harlton: pi('10.4.0.17', 'harlton'),
    inchfield: {
      ...pi('10.4.0.18', 'inchfield'),
      role: 'Raspberry Pi Kubernetes node; Loki log aggregation',
      exporters: {
        node: { collectors: KUBERNETES_NODE_COLLECTORS },
        loki: { scheme: 'https', tls: { caFile: '/etc/ssl/certs/goldentooth.pem' } },
      },
    },
    jast: pi('10.4.0.19', 'jast'),
    karstark: pi('10.4.0.20', 'karstark'),
    lipps: pi('10.4.0.21', 'lipps'),
    velaryon: {
      ...pi('10.4.0.22', 'velaryon'),
      role: 'x86 GPU Kubernetes node',
      // The seed names no model: declared so GpuUnavailable watches it (replace with the real card).
      gpus: [{ vendor: 'nvidia', model: 'NVIDIA GPU (model not given by the seed)' }],
      exporters: { node: { collectors: KUBERNETES_NODE_COLLECTORS }, 'nvidia-gpu': {} },
    },
  },

  services: {
    nginx: {
      host: 'allyrion',
      description: 'Reverse proxy: the only way to the Prometheus web UI and API (proxy_pass http://127.0.0.1:9090)',
      endpoints: { prometheus: { port: 8081, kind: 'service', bind: 'eth0' } },
    },
    nfs: {
      host: 'allyrion',
      description: 'NFS server of the cluster',
      endpoints: { nfs: { port: 2049, kind: 'service', bind: 'eth0' } },
    },
  },

  receivers: {
    ops: {
      description: 'Placeholder: the seed configures no Alertmanager receiver',
      webhooks: [{ url: 'https://alerts.goldentooth.example/kiln' }],
    },
    heartbeat: {
      description: "Placeholder dead man's switch (e.g. a healthchecks.io check): pages when the Watchdog stops arriving",
      webhooks: [{ url: 'https://heartbeat.goldentooth.example/ping/goldentooth' }],
    },
  },
  // The seed's Watchdog only verifies the pipeline if something notices when it stops: it goes to the
  // dead man's switch every minute, everything else to `ops`; a node that is down silences the other
  // alerts of that node.
  routing: {
    receiver: 'ops',
    routes: [{ matchers: ['alertname="Watchdog"'], receivers: ['heartbeat'], repeatInterval: '1m', groupWait: '0s' }],
  },
  routingTests: [
    {
      name: 'critical alerts reach ops',
      labels: { alertname: 'InstanceDown', severity: 'critical', job: 'node', host: 'bettley' },
      expect: ['ops'],
    },
    { name: "the Watchdog reaches only the dead man's switch", labels: { alertname: 'Watchdog', severity: 'none' }, expect: ['heartbeat'] },
    {
      name: 'a down node silences its memory alert',
      labels: { alertname: 'HostMemoryPressure', severity: 'warning', job: 'node', host: 'bettley' },
      expect: ['ops'],
      inhibitedBy: { alertname: 'InstanceDown', severity: 'critical', job: 'node', host: 'bettley' },
    },
  ],

  prometheus: {
    host: 'allyrion',
    bind: 'loopback',
    exposedVia: { service: 'nginx', endpoint: 'prometheus' },
    scrapeInterval: '60s',
    scrapeTimeout: '15s',
    evaluationInterval: '15s',
    retentionTime: '15d',
    retentionSize: '5GB',
    tsdbPath: '/var/lib/prometheus',
    instanceLabel: 'host',
    // The seed: "Critical alert when \`up == 0\` for 5 minutes, indicating node or service failure".
    instanceDownSeverity: 'critical',
    externalLabels: { environment: 'goldentooth', cluster: 'goldentooth', domain: 'goldentooth.net' },
  },
  // On the cluster network, not loopback: Grafana (on another node) reads alerts from it, and Prometheus sends to it by address.
  alertmanager: { host: 'allyrion', bind: 'eth0' },

  deploy: {
    ansible: { nodeExporterHosts: ['allyrion'] },
  },
});

export default site;
