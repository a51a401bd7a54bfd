/**
 * Helpers for end-to-end tests that run real prometheus, prometheus-alertmanager and
 * prometheus-node-exporter on loopback with a site's generated configuration. For the test only,
 * addresses point at loopback, intervals and `for` durations shrink to seconds, and every receiver
 * becomes a webhook served by the test; everything else is the generated output as committed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { GENERATED, filesIn, requireTool } from './tools.js';

export interface Alert {
  status: string;
  labels: Record<string, string>;
}
export type Received = { receiver: string; alerts: Alert[] }[];
export interface Target {
  /** The scrape job (`job_name`); the `job` label may differ when file_sd sets it. */
  scrapePool: string;
  labels: Record<string, string>;
  scrapeUrl: string;
  health: string;
  lastError: string;
}
export interface FileSdGroup {
  targets: string[];
  labels: Record<string, string>;
}

export const readYaml = (f: string) => parse(readFileSync(f, 'utf8')) as Record<string, any>;
export const writeYaml = (f: string, v: unknown) => writeFileSync(f, stringify(v));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createNetServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export async function waitFor<T>(what: string | (() => string), probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
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
  const described = typeof what === 'string' ? what : what();
  throw new Error(
    `timed out after ${timeoutMs / 1000}s waiting for ${described}${last ? ` (last error: ${last instanceof Error ? last.message : JSON.stringify(last)})` : ''}`,
  );
}

/** A temporary folder, the processes started in it and the webhook receiver; `stop()` undoes it all. */
export class LoopbackStack {
  readonly dir = mkdtempSync(join(tmpdir(), 'kiln-e2e-'));
  readonly received: Received = [];
  private readonly procs: { name: string; proc: ChildProcess; log: string[] }[] = [];
  private readonly servers: { close(cb?: () => void): unknown }[] = [];

  /** Starts a tool; `cwd` is where relative paths in its flags resolve (generated `.args` files are written for their folder). */
  start(name: string, args: string[], cwd?: string): void {
    const log: string[] = [];
    const proc = spawn(requireTool(name), args, { stdio: ['ignore', 'pipe', 'pipe'], ...(cwd !== undefined && { cwd }) });
    proc.stdout.on('data', (d: Buffer) => log.push(d.toString()));
    proc.stderr.on('data', (d: Buffer) => log.push(d.toString()));
    this.procs.push({ name, proc, log });
  }

  logs(): string {
    return this.procs.map((p) => `--- ${p.name}\n${p.log.join('').split('\n').slice(-15).join('\n')}`).join('\n');
  }

  /** Keeps a server the test started so `stop()` closes it. */
  own<S extends { close(cb?: () => void): unknown }>(server: S): S {
    this.servers.push(server);
    return server;
  }

  /** Receives Alertmanager webhooks at `/<receiver>` into `received`. */
  async webhook(port: number): Promise<void> {
    const hook: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        this.received.push({ receiver: (req.url ?? '/').slice(1), alerts: (JSON.parse(body) as { alerts: Alert[] }).alerts });
        res.end('ok');
      });
    });
    this.own(hook);
    await new Promise<void>((r) => hook.listen(port, '127.0.0.1', r));
  }

  /** Whether a firing alert matching `match` reached `receiver`. */
  got(receiver: string, match: (a: Alert) => boolean): boolean {
    return this.received.some((n) => n.receiver === receiver && n.alerts.some((a) => a.status === 'firing' && match(a)));
  }

  async stop(): Promise<void> {
    // Last started first: a Prometheus flushing remote write on shutdown waits up to a minute for a store that is already gone.
    for (const p of [...this.procs].reverse()) {
      const exited = new Promise((r) => (p.proc.exitCode !== null || p.proc.signalCode !== null ? r(null) : p.proc.once('exit', r)));
      p.proc.kill('SIGTERM');
      await exited;
    }
    // An HTTP server's close() waits for idle keep-alive connections (a scraper's) unless they are closed too.
    await Promise.all(
      this.servers.map(
        (s) =>
          new Promise((r) => {
            s.close(() => r(null));
            (s as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      ),
    );
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Copies `generated/<site>/prometheus` into the stack's folder with 1 s intervals, loopback
 * addresses for Prometheus and Alertmanager, `for: 2s` on every rule, and each file_sd group's
 * targets replaced by `retarget(file, group)`. Returns the path of prometheus.yml.
 */
export function preparePrometheus(
  stack: LoopbackStack,
  site: string,
  ports: { prometheus: number; alertmanager: number },
  retarget: (file: string, group: FileSdGroup) => string[],
  edit: (config: Record<string, any>) => void = () => {},
): string {
  const prom = join(stack.dir, 'prometheus');
  cpSync(join(GENERATED, site, 'prometheus'), prom, { recursive: true });
  const config = readYaml(join(prom, 'prometheus.yml'));
  Object.assign(config.global, { scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' });
  config.alerting.alertmanagers[0].static_configs[0].targets = [`127.0.0.1:${ports.alertmanager}`];
  for (const job of config.scrape_configs) {
    if (job.job_name === 'prometheus') job.static_configs[0].targets = [`127.0.0.1:${ports.prometheus}`];
    if (job.job_name === 'alertmanager') job.static_configs[0].targets = [`127.0.0.1:${ports.alertmanager}`];
  }
  edit(config);
  writeYaml(join(prom, 'prometheus.yml'), config);
  for (const file of filesIn(join(prom, 'file_sd'), '.json')) {
    const groups = JSON.parse(readFileSync(file, 'utf8')) as FileSdGroup[];
    for (const g of groups) g.targets = retarget(file, g);
    writeFileSync(file, JSON.stringify(groups));
  }
  for (const file of filesIn(join(prom, 'rules'), '.yml')) {
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^(\s+for: ).*$/gm, '$12s'));
  }
  return join(prom, 'prometheus.yml');
}

/** The site's generated routes and inhibitions with second-scale timing; every receiver becomes a webhook to the test. */
export function prepareAlertmanager(stack: LoopbackStack, site: string, hookPort: number): string {
  const am = readYaml(join(GENERATED, site, 'alertmanager/alertmanager.yml'));
  const fast = { group_wait: '1s', group_interval: '1s', repeat_interval: '1h' };
  Object.assign(am.route, fast);
  for (const r of am.route.routes ?? []) Object.assign(r, fast);
  am.receivers = am.receivers.map((r: { name: string }) => ({
    name: r.name,
    webhook_configs: [{ url: `http://127.0.0.1:${hookPort}/${r.name}` }],
  }));
  mkdirSync(join(stack.dir, 'alertmanager'));
  writeYaml(join(stack.dir, 'alertmanager/alertmanager.yml'), am);
  return join(stack.dir, 'alertmanager/alertmanager.yml');
}

export function startAlertmanager(stack: LoopbackStack, config: string, port: number): void {
  stack.start('prometheus-alertmanager', [
    `--config.file=${config}`,
    `--storage.path=${join(stack.dir, 'am-data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--cluster.listen-address=',
  ]);
}

export function startPrometheus(stack: LoopbackStack, config: string, port: number): void {
  stack.start('prometheus', [
    `--config.file=${config}`,
    `--storage.tsdb.path=${join(stack.dir, 'tsdb')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--rules.alert.resend-delay=1s',
  ]);
}

export function startNodeExporter(stack: LoopbackStack, port: number): void {
  stack.start('prometheus-node-exporter', [`--web.listen-address=127.0.0.1:${port}`, '--no-collector.systemd']);
}

export async function activeTargets(prometheusPort: number): Promise<Target[]> {
  const res = await fetch(`http://127.0.0.1:${prometheusPort}/api/v1/targets?state=active`);
  return ((await res.json()) as { data: { activeTargets: Target[] } }).data.activeTargets;
}
