import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiscoveryMetrics } from './discovery-metrics.js';
import { createLogger } from './log.js';
import { createProxmoxClient } from './proxmox-client.js';
import { startProxmoxSimulator, type ProxmoxSimulator } from './proxmox-simulator.js';
import { createDiscoveryServer, type DiscoveryServer } from './server.js';
import { CLUSTER, TOKEN_ID, TOKEN_SECRET } from './test-fixtures/cluster.js';
import { metric, waitFor } from './test-fixtures/helpers.js';

interface Running {
  sim: ProxmoxSimulator;
  server: DiscoveryServer;
  base: string;
  logs: string[];
}

let running: Running[] = [];
afterEach(async () => {
  for (const r of running) {
    await r.server.close();
    await r.sim.close();
  }
  running = [];
});

async function start(opts: { refreshMs: number; retryMs?: number; secret?: string; simDown?: boolean }): Promise<Running> {
  const sim = await startProxmoxSimulator({ tokenId: TOKEN_ID, tokenSecret: TOKEN_SECRET, vms: structuredClone(CLUSTER) });
  if (opts.simDown) sim.mode = 'down';
  const logs: string[] = [];
  const secret = opts.secret ?? TOKEN_SECRET;
  const metrics = createDiscoveryMetrics();
  const client = createProxmoxClient({
    api: sim.url,
    tokenId: TOKEN_ID,
    tokenSecret: secret,
    timeoutMs: 1000,
    observe: metrics.observeApi,
  });
  const server = createDiscoveryServer({
    client,
    refreshMs: opts.refreshMs,
    ...(opts.retryMs !== undefined ? { retryMs: opts.retryMs } : {}),
    metrics,
    log: createLogger((l) => logs.push(l), [secret]),
  });
  const { port } = await server.listen('127.0.0.1', 0);
  const r = { sim, server, base: `http://127.0.0.1:${port}`, logs };
  running.push(r);
  return r;
}

const get = async (r: Running, path: string) => {
  const res = await fetch(r.base + path);
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
};
const targets = async (r: Running, job: string) =>
  JSON.parse((await get(r, `/targets/${job}`)).text) as { targets: string[]; labels: Record<string, string> }[];
const metrics = async (r: Running) => (await get(r, '/metrics')).text;
const healthz = async (r: Running) =>
  JSON.parse((await get(r, '/healthz')).text) as { status: string; stale: boolean; last_success: string | null; last_error?: string };
const refreshed = (r: Running) => waitFor('a successful refresh', async () => ((await healthz(r)).last_success ? true : undefined));

describe('HTTP SD endpoints', () => {
  it('serves JSON target groups with status 200 and application/json', async () => {
    const r = await start({ refreshMs: 60_000 });
    await refreshed(r);
    const res = await get(r, '/targets/node');
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/json');
    const groups = JSON.parse(res.text);
    expect(groups.map((g: { labels: { vm_id: string } }) => g.labels.vm_id)).toEqual(['101', '102', '103']);
    expect((await targets(r, 'windows')).map((g) => g.targets[0])).toEqual(['10.0.20.11:9182', '10.0.20.31:9182']);
  });

  it('answers 404 naming the jobs for an unknown job, 405 for other methods', async () => {
    const r = await start({ refreshMs: 60_000 });
    const res = await get(r, '/targets/linux');
    expect(res.status).toBe(404);
    expect(res.text).toContain('unknown job `linux`; jobs: node, windows');
    const post = await fetch(`${r.base}/targets/node`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('serves an empty list (200) before Proxmox ever answered, and keeps retrying', async () => {
    const r = await start({ refreshMs: 60_000, retryMs: 100, simDown: true });
    await waitFor('two failed refreshes', async () =>
      (metric(await metrics(r), 'kiln_discovery_refreshes_total', { result: 'failure' }) ?? 0) >= 2 ? true : undefined,
    );
    const res = await get(r, '/targets/node');
    expect([res.status, res.type, res.text.trim()]).toEqual([200, 'application/json', '[]']);
    const h = await healthz(r);
    expect(h).toMatchObject({ status: 'ok', stale: true, last_success: null });
    expect(h.last_error).toMatch(/cluster\/resources/);
    expect(metric(await metrics(r), 'kiln_discovery_last_success_timestamp_seconds')).toBe(0);
    r.sim.mode = 'ok';
    await refreshed(r);
    expect((await targets(r, 'node')).length).toBe(3);
    expect(r.logs.join('\n')).toContain('Proxmox API reachable again');
  });
});

describe('cache', () => {
  it('reads the Proxmox API once per refresh interval however often Prometheus asks', async () => {
    const r = await start({ refreshMs: 60_000 });
    await refreshed(r);
    for (let i = 0; i < 5; i++) {
      await targets(r, 'node');
      await targets(r, 'windows');
    }
    expect(r.sim.count('/cluster/resources')).toBe(1);
    expect(r.sim.count('/nodes/pve1/qemu/101/agent/')).toBe(1);
  });

  it('reads it again after the interval, and serves the new answer', async () => {
    const r = await start({ refreshMs: 300 });
    await refreshed(r);
    expect((await targets(r, 'node')).map((g) => g.labels.vm_id)).toEqual(['101', '102', '103']);
    r.sim.vms = r.sim.vms.filter((v) => v.vmid !== 102);
    await waitFor('VM 102 gone', async () => ((await targets(r, 'node')).length === 2 ? true : undefined), 5000);
    expect(r.sim.count('/cluster/resources')).toBeGreaterThanOrEqual(2);
  });
});

describe('when Proxmox fails', () => {
  it('keeps serving the last good answer and says so in /metrics and /healthz', async () => {
    const r = await start({ refreshMs: 200, retryMs: 100 });
    await refreshed(r);
    const good = await targets(r, 'node');
    expect(good.length).toBe(3);
    const lastSuccess = metric(await metrics(r), 'kiln_discovery_last_success_timestamp_seconds')!;
    expect(lastSuccess).toBeGreaterThan(Date.now() / 1000 - 60);

    r.sim.mode = 'down';
    await waitFor('failed refreshes', async () =>
      (metric(await metrics(r), 'kiln_discovery_refreshes_total', { result: 'failure' }) ?? 0) >= 2 ? true : undefined,
    );
    expect(await targets(r, 'node')).toEqual(good);
    const text = await metrics(r);
    expect(metric(text, 'kiln_discovery_last_refresh_success')).toBe(0);
    expect(metric(text, 'kiln_discovery_last_success_timestamp_seconds')).toBe(lastSuccess);
    expect(metric(text, 'kiln_discovery_api_errors_total', { endpoint: 'cluster_resources', kind: 'network' })).toBeGreaterThanOrEqual(2);
    expect(metric(text, 'kiln_discovery_targets', { job: 'node' })).toBe(3);
    expect((await healthz(r)).stale).toBe(true);
    // One warning for the outage, not one per retry.
    expect(r.logs.filter((l) => l.includes('refresh from the Proxmox API failed')).length).toBe(1);

    r.sim.mode = 'error';
    await waitFor('HTTP 500 errors', async () =>
      (metric(await metrics(r), 'kiln_discovery_api_errors_total', { endpoint: 'cluster_resources', kind: 'http' }) ?? 0) >= 1
        ? true
        : undefined,
    );
    expect(await targets(r, 'node')).toEqual(good);
  });

  it('treats a refused token (401) as a failed refresh, logs a hint, and never logs the token', async () => {
    const r = await start({ refreshMs: 60_000, retryMs: 100, secret: 'e3b0c442-98fc-4c14-9afb-f4c8996fb924' });
    await waitFor('an auth error', async () =>
      (metric(await metrics(r), 'kiln_discovery_api_errors_total', { endpoint: 'cluster_resources', kind: 'auth' }) ?? 0) >= 1
        ? true
        : undefined,
    );
    expect(r.sim.requests.every((q) => !q.authorized)).toBe(true);
    expect(await targets(r, 'node')).toEqual([]);
    const logged = r.logs.join('\n');
    expect(logged).toContain('HTTP 401 authentication failure');
    expect(logged).toContain('check --token-id and the secret in --token-secret-file');
    expect(logged).not.toContain('e3b0c442-98fc-4c14-9afb-f4c8996fb924');
    expect(await metrics(r)).not.toContain('e3b0c442');
    expect(JSON.stringify(await healthz(r))).not.toContain('e3b0c442');
  });
});

describe('/metrics', () => {
  it('counts VMs skipped by reason, API request durations, and passes promtool check metrics', async () => {
    const r = await start({ refreshMs: 60_000 });
    await refreshed(r);
    await targets(r, 'node');
    const text = await metrics(r);
    const skipped = (reason: string) => metric(text, 'kiln_discovery_vms_skipped', { reason });
    expect({
      not_qemu: skipped('not_qemu'),
      template: skipped('template'),
      not_running: skipped('not_running'),
      permission_denied: skipped('permission_denied'),
      config_error: skipped('config_error'),
      unsupported_ostype: skipped('unsupported_ostype'),
      agent_disabled: skipped('agent_disabled'),
      agent_unavailable: skipped('agent_unavailable'),
      no_ipv4: skipped('no_ipv4'),
    }).toEqual({
      not_qemu: 1,
      template: 2,
      not_running: 1,
      permission_denied: 0,
      config_error: 0,
      unsupported_ostype: 1,
      agent_disabled: 1,
      agent_unavailable: 1,
      no_ipv4: 1,
    });
    expect(metric(text, 'kiln_discovery_targets', { job: 'windows' })).toBe(2);
    expect(metric(text, 'kiln_discovery_api_request_duration_seconds_count', { endpoint: 'cluster_resources' })).toBe(1);
    expect(metric(text, 'kiln_discovery_api_request_duration_seconds_count', { endpoint: 'vm_config' })).toBe(9);
    // The agent of VM 105 is not running: Proxmox answers 500, an API error, and the VM is skipped.
    expect(metric(text, 'kiln_discovery_api_errors_total', { endpoint: 'agent_interfaces', kind: 'http' })).toBe(1);
    expect(metric(text, 'kiln_discovery_http_requests_total', { handler: '/targets/node', code: '200' })).toBe(1);
    expect(r.logs.join('\n')).toMatch(/msg="VM has no target" vmid=105 name=agentless reason=agent_unavailable/);

    const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(check.error).toBeUndefined();
    expect(check.status, check.stdout + check.stderr).toBe(0);
  });
});
