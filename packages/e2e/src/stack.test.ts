/**
 * End-to-end: real prometheus, prometheus-alertmanager and prometheus-node-exporter on loopback,
 * running Pantheon's generated configuration. For the test only, addresses point at loopback,
 * intervals and `for` durations shrink to seconds, and every receiver becomes a webhook served here.
 * Everything else — jobs, file_sd, rules, routes, inhibitions — is the generated output as committed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { GENERATED, filesIn, requireTool } from './tools.js';

interface Alert {
  status: string;
  labels: Record<string, string>;
}
type Received = { receiver: string; alerts: Alert[] }[];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createNetServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}

const readYaml = (f: string) => parse(readFileSync(f, 'utf8')) as Record<string, any>;
const writeYaml = (f: string, v: unknown) => writeFileSync(f, stringify(v));

describe('Pantheon on a loopback stack', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-e2e-'));
  const procs: { name: string; proc: ChildProcess; log: string[] }[] = [];
  const received: Received = [];
  let hook: Server;
  const ports = { node: 0, prometheus: 0, alertmanager: 0, hook: 0, closed: 0 };

  function start(name: string, args: string[]) {
    const log: string[] = [];
    const proc = spawn(requireTool(name), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout!.on('data', (d) => log.push(String(d)));
    proc.stderr!.on('data', (d) => log.push(String(d)));
    procs.push({ name, proc, log });
  }
  const logs = () => procs.map((p) => `--- ${p.name}\n${p.log.join('').split('\n').slice(-15).join('\n')}`).join('\n');

  beforeAll(async () => {
    for (const key of Object.keys(ports) as (keyof typeof ports)[]) ports[key] = await freePort();
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ receiver: (req.url ?? '/').slice(1), alerts: (JSON.parse(body) as { alerts: Alert[] }).alerts });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => hook.listen(ports.hook, '127.0.0.1', r));

    // Prometheus: generated config with loopback addresses and second-scale timing.
    const prom = join(dir, 'prometheus');
    cpSync(join(GENERATED, 'pantheon/prometheus'), prom, { recursive: true });
    const config = readYaml(join(prom, 'prometheus.yml'));
    Object.assign(config.global, { scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' });
    config.alerting.alertmanagers[0].static_configs[0].targets = [`127.0.0.1:${ports.alertmanager}`];
    for (const job of config.scrape_configs) {
      if (job.job_name === 'prometheus') job.static_configs[0].targets = [`127.0.0.1:${ports.prometheus}`];
      if (job.job_name === 'alertmanager') job.static_configs[0].targets = [`127.0.0.1:${ports.alertmanager}`];
    }
    writeYaml(join(prom, 'prometheus.yml'), config);
    // The `prometheus` host's node exporter is real; every other target points at a closed port.
    for (const file of filesIn(join(prom, 'file_sd'), '.json')) {
      const groups = JSON.parse(readFileSync(file, 'utf8')) as { targets: string[]; labels: { host: string } }[];
      const isNode = file.endsWith('/node.json');
      for (const g of groups) g.targets = [`127.0.0.1:${isNode && g.labels.host === 'prometheus' ? ports.node : ports.closed}`];
      writeFileSync(file, JSON.stringify(groups));
    }
    for (const file of filesIn(join(prom, 'rules'), '.yml')) {
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^(\s+for: ).*$/gm, '$12s'));
    }

    // Alertmanager: generated routes and inhibitions; every receiver becomes a webhook to this test.
    const am = readYaml(join(GENERATED, 'pantheon/alertmanager/alertmanager.yml'));
    const fast = { group_wait: '1s', group_interval: '1s', repeat_interval: '1h' };
    Object.assign(am.route, fast);
    for (const r of am.route.routes ?? []) Object.assign(r, fast);
    am.receivers = am.receivers.map((r: { name: string }) => ({ name: r.name, webhook_configs: [{ url: `http://127.0.0.1:${ports.hook}/${r.name}` }] }));
    mkdirSync(join(dir, 'alertmanager'));
    writeYaml(join(dir, 'alertmanager/alertmanager.yml'), am);

    start('prometheus-node-exporter', [`--web.listen-address=127.0.0.1:${ports.node}`, '--no-collector.systemd']);
    start('prometheus-alertmanager', [
      `--config.file=${join(dir, 'alertmanager/alertmanager.yml')}`,
      `--storage.path=${join(dir, 'am-data')}`,
      `--web.listen-address=127.0.0.1:${ports.alertmanager}`,
      '--cluster.listen-address=',
    ]);
    start('prometheus', [
      `--config.file=${join(prom, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'tsdb')}`,
      `--web.listen-address=127.0.0.1:${ports.prometheus}`,
      '--rules.alert.resend-delay=1s',
    ]);
  });

  afterAll(async () => {
    for (const p of procs) p.proc.kill('SIGTERM');
    await Promise.all(procs.map((p) => new Promise((r) => (p.proc.exitCode !== null ? r(null) : p.proc.once('exit', r)))));
    hook?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('scrapes the node exporter target of host `prometheus` from the generated file_sd', async () => {
    const target = await waitFor(`node target up (logs:\n${logs()})`, async () => {
      const res = await fetch(`http://127.0.0.1:${ports.prometheus}/api/v1/targets?state=active`);
      const body = (await res.json()) as { data: { activeTargets: { labels: Record<string, string>; health: string }[] } };
      return body.data.activeTargets.find((t) => t.labels['job'] === 'node' && t.labels['host'] === 'prometheus' && t.health === 'up');
    });
    expect(target.labels['instance']).toBe(`127.0.0.1:${ports.node}`);
  });

  it('delivers generated alerts through the generated routes to the right receivers', async () => {
    const find = (receiver: string, match: (a: Alert) => boolean) =>
      received.some((n) => n.receiver === receiver && n.alerts.some((a) => a.status === 'firing' && match(a)));
    await waitFor(`GpuUnavailable, InstanceDown and Watchdog notifications (received: ${JSON.stringify(received.map((n) => [n.receiver, n.alerts.map((a) => a.labels['alertname'])]))})`, async () =>
      find('ops-push', (a) => a.labels['alertname'] === 'GpuUnavailable') &&
      find('ops-push', (a) => a.labels['alertname'] === 'InstanceDown' && a.labels['host'] === 'atlas') &&
      find('deadmans-switch', (a) => a.labels['alertname'] === 'Watchdog')
        ? true
        : undefined,
    );
    // Critical alerts reach both critical receivers; the Watchdog reaches only the dead man's switch.
    expect(find('ops-email', (a) => a.labels['alertname'] === 'GpuUnavailable' && a.labels['host'] === 'prometheus')).toBe(true);
    expect(received.filter((n) => n.receiver !== 'deadmans-switch').flatMap((n) => n.alerts).some((a) => a.labels['alertname'] === 'Watchdog')).toBe(false);
    // The node exporter of `prometheus` is up, so its own InstanceDown never fires.
    expect(received.flatMap((n) => n.alerts).some((a) => a.labels['alertname'] === 'InstanceDown' && a.labels['job'] === 'node' && a.labels['host'] === 'prometheus')).toBe(false);
  });
});
