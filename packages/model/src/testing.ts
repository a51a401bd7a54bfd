import type { SiteInput } from './schema.js';

/** A small but complete site for tests of every package: call it for a fresh copy and break one thing at a time. */
export function smallSite(): SiteInput {
  return {
    name: 'lab',
    runbookUrl: 'https://wiki.example/runbooks/{alertname}',
    vlans: {
      mgmt: { id: 99, cidr: '10.99.0.0/24', zone: 'management' },
      servers: { id: 60, cidr: '10.60.0.0/24', zone: 'servers' },
    },
    hosts: {
      compute: {
        role: 'compute',
        disposition: 'disposable',
        interfaces: { nic1: { vlan: 'servers', address: '10.60.0.20' }, nic2: { vlan: 'mgmt', address: '10.99.0.20' } },
        disks: { scratch: { role: 'scratch', mountPoint: '/mnt/scratch' } },
        gpus: [{ vendor: 'nvidia', model: 'NVIDIA RTX A4000' }],
        exporters: { node: {}, 'nvidia-gpu': {} },
      },
      storage: {
        role: 'nas',
        disposition: 'authoritative',
        interfaces: { nic1: { vlan: 'servers', address: '10.60.0.10' } },
        exporters: { node: {} },
      },
    },
    shares: { media: { host: 'storage', path: '/export/media', content: 'media' } },
    mounts: [{ host: 'compute', share: 'media', mountPoint: '/mnt/media', mode: 'ro', protocol: 'nfs' }],
    services: { sshd: { host: 'compute', endpoints: { ssh: { port: 22, kind: 'admin', bind: 'nic2' } } } },
    receivers: { email: { emails: [{ to: 'ops@example.org', from: 'am@example.org', smarthost: 'mail.example.org:587' }] } },
    routing: { receiver: 'email', routes: [{ matchers: ['severity="critical"'], receivers: ['email'] }] },
    prometheus: { host: 'compute' },
    alertmanager: { host: 'compute' },
  };
}

/** smallSite plus `n` workers, each with an NFS mount and a scratch disk: two storage rules a worker. */
export function siteWithWorkers(n: number): SiteInput {
  const s = smallSite();
  s.vlans['workers'] = { id: 128, cidr: '10.128.0.0/16', zone: 'servers' };
  for (let i = 0; i < n; i++) {
    s.hosts[`node-${i}`] = {
      role: 'worker',
      disposition: 'disposable',
      interfaces: { nic1: { vlan: 'workers', address: `10.128.${(i + 1) >> 8}.${(i + 1) & 255}` } },
      disks: { scratch: { role: 'scratch', mountPoint: '/mnt/scratch' } },
      exporters: { node: {} },
    };
    s.mounts!.push({ host: `node-${i}`, share: 'media', mountPoint: '/mnt/media', mode: 'ro', protocol: 'nfs' });
  }
  return s;
}

/** Adds a receiver with a route to it: a receiver no route uses is an error. Returns the site. */
export function addRoutedReceiver(site: SiteInput, name: string, receiver: SiteInput['receivers'][string]): SiteInput {
  site.receivers[name] = receiver;
  (site.routing.routes ??= []).push({ matchers: [`receiver="${name}"`], receivers: [name] });
  return site;
}
export { operatorSite } from './testing-operator.js';

/** A small monitoring stack for a cluster test site (`kubernetes.stack`): pinned images, limits, a 2 Gi budget. */
export function smallClusterStack(): NonNullable<SiteInput['kubernetes']>['stack'] {
  const res = (memory: string) => ({ requests: { cpu: '50m', memory: '32Mi' }, limits: { cpu: '100m', memory } });
  return {
    budget: { memoryLimit: '2Gi' },
    prometheus: { image: 'prom/prometheus:v2.53.5', resources: res('512Mi'), storage: { size: '10Gi' } },
    alertmanager: { image: 'prom/alertmanager:v0.29.0', resources: res('64Mi'), storage: { size: '1Gi' } },
    grafana: {
      image: 'grafana/grafana:12.4.0',
      resources: res('256Mi'),
      storage: { size: '1Gi' },
      adminPasswordSecret: { name: 'grafana', key: 'admin-password' },
    },
    kubeStateMetrics: { image: 'registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.13.0', resources: res('128Mi') },
    nodeExporter: {
      image: 'prom/node-exporter:v1.10.2',
      resources: res('64Mi'),
      host: { network: true, pid: true, rootfs: true, reason: 'node_exporter reports the node, so it needs the host.' },
    },
  };
}
