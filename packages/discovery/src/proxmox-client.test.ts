import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiBase, createProxmoxClient, ProxmoxError, type Endpoint } from './proxmox-client.js';
import { startProxmoxSimulator, type ProxmoxSimulator } from './proxmox-simulator.js';
import { CLUSTER, TOKEN_ID, TOKEN_SECRET } from './test-fixtures/cluster.js';

async function failure(p: Promise<unknown>): Promise<ProxmoxError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ProxmoxError);
    return err as ProxmoxError;
  }
  throw new Error('expected the call to fail');
}

describe('apiBase', () => {
  it('appends /api2/json once', () => {
    expect(apiBase('https://pve:8006')).toBe('https://pve:8006/api2/json');
    expect(apiBase('https://pve:8006/')).toBe('https://pve:8006/api2/json');
    expect(apiBase('https://pve:8006/api2/json/')).toBe('https://pve:8006/api2/json');
  });
});

describe('createProxmoxClient against the simulator (HTTP)', () => {
  let sim: ProxmoxSimulator;
  const observed: { endpoint: Endpoint; error?: string }[] = [];
  const client = (secret = TOKEN_SECRET, timeoutMs = 2000) =>
    createProxmoxClient({
      api: sim.url,
      tokenId: TOKEN_ID,
      tokenSecret: secret,
      timeoutMs,
      observe: (endpoint, seconds, error) => {
        expect(seconds).toBeGreaterThanOrEqual(0);
        observed.push({ endpoint, ...(error ? { error: error.kind } : {}) });
      },
    });

  beforeAll(async () => {
    sim = await startProxmoxSimulator({ tokenId: TOKEN_ID, tokenSecret: TOKEN_SECRET, vms: CLUSTER });
  });
  afterAll(() => sim.close());

  it('sends the PVEAPIToken header and unwraps `data`', async () => {
    const vms = await client().clusterVms();
    expect(vms.map((v) => v.vmid)).toContain(100);
    expect(vms.find((v) => v.vmid === 109)).toMatchObject({ type: 'lxc', id: 'lxc/109' });
    expect(sim.requests.at(-1)).toEqual({ path: '/cluster/resources?type=vm', authorized: true });
    const config = await client().vmConfig('pve1', 100);
    expect(config).toMatchObject({ ostype: 'win11', boot: 'order=scsi0;ide2;net0' });
    const agent = await client().agentInterfaces('pve1', 101);
    expect(agent.result.map((i) => i.name)).toEqual(['lo', 'ens18']);
  });

  it('reports a wrong secret as an auth error with a hint, without the secret', async () => {
    const err = await failure(client('wrong-secret-0000').clusterVms());
    expect(err).toMatchObject({ kind: 'auth', status: 401, endpoint: 'cluster_resources' });
    expect(err.message).toContain('HTTP 401 authentication failure');
    expect(err.message).toContain('--token-secret-file');
    expect(err.message).not.toContain('wrong-secret-0000');
    expect(sim.requests.at(-1)!.authorized).toBe(false);
  });

  it('reports a missing privilege as forbidden, with the privilege Proxmox names', async () => {
    sim.privileges.delete('VM.Audit');
    try {
      const err = await failure(client().vmConfig('pve1', 100));
      expect(err).toMatchObject({ kind: 'forbidden', status: 403, endpoint: 'vm_config' });
      expect(err.message).toContain('Permission check failed (/vms/100, VM.Audit)');
      expect(await client().clusterVms()).toEqual([]);
    } finally {
      sim.privileges.add('VM.Audit');
    }
  });

  it('reports the agent failure Proxmox gives', async () => {
    const err = await failure(client().agentInterfaces('pve1', 105));
    expect(err).toMatchObject({ kind: 'http', status: 500, endpoint: 'agent_interfaces' });
    expect(err.message).toContain('QEMU guest agent is not running');
  });

  it('times out on a hanging API, and reports dropped connections as network errors', async () => {
    sim.mode = 'hang';
    const slow = await failure(client(TOKEN_SECRET, 300).clusterVms());
    expect(slow.kind).toBe('timeout');
    expect(slow.message).toContain('no answer within 0.3s');
    sim.mode = 'down';
    expect((await failure(client().clusterVms())).kind).toBe('network');
    sim.mode = 'ok';
  });

  it('close() aborts requests in flight at once', async () => {
    sim.mode = 'hang';
    try {
      const c = client(TOKEN_SECRET, 10_000);
      const started = Date.now();
      const pending = failure(c.clusterVms());
      setTimeout(() => c.close(), 50);
      const err = await pending;
      expect(err.kind).toBe('network');
      expect(err.message).toContain('aborted: the client was closed');
      expect(Date.now() - started).toBeLessThan(2000);
      expect((await failure(c.clusterVms())).message).toContain('aborted');
    } finally {
      sim.mode = 'ok';
    }
  });

  it('reports a closed port as a network error', async () => {
    const closed = createProxmoxClient({ api: 'http://127.0.0.1:1', tokenId: TOKEN_ID, tokenSecret: TOKEN_SECRET, timeoutMs: 1000 });
    const err = await failure(closed.clusterVms());
    expect(err.kind).toBe('network');
    expect(err.message).toMatch(/ECONNREFUSED/);
  });

  it('observes every request with its endpoint and error kind', () => {
    expect(observed).toContainEqual({ endpoint: 'cluster_resources' });
    expect(observed).toContainEqual({ endpoint: 'cluster_resources', error: 'auth' });
    expect(observed).toContainEqual({ endpoint: 'agent_interfaces', error: 'http' });
    expect(observed).toContainEqual({ endpoint: 'cluster_resources', error: 'timeout' });
  });
});

describe('createProxmoxClient over HTTPS with --ca-file', () => {
  let dir: string;
  let sim: ProxmoxSimulator;
  let cert: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-discovery-tls-'));
    const made = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=pve.test',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { encoding: 'utf8' },
    );
    expect(made.status, made.stderr).toBe(0);
    cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    sim = await startProxmoxSimulator({
      tokenId: TOKEN_ID,
      tokenSecret: TOKEN_SECRET,
      vms: CLUSTER,
      tls: { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert },
    });
  });
  afterAll(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('trusts the API certificate through the given CA', async () => {
    const client = createProxmoxClient({ api: sim.url, tokenId: TOKEN_ID, tokenSecret: TOKEN_SECRET, ca: cert, timeoutMs: 2000 });
    expect((await client.clusterVms()).length).toBe(CLUSTER.length);
  });

  it('refuses the self-signed certificate without the CA', async () => {
    const client = createProxmoxClient({ api: sim.url, tokenId: TOKEN_ID, tokenSecret: TOKEN_SECRET, timeoutMs: 2000 });
    const err = await failure(client.clusterVms());
    expect(err.kind).toBe('network');
    expect(err.message).toMatch(/self[- ]signed|certificate/i);
  });
});
