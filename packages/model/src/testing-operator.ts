import type { SiteInput } from './schema.js';

const SECRETS = '/etc/alertmanager/secrets/alertmanager-receivers';

/**
 * A small cluster in the operator flavour, alerting through ntfy — Portkey's shape (seed 004: three
 * Proxmox VM nodes, namespace `monitoring-system`, `ceph-block` storage, ntfy on the phone) without
 * its workloads. For tests of every package: call it for a fresh copy.
 */
export function operatorSite(): SiteInput {
  const node = (name: string) => ({
    role: 'Kubernetes worker (Proxmox VM)',
    disposition: 'disposable' as const,
    interfaces: { eth0: { vlan: 'lan', address: 'dhcp', dnsName: `${name}.lab.example` } },
  });
  return {
    name: 'oplab',
    description: 'A three-node cluster monitored by the prometheus-operator, alerting through ntfy.',
    runbookUrl: 'https://runbooks.lab.example/{alertname}',
    vlans: { lan: { id: 1, cidr: '192.168.0.0/24', zone: 'servers' } },
    hosts: { metal0: node('metal0'), metal1: node('metal1'), metal2: node('metal2') },
    kubernetes: {
      name: 'oplab',
      namespace: 'monitoring-system',
      flavour: 'operator',
      nodes: {
        metal0: { architecture: 'amd64', resources: { cpu: 4, memory: '42Gi', disk: '128Gi' } },
        metal1: { architecture: 'amd64', resources: { cpu: 4, memory: '26Gi', disk: '128Gi' } },
        metal2: { architecture: 'amd64', resources: { cpu: 4, memory: '26Gi', disk: '128Gi' } },
      },
      storageClasses: { 'ceph-block': { provisioner: 'rbd.csi.ceph.com', description: 'External Ceph' } },
      defaultStorageClass: 'ceph-block',
      stack: {
        budget: { memoryLimit: '6Gi' },
        prometheus: {
          image: 'quay.io/prometheus/prometheus:v2.53.5',
          replicas: 2,
          resources: { requests: { cpu: '250m', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' } },
          storage: { size: '50Gi' },
          flags: { queryMaxConcurrency: 4, queryTimeout: '2m' },
        },
        alertmanager: {
          image: 'quay.io/prometheus/alertmanager:v0.29.0',
          replicas: 2,
          resources: { requests: { cpu: '25m', memory: '64Mi' }, limits: { cpu: '100m', memory: '128Mi' } },
          storage: { size: '1Gi' },
          secret: { name: 'alertmanager-receivers', mountPath: SECRETS },
        },
        grafana: {
          image: 'grafana/grafana:12.4.0',
          resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '200m', memory: '256Mi' } },
          storage: { size: '1Gi' },
          adminPasswordSecret: { name: 'grafana-admin', key: 'password' },
        },
        kubeStateMetrics: {
          image: 'registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.13.0',
          resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '100m', memory: '128Mi' } },
        },
        nodeExporter: {
          image: 'quay.io/prometheus/node-exporter:v1.10.2',
          resources: { requests: { cpu: '25m', memory: '32Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
          host: {
            network: true,
            pid: true,
            rootfs: true,
            reason: "node_exporter reports the node, not its pod: it needs the node's interfaces, processes and filesystems (read-only).",
          },
        },
      },
      discovery: { apiserver: {}, kubelet: {}, cadvisor: {}, nodeExporter: {}, kubeStateMetrics: {} },
    },
    receivers: {
      phone: {
        description: 'ntfy on the phones',
        ntfy: [{ server: 'https://ntfy.sh', topic: 'oplab-alerts', tokenFile: `${SECRETS}/ntfy-token`, tags: ['oplab', 'kubernetes'] }],
      },
      watchdog: {
        description: 'dead man switch',
        webhooks: [{ url: 'https://deadman.lab.example/ping', bearerTokenFile: `${SECRETS}/deadman-token` }],
      },
    },
    routing: {
      receiver: 'phone',
      groupBy: ['alertname', 'severity'],
      // No InstanceDown on a cluster: NodeDown tells the node is down.
      hostDownInhibits: false,
      routes: [{ matchers: ['alertname="Watchdog"'], receivers: ['watchdog'] }],
    },
    routingTests: [
      {
        name: 'critical alerts page through ntfy',
        labels: { alertname: 'NodeDown', severity: 'critical', node: 'metal1' },
        expect: ['phone'],
      },
      { name: 'the Watchdog goes to the dead man switch', labels: { alertname: 'Watchdog', severity: 'none' }, expect: ['watchdog'] },
    ],
    grafana: { url: 'https://grafana.lab.example' },
    prometheus: { host: 'metal1', scrapeInterval: '30s', evaluationInterval: '30s', retentionTime: '15d', retentionSize: '40GB' },
    alertmanager: { host: 'metal2' },
    lint: { rules: { 'promql/series': { options: { catalog: ['node', 'kube-state-metrics', 'kubelet', 'cadvisor'] } } } },
  };
}
