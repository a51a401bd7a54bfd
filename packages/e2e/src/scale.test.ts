/**
 * Beyond the per-rule limit, generated promtool tests switch to one all-rules-firing case; promtool
 * must still pass them, and the test files must grow linearly with the inventory.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildSite } from '@kiln/cli';
import { resolve, type SiteInput } from '@kiln/model';
import { smallSite } from '@kiln/model/testing';
import { describe, expect, it } from 'vitest';
import { filesIn, run } from './tools.js';

function siteWith(hosts: number): SiteInput {
  const s = smallSite();
  for (let i = 0; i < hosts; i++) {
    s.hosts[`node-${i}`] = {
      role: 'worker',
      disposition: 'disposable',
      interfaces: { nic1: { vlan: 'servers', address: `10.60.0.${100 + i}` } },
      disks: { scratch: { role: 'scratch', mountPoint: '/mnt/scratch' } },
      exporters: { node: {} },
    };
    s.mounts!.push({ host: `node-${i}`, share: 'media', mountPoint: '/mnt/media', mode: 'ro', protocol: 'nfs' });
  }
  return s;
}

describe('generated unit tests at scale', () => {
  it('pass promtool with one all-rules case per alert name, and grow linearly', () => {
    const sizes: number[] = [];
    for (const hosts of [20, 40]) {
      const dir = mkdtempSync(join(tmpdir(), 'kiln-scale-'));
      try {
        const files = buildSite(resolve(siteWith(hosts)));
        for (const [path, content] of files) {
          if (!path.startsWith('prometheus/')) continue;
          mkdirSync(dirname(join(dir, path)), { recursive: true });
          writeFileSync(join(dir, path), content);
        }
        const storage = files.get('prometheus/tests/storage.test.yml')!;
        expect(storage).toContain(`NfsMountUnavailable fires for each of its ${hosts + 1} rules`);
        sizes.push(storage.length);
        const r = run('promtool', ['test', 'rules', ...filesIn(join(dir, 'prometheus/tests'), '.test.yml')], join(dir, 'prometheus'));
        expect(r.status, r.output).toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    expect(sizes[1]! / sizes[0]!).toBeLessThan(2.3);
  });
});
