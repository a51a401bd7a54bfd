/**
 * End to end on loopback: the Proxmox simulator reports one Linux VM whose guest agent gives
 * 127.0.0.1, a real prometheus-node-exporter plays that guest, `kiln discover proxmox` serves HTTP
 * SD, and the real Prometheus discovers the target through it and scrapes it. Missing tools fail the
 * test (never a skip).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverCommand } from './command.js';
import { startProxmoxSimulator, type ProxmoxSimulator, type SimulatedVm } from './proxmox-simulator.js';
import { TOKEN_ID, TOKEN_SECRET } from './test-fixtures/cluster.js';
import { captureIo, freePort, waitFor } from './test-fixtures/helpers.js';

function requireTool(name: string): string {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  if (found.status !== 0) throw new Error(`${name} is not installed (apt-get install -y prometheus prometheus-node-exporter)`);
  return found.stdout.trim();
}

const GUEST: SimulatedVm = {
  vmid: 200,
  name: 'guest-node',
  node: 'pve1',
  tags: 'e2e;linux',
  config: {
    ostype: 'l26',
    sockets: 1,
    cores: 2,
    memory: '2048',
    agent: '1',
    boot: 'order=scsi0;net0',
    scsi0: 'local-lvm:vm-200-disk-0,size=16G',
  },
  agent: [
    { name: 'lo', 'ip-addresses': [{ 'ip-address': '127.0.0.1', 'ip-address-type': 'ipv4', prefix: 8 }] },
    { name: 'ens18', 'ip-addresses': [{ 'ip-address': '127.0.0.1', 'ip-address-type': 'ipv4', prefix: 8 }] },
  ],
};
const WINDOWS_GUEST: SimulatedVm = {
  vmid: 201,
  name: 'guest-win',
  node: 'pve1',
  config: {
    ostype: 'win11',
    sockets: 1,
    cores: 2,
    memory: '4096',
    agent: '1',
    boot: 'order=scsi0',
    scsi0: 'local-lvm:vm-201-disk-0,size=64G',
  },
  agent: [{ name: 'Ethernet', 'ip-addresses': [{ 'ip-address': '127.0.0.2', 'ip-address-type': 'ipv4', prefix: 8 }] }],
};

interface ActiveTarget {
  scrapePool: string;
  labels: Record<string, string>;
  discoveredLabels: Record<string, string>;
  health: string;
  lastError: string;
}

describe('Prometheus discovers and scrapes a VM through kiln discover proxmox', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-discovery-e2e-'));
  const procs: { name: string; proc: ChildProcess; log: string[] }[] = [];
  const stopDiscovery = new AbortController();
  const discoveryIo = captureIo();
  let discoveryDone: Promise<number> | undefined;
  let sim: ProxmoxSimulator;
  let ports: { exporter: number; sd: number; prometheus: number };

  const start = (name: string, args: string[]) => {
    const log: string[] = [];
    const proc = spawn(requireTool(name), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout.on('data', (d: Buffer) => log.push(d.toString()));
    proc.stderr.on('data', (d: Buffer) => log.push(d.toString()));
    procs.push({ name, proc, log });
  };
  const logs = () =>
    [...procs.map((p) => `--- ${p.name}\n${p.log.join('').split('\n').slice(-10).join('\n')}`), `--- discovery\n${discoveryIo.all()}`].join(
      '\n',
    );

  beforeAll(async () => {
    ports = { exporter: await freePort(), sd: await freePort(), prometheus: await freePort() };
    sim = await startProxmoxSimulator({ tokenId: TOKEN_ID, tokenSecret: TOKEN_SECRET, vms: [WINDOWS_GUEST, GUEST] });
    writeFileSync(join(dir, 'token'), `${TOKEN_SECRET}\n`, { mode: 0o600 });

    start('prometheus-node-exporter', [`--web.listen-address=127.0.0.1:${ports.exporter}`, '--no-collector.systemd']);
    discoveryDone = discoverCommand(
      [
        'proxmox',
        '--api',
        sim.url,
        '--token-id',
        TOKEN_ID,
        '--token-secret-file',
        join(dir, 'token'),
        '--listen',
        `127.0.0.1:${ports.sd}`,
        '--refresh',
        '1s',
        '--port',
        `node=${ports.exporter}`,
        '--include-loopback',
      ],
      discoveryIo.io,
      { signal: stopDiscovery.signal },
    );

    const config = join(dir, 'prometheus.yml');
    writeFileSync(
      config,
      [
        'global:',
        '  scrape_interval: 1s',
        '  scrape_timeout: 1s',
        '  evaluation_interval: 1s',
        'scrape_configs:',
        '  - job_name: node',
        '    http_sd_configs:',
        `      - url: http://127.0.0.1:${ports.sd}/targets/node`,
        '        refresh_interval: 1s',
        '  - job_name: windows',
        '    http_sd_configs:',
        `      - url: http://127.0.0.1:${ports.sd}/targets/windows`,
        '        refresh_interval: 1s',
        '',
      ].join('\n'),
    );
    const check = spawnSync(requireTool('promtool'), ['check', 'config', config], { encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    start('prometheus', [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${ports.prometheus}`,
    ]);
  }, 60_000);

  afterAll(async () => {
    stopDiscovery.abort();
    await discoveryDone;
    for (const p of procs) p.proc.kill('SIGTERM');
    await Promise.all(procs.map((p) => new Promise((r) => (p.proc.exitCode !== null ? r(null) : p.proc.once('exit', r)))));
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('shows the VM as an `up` target with the vm_* labels, and up == 1', async () => {
    const prom = `http://127.0.0.1:${ports.prometheus}`;
    const target = await waitFor(
      'the VM target up in Prometheus',
      async () => {
        const body = (await (await fetch(`${prom}/api/v1/targets?state=active`)).json()) as { data: { activeTargets: ActiveTarget[] } };
        return body.data.activeTargets.find((t) => t.scrapePool === 'node' && t.health === 'up');
      },
      30_000,
      500,
    ).catch((err: Error) => {
      throw new Error(`${err.message}\n${logs()}`);
    });

    expect(target.labels).toEqual({
      instance: `127.0.0.1:${ports.exporter}`,
      job: 'node',
      vm_id: '200',
      vm_name: 'guest-node',
      node: 'pve1',
      vcpus: '2',
      memory_gb: '2',
      disk_type: 'scsi',
      tags: 'e2e;linux',
    });

    const up = await waitFor(
      'up{vm_id="200"} in the query API',
      async () => {
        const q = new URLSearchParams({ query: 'up{job="node",vm_id="200",vm_name="guest-node"}' });
        const body = (await (await fetch(`${prom}/api/v1/query?${q.toString()}`)).json()) as {
          data: { result: { value: [number, string] }[] };
        };
        // A scrape may time out (1 s) on a loaded machine: wait for a successful one.
        return body.data.result[0]?.value[1] === '1' ? '1' : undefined;
      },
      30_000,
      500,
    );
    expect(up).toBe('1');
    // The node exporter really was scraped through the discovered address.
    const q = new URLSearchParams({ query: 'node_exporter_build_info{vm_id="200"}' });
    const build = (await (await fetch(`${prom}/api/v1/query?${q.toString()}`)).json()) as { data: { result: unknown[] } };
    expect(build.data.result.length).toBe(1);
  }, 60_000);

  it('puts the Windows guest in the windows job on windows_exporter’s port', async () => {
    const body = (await (await fetch(`http://127.0.0.1:${ports.prometheus}/api/v1/targets?state=active`)).json()) as {
      data: { activeTargets: ActiveTarget[] };
    };
    const win = body.data.activeTargets.filter((t) => t.scrapePool === 'windows');
    expect(win.map((t) => [t.labels.instance, t.labels.vm_name, t.labels.memory_gb])).toEqual([['127.0.0.2:9182', 'guest-win', '4']]);
    expect(discoveryIo.all()).not.toContain(TOKEN_SECRET);
  }, 60_000);
});
