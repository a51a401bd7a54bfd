/**
 * Site inputs for tests, shaped like the Pantheon example: a GPU compute host mounting NFS shares
 * from a storage host, and a firewall. Variants remove GPUs, remove mounts, or add a host.
 */
import { defineSite, resolve, type ResolvedSite } from '@kiln/model';
import { planAlerts, type Plan } from '@kiln/plan';
import type { DashboardFactory } from '../dashboards/index.js';
import { planDashboards } from '../links.js';

export function pantheonLike() {
  return defineSite({
    name: 'pantheon',
    runbookUrl: 'https://wiki.pantheon.lan/runbooks/{alertname}',
    vlans: {
      mgmt: { id: 99, cidr: '10.99.0.0/24', zone: 'management' },
      servers: { id: 60, cidr: '10.60.0.0/24', zone: 'servers' },
    },
    hosts: {
      prometheus: {
        role: 'Disposable compute + GPU runtime',
        disposition: 'disposable',
        interfaces: {
          nic1: { vlan: 'servers', address: '10.60.0.20', dnsName: 'prometheus.servers.pantheon.lan' },
          nic2: { vlan: 'mgmt', address: '10.99.0.20' },
        },
        disks: {
          os: { role: 'os', mountPoint: '/', media: 'ssd' },
          scratch: { role: 'scratch', mountPoint: '/mnt/scratch', media: 'nvme', device: 'nvme0n1p1' },
        },
        gpus: [{ vendor: 'nvidia', model: 'NVIDIA RTX A4000 Ada' }],
        exporters: { node: {}, 'nvidia-gpu': {} },
      },
      atlas: {
        role: 'Authoritative storage',
        disposition: 'authoritative',
        interfaces: { nic1: { vlan: 'servers', address: '10.60.0.10' }, nic2: { vlan: 'mgmt', address: '10.99.0.10' } },
        disks: { os: { role: 'os', mountPoint: '/' } },
        exporters: { node: {} },
      },
      cerberus: {
        role: 'Firewall',
        disposition: 'authoritative',
        interfaces: { mgmt: { vlan: 'mgmt', address: '10.99.0.1' }, servers: { vlan: 'servers', address: '10.60.0.1' } },
        exporters: { node: { interface: 'mgmt' } },
      },
    },
    shares: {
      root: { host: 'atlas', path: '/mnt/user', content: 'root' },
      appdata: { host: 'atlas', path: '/mnt/user/appdata', content: 'appdata', protocols: ['nfs', 'smb'] },
    },
    mounts: [
      { host: 'prometheus', share: 'root', mountPoint: '/mnt/atlas', mode: 'ro', protocol: 'nfs', purpose: 'Atlas NFS root' },
      { host: 'prometheus', share: 'appdata', mountPoint: '/mnt/atlas/appdata', mode: 'rw', protocol: 'nfs', required: false },
    ],
    receivers: { ops: { webhooks: [{ url: 'https://ntfy.pantheon.lan/alerts' }] } },
    routing: { receiver: 'ops' },
    prometheus: { host: 'prometheus', bind: 'nic1', scrapeInterval: '30s' },
    alertmanager: { host: 'prometheus', bind: 'nic1' },
  });
}

type Input = ReturnType<typeof pantheonLike>;

export function withoutGpus(input: Input = pantheonLike()): Input {
  const hosts = Object.fromEntries(
    Object.entries(input.hosts as Record<string, Record<string, unknown>>).map(([name, h]) => {
      const { gpus: _gpus, exporters, ...rest } = h;
      const { 'nvidia-gpu': _gpuExporter, ...others } = (exporters ?? {}) as Record<string, unknown>;
      return [name, { ...rest, exporters: others }];
    }),
  );
  return { ...input, hosts } as Input;
}

export function withoutMounts(input: Input = pantheonLike()): Input {
  return { ...input, mounts: [] };
}

export function withExtraHost(input: Input = pantheonLike()): Input {
  const hosts = {
    ...(input.hosts as Record<string, unknown>),
    hermes: {
      role: 'Extra compute',
      disposition: 'disposable',
      interfaces: { nic1: { vlan: 'servers', address: '10.60.0.30' } },
      exporters: { node: {} },
    },
  };
  return { ...input, hosts } as Input;
}

export const site = (input: Input = pantheonLike()): ResolvedSite => resolve(input);

/** The plan of a site as the pipeline computes it: derived alerts, then the dashboards (standard and `extra`) and links. */
export function planOf(site: ResolvedSite, extra: readonly DashboardFactory[] = []): Plan {
  const alerts = planAlerts(site);
  return { site, ...alerts, ...planDashboards(site, alerts.catalog, extra) };
}
