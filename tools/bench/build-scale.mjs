#!/usr/bin/env node
// Benchmark (on demand): resolve + generate + serialize a site of N hosts in memory, as `kiln build`
// does, and report time and peak memory. Usage: node tools/bench/build-scale.mjs [hosts=10000]
// (after `npx nx run-many -t build`).
import { buildSite } from '@kiln/cli';
import { resolve } from '@kiln/model';
import { smallSite } from '@kiln/model/testing';

const n = Number(process.argv[2] ?? 10000);
const site = smallSite();
// A /16 for the workers: every listener needs a static address (resolve() refuses DHCP binds).
site.vlans['workers'] = { id: 128, cidr: '10.128.0.0/16', zone: 'servers' };
for (let i = 0; i < n; i++) {
  const name = `node-${i}`;
  site.hosts[name] = {
    role: 'worker',
    disposition: 'disposable',
    interfaces: { nic1: { vlan: 'workers', address: `10.128.${(i + 1) >> 8}.${(i + 1) & 255}`, dnsName: `${name}.lab.example` } },
    disks: { scratch: { role: 'scratch', mountPoint: '/mnt/scratch' } },
    exporters: { node: {} },
  };
  site.mounts.push({ host: name, share: 'media', mountPoint: '/mnt/media', mode: 'ro', protocol: 'nfs' });
}
const t0 = performance.now();
const resolved = resolve(site);
const t1 = performance.now();
const files = buildSite(resolved);
const t2 = performance.now();
const bytes = [...files.values()].reduce((sum, f) => sum + f.length, 0);
console.log(`${n} hosts, ${n} NFS mounts, ${n} scratch disks → ${files.size} files, ${(bytes / 1e6).toFixed(1)} MB`);
console.log(`resolve: ${(t1 - t0).toFixed(0)} ms; generate + check + serialize: ${(t2 - t1).toFixed(0)} ms`);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
