// The benchmark site of issue #16: the small test site plus `n` worker hosts, each with a node
// exporter, an NFS mount (the media share, read-only), a scratch disk, a service with an endpoint on
// each of two VLANs (its HTTP port on the workers VLAN, SSH on the management VLAN), and in one host
// of ten a GPU with its exporter. Every listener has a static address (resolve() refuses DHCP binds).
import { smallSite } from '@kiln/model/testing';

/** Host i's address on a /16 whose first two octets are `prefix` (i + 1, so never .0.0). */
const address = (prefix, i) => `${prefix}.${(i + 1) >> 8}.${(i + 1) & 255}`;

export function scaleSite(n) {
  if (!Number.isInteger(n) || n < 1 || n > 65000) throw new Error(`hosts must be a whole number from 1 to 65000, not ${n}`);
  const site = smallSite();
  site.name = 'bench';
  site.vlans['workers'] = { id: 128, cidr: '10.128.0.0/16', zone: 'servers' };
  site.vlans['workers-mgmt'] = { id: 129, cidr: '10.129.0.0/16', zone: 'management' };
  site.services ??= {};
  for (let i = 0; i < n; i++) {
    const name = `node-${i}`;
    const gpu = i % 10 === 0;
    site.hosts[name] = {
      role: 'worker',
      disposition: 'disposable',
      interfaces: {
        nic1: { vlan: 'workers', address: address('10.128', i), dnsName: `${name}.lab.example` },
        nic2: { vlan: 'workers-mgmt', address: address('10.129', i) },
      },
      disks: { scratch: { role: 'scratch', mountPoint: '/mnt/scratch' } },
      ...(gpu && { gpus: [{ vendor: 'nvidia', model: 'NVIDIA RTX A4000' }] }),
      exporters: gpu ? { node: {}, 'nvidia-gpu': {} } : { node: {} },
    };
    site.mounts.push({ host: name, share: 'media', mountPoint: '/mnt/media', mode: 'ro', protocol: 'nfs' });
    site.services[`app-${i}`] = {
      host: name,
      endpoints: {
        http: { port: 8080, kind: 'service', bind: 'nic1' },
        ssh: { port: 22, kind: 'admin', bind: 'nic2' },
      },
    };
  }
  return site;
}
