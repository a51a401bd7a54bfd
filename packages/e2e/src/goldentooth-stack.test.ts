/**
 * End-to-end: Goldentooth's generated configuration on a loopback stack (see stack.ts for what is
 * changed for the test). allyrion's node exporter is a real prometheus-node-exporter; HAProxy and
 * nginx are answered by a plain HTTP stand-in; Loki by an HTTPS stand-in whose certificate comes
 * from a throw-away CA put where the generated `ca_file` points, so the job's https scheme and CA
 * file are what make that target healthy. The other twelve nodes point at a closed port: they must
 * show as down, and InstanceDown must fire for them and reach the webhook.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
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
  type Target,
} from './stack.js';
import { requireTool } from './tools.js';

const STAND_IN_METRICS = [
  'haproxy_backend_active_servers{proxy="k8s-api"} 3',
  'haproxy_backend_backup_servers{proxy="k8s-api"} 0',
  'nginx_up 1',
].join('\n');
const LOKI_METRICS = 'loki_panic_total 0\nloki_build_info{version="test"} 1\n';

/** A CA and a server certificate for `inchfield` (and 127.0.0.1, where the test reaches it). */
function certificates(dir: string): { ca: string; key: string; cert: string } {
  const openssl = requireTool('openssl');
  const run = (args: string[]) => {
    const r = spawnSync(openssl, args, { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl ${args[0]} failed: ${r.stderr}`);
  };
  run([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '1',
    '-subj',
    '/CN=kiln test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign',
  ]);
  run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'loki.key', '-out', 'loki.csr', '-subj', '/CN=inchfield']);
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=DNS:inchfield,IP:127.0.0.1\n');
  run([
    'x509',
    '-req',
    '-in',
    'loki.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'loki.pem',
    '-days',
    '1',
    '-extfile',
    'san.ext',
  ]);
  return { ca: join(dir, 'ca.pem'), key: join(dir, 'loki.key'), cert: join(dir, 'loki.pem') };
}

describe('Goldentooth on a loopback stack', () => {
  const stack = new LoopbackStack();
  const ports = { node: 0, prometheus: 0, alertmanager: 0, hook: 0, closed: 0, standIn: 0, loki: 0 };
  let generatedCaFile = '';
  const targets = () => activeTargets(ports.prometheus);
  const received = () =>
    JSON.stringify(stack.received.map((n) => [n.receiver, n.alerts.map((a) => `${a.labels['alertname']}:${a.labels['instance']}`)]));

  beforeAll(async () => {
    for (const key of Object.keys(ports) as (keyof typeof ports)[]) ports[key] = await freePort();
    await stack.webhook(ports.hook);

    const standIn = stack.own(createServer((_, res) => res.end(STAND_IN_METRICS + '\n')));
    await new Promise<void>((r) => standIn.listen(ports.standIn, '127.0.0.1', r));
    const tls = certificates(stack.dir);
    const loki = stack.own(
      createHttpsServer({ key: readFileSync(tls.key), cert: readFileSync(tls.cert) }, (_, res) => res.end(LOKI_METRICS)),
    );
    await new Promise<void>((r) => loki.listen(ports.loki, '127.0.0.1', r));

    const retarget = (file: string, host: string): number => {
      const job = file.slice(file.lastIndexOf('/') + 1, -'.json'.length);
      if (job === 'node') return host === 'allyrion' ? ports.node : ports.closed;
      return job === 'loki' ? ports.loki : ports.standIn;
    };
    const prometheusYml = preparePrometheus(
      stack,
      'goldentooth',
      ports,
      (file, g) => [`127.0.0.1:${retarget(file, g.labels['host']!)}`],
      (config) => {
        const lokiJob = config.scrape_configs.find((j: { job_name: string }) => j.job_name === 'loki');
        generatedCaFile = lokiJob.tls_config.ca_file;
        lokiJob.tls_config.ca_file = tls.ca; // the cluster CA file, here the test's CA
        // The same targets without the CA file: proof that the CA file is what makes `loki` healthy.
        // Their `job` label is rewritten (the file_sd labels say `loki`), so this deliberately failing
        // twin never raises the site's InstanceDown for `job="loki"`; the test finds it by scrape pool.
        const { tls_config: _, ...withoutCa } = lokiJob;
        config.scrape_configs.push({
          ...withoutCa,
          job_name: 'loki-without-ca',
          relabel_configs: [{ target_label: 'job', replacement: 'loki-without-ca' }],
        });
      },
    );
    const alertmanagerYml = prepareAlertmanager(stack, 'goldentooth', ports.hook);
    startNodeExporter(stack, ports.node);
    startAlertmanager(stack, alertmanagerYml, ports.alertmanager);
    startPrometheus(stack, prometheusYml, ports.prometheus);
  });

  afterAll(() => stack.stop());

  it("scrapes allyrion's node exporter from the generated file_sd, labelled instance=allyrion", async () => {
    const target = await waitFor(
      () => `allyrion node target up (logs:\n${stack.logs()})`,
      async () => (await targets()).find((t) => t.labels['job'] === 'node' && t.labels['host'] === 'allyrion' && t.health === 'up'),
    );
    expect(target.labels['instance']).toBe('allyrion');
  });

  it('scrapes Loki over https, trusting only the CA file of the loki job', async () => {
    expect(generatedCaFile).toBe('/etc/ssl/certs/goldentooth.pem');
    let seen: Target | undefined;
    const target = await waitFor(
      () => `loki target up (last seen: ${JSON.stringify(seen)})`,
      async () => {
        seen = (await targets()).find((t) => t.scrapePool === 'loki');
        return seen?.health === 'up' ? seen : undefined;
      },
    );
    expect(target.scrapeUrl).toBe(`https://127.0.0.1:${ports.loki}/metrics`);
    expect(target.labels['instance']).toBe('inchfield');
    let twin: Target | undefined;
    const untrusted = await waitFor(
      () => `loki-without-ca target down (last seen: ${JSON.stringify(twin)}; logs:\n${stack.logs()})`,
      async () => {
        twin = (await targets()).find((t) => t.scrapePool === 'loki-without-ca');
        return twin?.health === 'down' ? twin : undefined;
      },
      20_000,
    );
    expect(untrusted.lastError).toMatch(/certificate/);
  });

  it('shows every node it cannot reach as down, one per inventory host', async () => {
    const down = await waitFor('the twelve unreachable node targets to be down', async () => {
      const list = (await targets()).filter((t: Target) => t.labels['job'] === 'node' && t.health === 'down');
      return list.length === 12 ? list : undefined;
    });
    expect(down.map((t) => t.labels['instance']).sort()).toEqual([
      'bettley',
      'cargyll',
      'dalt',
      'erenford',
      'fenn',
      'gardener',
      'harlton',
      'inchfield',
      'jast',
      'karstark',
      'lipps',
      'velaryon',
    ]);
  });

  it("fires InstanceDown for an unreachable node and delivers it to ops, and the Watchdog to the dead man's switch", async () => {
    await waitFor(
      () => `InstanceDown for bettley at ops and Watchdog at heartbeat (received: ${received()})`,
      async () =>
        stack.got('ops', (a) => a.labels['alertname'] === 'InstanceDown' && a.labels['instance'] === 'bettley') &&
        stack.got('heartbeat', (a) => a.labels['alertname'] === 'Watchdog')
          ? true
          : undefined,
    );
    const down = stack.received
      .flatMap((n) => n.alerts)
      .find((a) => a.labels['alertname'] === 'InstanceDown' && a.labels['instance'] === 'bettley')!;
    expect(down.labels).toMatchObject({
      job: 'node',
      host: 'bettley',
      severity: 'critical',
      cluster: 'goldentooth',
      environment: 'goldentooth',
    });
    // Targets that are up never raise InstanceDown; healthy stand-ins keep their exporters' packs quiet.
    const fired = stack.received.flatMap((n) => n.alerts).filter((a) => a.status === 'firing');
    const up = new Set(
      (await targets())
        .filter((t) => t.health === 'up' && t.scrapePool !== 'loki-without-ca')
        .map((t) => `${t.labels['job']} ${t.labels['instance']}`),
    );
    expect([...up].sort()).toEqual([
      'alertmanager allyrion',
      'haproxy allyrion',
      'loki inchfield',
      'nginx allyrion',
      'node allyrion',
      'nvidia-gpu velaryon',
      'prometheus allyrion',
    ]);
    expect(fired.filter((a) => a.labels['alertname'] === 'InstanceDown' && up.has(`${a.labels['job']} ${a.labels['instance']}`))).toEqual(
      [],
    );
    expect(fired.some((a) => ['NginxDown', 'HaproxyBackendDown'].includes(a.labels['alertname']!))).toBe(false);
  });
});
