/**
 * End-to-end: proxmox-vm's generated configuration on a loopback stack (see stack.ts for what is
 * changed for the test). The Proxmox hosts' node exporter is a real prometheus-node-exporter; the
 * pve exporter, the discovery service (`/targets/windows`) and one Windows VM's windows_exporter are
 * plain HTTP stand-ins. Proves with the real Prometheus and Alertmanager that:
 * - the pve job's relabelling sends every node as `?target=` (with module, cluster and node) to the
 *   one exporter and keeps the node as `instance`;
 * - VMs come from HTTP SD with their discovery labels, and the recording rules record from them;
 * - a VM on a hypervisor the cluster reports down is inhibited, one on a healthy node is not.
 */
import { readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LoopbackStack,
  activeTargets,
  freePort,
  prepareAlertmanager,
  preparePrometheus,
  startAlertmanager,
  startNodeExporter,
  startPrometheus,
  waitFor,
} from './stack.js';
import { GENERATED } from './tools.js';

const SITE = 'proxmox-vm';
/** The two relabel rules that keep one shard's targets: `hashmod` of the address, then `keep` of the shard's number. */
const isShardRelabel = (r: { action?: string; source_labels?: string[] }) =>
  r.action === 'hashmod' || (r.action === 'keep' && r.source_labels?.[0] === '__tmp_hash');
const started = Date.now();
const seconds = () => (Date.now() - started) / 1000;

/** pve2 is offline; VM 101 runs on pve1. */
const PVE_METRICS = () =>
  [
    'pve_up{id="node/pve1"} 1',
    'pve_up{id="node/pve2"} 0',
    'pve_up{id="node/pve3"} 1',
    'pve_up{id="qemu/101"} 1',
    'pve_guest_info{id="qemu/101",name="win-app01",node="pve1",type="qemu",tags="prod"} 1',
    'pve_onboot_status{id="qemu/101",node="pve1",type="qemu"} 1',
  ].join('\n') + '\n';

/** A Windows VM: half its CPU idle, a quarter of its memory available. */
const WINDOWS_METRICS = () =>
  [
    `windows_cpu_time_total{core="0,0",mode="idle"} ${(seconds() * 0.5).toFixed(3)}`,
    `windows_cpu_time_total{core="0,0",mode="user"} ${(seconds() * 0.5).toFixed(3)}`,
    'windows_memory_available_bytes 2e+09',
    'windows_memory_physical_total_bytes 8e+09',
  ].join('\n') + '\n';

const vm = (id: string, name: string, node: string) => ({
  vm_id: id,
  vm_name: name,
  node,
  vcpus: '2',
  memory_gb: '8',
  disk_type: 'virtio',
  tags: '',
});

describe('proxmox-vm on a loopback stack', { timeout: 150_000 }, () => {
  const stack = new LoopbackStack();
  const probes: URLSearchParams[] = [];
  let ports: Record<'prometheus' | 'alertmanager' | 'hook' | 'node' | 'pve' | 'discovery' | 'windows' | 'closed', number>;

  beforeAll(async () => {
    const names = ['prometheus', 'alertmanager', 'hook', 'node', 'pve', 'discovery', 'windows', 'closed'] as const;
    ports = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await freePort()]))) as typeof ports;
    const serve = (port: number, handler: (url: URL) => string, contentType = 'text/plain; version=0.0.4') => {
      const srv = stack.own(
        createServer((req, res) => res.setHeader('Content-Type', contentType).end(handler(new URL(req.url ?? '/', 'http://x')))),
      );
      return new Promise<void>((r) => srv.listen(port, '127.0.0.1', r));
    };
    await serve(ports.pve, (url) => (url.pathname === '/pve' ? (probes.push(url.searchParams), PVE_METRICS()) : ''));
    await serve(ports.windows, () => WINDOWS_METRICS());
    await serve(
      ports.discovery,
      () =>
        JSON.stringify([
          { targets: [`127.0.0.1:${ports.windows}`], labels: vm('101', 'win-app01', 'pve1') },
          { targets: [`127.0.0.1:${ports.closed}`], labels: vm('102', 'win-lost1', 'pve1') },
          { targets: [`127.0.0.2:${ports.closed}`], labels: vm('201', 'win-lost2', 'pve2') },
        ]),
      'application/json', // Prometheus refuses an HTTP SD answer of any other type
    );
    await stack.webhook(ports.hook);
    const config = preparePrometheus(
      stack,
      SITE,
      ports,
      (file, g) =>
        file.endsWith('/node.json') ? [`127.0.0.1:${ports.node}`] : file.endsWith('/pve.json') ? g.targets : [`127.0.0.1:${ports.closed}`],
      (c) => {
        // The site runs two replicas of two shards (scale-out.test.ts runs shards, replicas and the store):
        // here one server runs the whole site — every target, every rule file, no store.
        for (const job of c.scrape_configs) {
          job.relabel_configs = job.relabel_configs?.filter((r: { action?: string; source_labels?: string[] }) => !isShardRelabel(r));
          if (job.relabel_configs?.length === 0) delete job.relabel_configs;
          if (job.job_name === 'prometheus' || job.job_name === 'alertmanager') job.static_configs = job.static_configs.slice(0, 1);
        }
        c.rule_files = readdirSync(join(GENERATED, SITE, 'prometheus/rules')).map((f) => `rules/${f}`);
        delete c.remote_write;
        for (const job of c.scrape_configs) {
          if (job.job_name === 'pve') job.relabel_configs.at(-1).replacement = `127.0.0.1:${ports.pve}`;
          if (job.job_name === 'windows')
            Object.assign(job.http_sd_configs[0], { url: `http://127.0.0.1:${ports.discovery}/targets/windows`, refresh_interval: '1s' });
        }
      },
    );
    startNodeExporter(stack, ports.node);
    startAlertmanager(stack, prepareAlertmanager(stack, SITE, ports.hook), ports.alertmanager);
    startPrometheus(stack, config, ports.prometheus);
  });
  afterAll(() => stack.stop());

  const query = async (q: string) => {
    const res = await fetch(`http://127.0.0.1:${ports.prometheus}/api/v1/query?query=${encodeURIComponent(q)}`);
    return ((await res.json()) as { data: { result: { metric: Record<string, string>; value: [number, string] }[] } }).data.result;
  };

  it('scrapes the pve exporter once per node, each as ?target= with the module, cluster and node parameters', async () => {
    const pve = await waitFor('three pve targets up', async () => {
      const t = (await activeTargets(ports.prometheus)).filter((x) => x.labels['job'] === 'pve');
      return t.length === 3 && t.every((x) => x.health === 'up') ? t : undefined;
    }).catch((e) => Promise.reject(new Error(`${e}\n${stack.logs()}`)));
    expect(pve.map((t) => t.labels['instance']).sort()).toEqual(['10.0.10.11', '10.0.10.12', '10.0.10.13']);
    expect(new Set(probes.map((p) => p.get('target')))).toEqual(new Set(['10.0.10.11', '10.0.10.12', '10.0.10.13']));
    expect(probes.every((p) => p.get('module') === 'default' && p.get('cluster') === '1' && p.get('node') === '1')).toBe(true);
  });

  it('records the VM series from the discovered target, with its discovery labels', async () => {
    const memory = await waitFor('vm:memory_utilization:ratio', async () =>
      (await query('vm:memory_utilization:ratio')).find((r) => r.metric['vm_name'] === 'win-app01'),
    );
    expect(memory.metric).toMatchObject({ vm_id: '101', node: 'pve1', vcpus: '2', job: 'windows' });
    expect(Number(memory.value[1])).toBe(0.75);
    const cpu = await waitFor('vm:cpu_utilization:avg5m', async () => (await query('vm:cpu_utilization:avg5m{vm_name="win-app01"}'))[0]);
    // rate() over 5m divides by the whole window, so the first minutes read high; only the range is checked here.
    expect(Number(cpu.value[1])).toBeGreaterThan(0);
    expect(Number(cpu.value[1])).toBeLessThanOrEqual(1);
    expect(cpu.metric).toMatchObject({ vm_id: '101', node: 'pve1', disk_type: 'virtio' });
    expect(
      (await waitFor('node:memory_utilization:ratio', async () => (await query('node:memory_utilization:ratio{node="pve1"}'))[0])).metric[
        'host'
      ],
    ).toBe('pve1');
  });

  it("inhibits a VM's alert while the cluster reports its hypervisor down, and delivers the others", async () => {
    const lostOnPve1 = (a: { labels: Record<string, string> }) =>
      a.labels['alertname'] === 'InstanceDown' && a.labels['vm_name'] === 'win-lost1';
    await waitFor(
      'ProxmoxNodeDown for pve2 at both critical receivers',
      async () =>
        ['ops-webhook', 'ops-email'].every((r) =>
          stack.got(r, (a) => a.labels['alertname'] === 'ProxmoxNodeDown' && a.labels['node'] === 'pve2'),
        ) || undefined,
    ).catch((e) => Promise.reject(new Error(`${e}\n${stack.logs()}`)));
    await waitFor('InstanceDown of the VM on pve1', async () => stack.got('ops-email', lostOnPve1) || undefined);
    const firing = await query('ALERTS{alertname="InstanceDown",job="windows",alertstate="firing"}');
    expect(firing.map((r) => r.metric['vm_name']).sort()).toEqual(['win-lost1', 'win-lost2']);
    await new Promise((r) => setTimeout(r, 3000));
    expect(stack.received.flatMap((n) => n.alerts).some((a) => a.labels['vm_name'] === 'win-lost2')).toBe(false);
  });
});
