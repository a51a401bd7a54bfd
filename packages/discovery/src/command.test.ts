import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverCommand, parseListen, usage } from './command.js';
import { startProxmoxSimulator, type ProxmoxSimulator } from './proxmox-simulator.js';
import { CLUSTER, TOKEN_ID, TOKEN_SECRET } from './test-fixtures/cluster.js';
import { captureIo, freePort, metric, waitFor } from './test-fixtures/helpers.js';

let dir: string;
let secretFile: string;
let sim: ProxmoxSimulator;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiln-discover-cmd-'));
  secretFile = join(dir, 'token');
  writeFileSync(secretFile, `${TOKEN_SECRET}\n`);
  chmodSync(secretFile, 0o600);
  sim = await startProxmoxSimulator({ tokenId: TOKEN_ID, tokenSecret: TOKEN_SECRET, vms: CLUSTER });
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

const base = () => ['proxmox', '--api', sim.url, '--token-id', TOKEN_ID, '--token-secret-file', secretFile, '--listen', '127.0.0.1:0'];

/** Runs the command with `args`, expecting it to exit by itself. */
async function exitCode(args: string[]) {
  const cap = captureIo();
  const code = await discoverCommand(args, cap.io, { signal: AbortSignal.timeout(5000) });
  return { code, ...cap };
}

describe('--help', () => {
  it('prints usage generated from the flags', async () => {
    for (const flag of ['--help', '-h']) {
      const { code, out } = await exitCode(['proxmox', flag]);
      expect(code).toBe(0);
      expect(out.join('\n')).toBe(usage());
    }
    const text = usage();
    for (const flag of [
      '--api URL',
      '--token-id USER@REALM!NAME',
      '--token-secret-file FILE',
      '--ca-file FILE',
      '--listen HOST:PORT',
      '--refresh DURATION',
      '--port JOB=PORT',
    ]) {
      expect(text).toContain(flag);
    }
    expect(text).toContain('default 60s');
    expect(text).toContain('node=9100, windows=9182');
  });
});

describe('usage errors exit 2 with a message naming the flag', () => {
  const cases: [string, (args: string[]) => string[], RegExp][] = [
    ['unknown flag', (a) => [...a, '--verbose'], /Unknown option '--verbose'/],
    ['missing --api', (a) => a.filter((_, i) => i !== 1 && i !== 2), /--api URL is required/],
    ['missing source', (a) => a.slice(1), /missing the source/],
    ['unknown source', (a) => ['vmware', ...a.slice(1)], /unknown source `vmware`/],
    ['bad --api', (a) => a.map((x) => (x === sim.url ? 'pve:8006' : x)), /--api `pve:8006`/],
    ['bad --token-id', (a) => a.map((x) => (x === TOKEN_ID ? 'kiln@pve' : x)), /--token-id `kiln@pve` is not USER@REALM!NAME/],
    [
      '--token-id with the secret in it (not echoed)',
      (a) => a.map((x) => (x === TOKEN_ID ? `${TOKEN_ID}=${TOKEN_SECRET}` : x)),
      /^(?!.*5f0e2a9c).*--token-id must be USER@REALM!NAME without the secret/,
    ],
    ['bad --listen', (a) => a.map((x) => (x === '127.0.0.1:0' ? 'localhost' : x)), /--listen `localhost` is not HOST:PORT/],
    ['--listen port out of range', (a) => a.map((x) => (x === '127.0.0.1:0' ? '127.0.0.1:70000' : x)), /--listen `127.0.0.1:70000`/],
    ['bad --refresh', (a) => [...a, '--refresh', '60'], /--refresh `60` is not a positive Prometheus duration/],
    ['zero --refresh', (a) => [...a, '--refresh', '0s'], /--refresh `0s`/],
    ['bad --port', (a) => [...a, '--port', 'node:9100'], /--port `node:9100` is not JOB=PORT/],
    ['unknown job in --port', (a) => [...a, '--port', 'linux=9100'], /--port `linux=9100`: unknown job `linux`; jobs: node, windows/],
    ['bad --concurrency', (a) => [...a, '--concurrency', '0'], /--concurrency `0`/],
  ];
  it.each(cases)('%s', async (_, edit, message) => {
    const { code, err, out } = await exitCode(edit(base()));
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err[0]).toMatch(/^kiln discover: /);
    expect(err[0]).toMatch(message);
    expect(err.join('\n')).not.toMatch(/\n\s+at /);
  });
});

describe('files and the listen address: exit 1 with a clear message', () => {
  it('a missing token secret file', async () => {
    const { code, err } = await exitCode(base().map((x) => (x === secretFile ? join(dir, 'nope') : x)));
    expect(code).toBe(1);
    expect(err).toEqual([`kiln discover: --token-secret-file ${join(dir, 'nope')}: cannot read it (ENOENT)`]);
  });

  it('an empty token secret file', async () => {
    const empty = join(dir, 'empty');
    writeFileSync(empty, '\n');
    const { code, err } = await exitCode(base().map((x) => (x === secretFile ? empty : x)));
    expect(code).toBe(1);
    expect(err[0]).toContain('is empty');
  });

  it('a CA file that is not a certificate', async () => {
    const bad = join(dir, 'ca.pem');
    writeFileSync(bad, 'hello\n');
    const r1 = await exitCode([...base(), '--ca-file', bad]);
    expect(r1.code).toBe(1);
    expect(r1.err).toEqual([`kiln discover: --ca-file ${bad} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`]);
    writeFileSync(bad, '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n');
    const r2 = await exitCode([...base(), '--ca-file', bad]);
    expect(r2.code).toBe(1);
    expect(r2.err[0]).toContain('certificate 1 cannot be parsed');
    const r3 = await exitCode([...base(), '--ca-file', join(dir, 'missing.pem')]);
    expect(r3.err[0]).toContain('cannot read it (ENOENT)');
  });

  it('an address already in use', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const { port } = blocker.address() as { port: number };
    try {
      const { code, err } = await exitCode(base().map((x) => (x === '127.0.0.1:0' ? `127.0.0.1:${port}` : x)));
      expect(code).toBe(1);
      expect(err.at(-1)).toBe(`kiln discover: --listen 127.0.0.1:${port}: cannot listen (EADDRINUSE)`);
    } finally {
      blocker.close();
    }
  });

  it('parses host:port forms', () => {
    expect(parseListen('127.0.0.1:8000')).toEqual({ host: '127.0.0.1', port: 8000 });
    expect(parseListen(':8000')).toEqual({ host: '0.0.0.0', port: 8000 });
    expect(parseListen('[::1]:8000')).toEqual({ host: '::1', port: 8000 });
    expect(parseListen('discovery.lan:8000')).toEqual({ host: 'discovery.lan', port: 8000 });
  });
});

describe('running', () => {
  it('serves until SIGTERM, then returns 0; the token is in no log line', async () => {
    const port = await freePort();
    const cap = captureIo();
    const args = base().map((x) => (x === '127.0.0.1:0' ? `127.0.0.1:${port}` : x));
    const done = discoverCommand([...args, '--refresh', '1m', '--port', 'node=19100'], cap.io);
    const groups = await waitFor('targets', async () => {
      const g = (await (await fetch(`http://127.0.0.1:${port}/targets/node`)).json()) as { targets: string[] }[];
      return g.length ? g : undefined;
    });
    expect(groups[0]!.targets).toEqual(['10.0.20.21:19100']);
    process.emit('SIGTERM');
    expect(await done).toBe(0);
    expect(cap.all()).toMatch(/level=info msg="serving Prometheus HTTP SD" address=127.0.0.1:\d+/);
    expect(cap.all()).toMatch(/msg=stopping signal=SIGTERM/);
    expect(cap.all()).toContain('level=warn msg="the API URL is http://: the token travels unencrypted"');
    expect(cap.all()).not.toContain(TOKEN_SECRET);
  });

  it('starts with the API unreachable, serves empty answers and metrics, and never logs the token', async () => {
    const port = await freePort();
    const deadPort = await freePort();
    const cap = captureIo();
    const stop = new AbortController();
    const done = discoverCommand(
      [
        'proxmox',
        '--api',
        `http://127.0.0.1:${deadPort}`,
        '--token-id',
        TOKEN_ID,
        '--token-secret-file',
        secretFile,
        '--listen',
        `127.0.0.1:${port}`,
      ],
      cap.io,
      { signal: stop.signal },
    );
    const text = await waitFor('a failed refresh in /metrics', async () => {
      const t = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      return metric(t, 'kiln_discovery_refreshes_total', { result: 'failure' }) ? t : undefined;
    });
    expect(metric(text, 'kiln_discovery_api_errors_total', { endpoint: 'cluster_resources', kind: 'network' })).toBe(1);
    const res = await fetch(`http://127.0.0.1:${port}/targets/windows`);
    expect([res.status, await res.text()]).toEqual([200, '[]\n']);
    stop.abort();
    expect(await done).toBe(0);
    expect(cap.all()).toMatch(
      /level=warn msg="refresh from the Proxmox API failed; serving the last good targets" err="GET \/cluster\/resources\?type=vm: connect ECONNREFUSED/,
    );
    expect(cap.all()).not.toContain(TOKEN_SECRET);
  });

  it('stops at once while the API hangs, without reporting the aborted refresh', async () => {
    sim.mode = 'hang';
    const stop = new AbortController();
    const cap = captureIo();
    try {
      const before = sim.count('/cluster/resources');
      const done = discoverCommand([...base(), '--timeout', '30s'], cap.io, { signal: stop.signal });
      await waitFor('the first API request', () => (sim.count('/cluster/resources') > before ? true : undefined));
      const started = Date.now();
      stop.abort();
      expect(await done).toBe(0);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(cap.all()).not.toContain('refresh from the Proxmox API failed');
    } finally {
      sim.mode = 'ok';
    }
  });

  it('warns about a token file others can read', async () => {
    const loose = join(dir, 'loose');
    writeFileSync(loose, TOKEN_SECRET);
    chmodSync(loose, 0o644);
    const stop = new AbortController();
    const cap = captureIo();
    const done = discoverCommand(
      base().map((x) => (x === secretFile ? loose : x)),
      cap.io,
      { signal: stop.signal },
    );
    await waitFor('start-up', () => (cap.all().includes('serving Prometheus HTTP SD') ? true : undefined));
    stop.abort();
    expect(await done).toBe(0);
    expect(cap.all()).toContain('readable by group or others; chmod 600 it');
  });
});

describe('HTTPS with --ca-file', () => {
  it('trusts the Proxmox CA given and serves the targets', async () => {
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
        join(dir, 'pve.key'),
        '-out',
        join(dir, 'pve-root-ca.pem'),
      ],
      { encoding: 'utf8' },
    );
    expect(made.status, made.stderr).toBe(0);
    const tls = await startProxmoxSimulator({
      tokenId: TOKEN_ID,
      tokenSecret: TOKEN_SECRET,
      vms: CLUSTER,
      tls: { key: readFileSync(join(dir, 'pve.key'), 'utf8'), cert: readFileSync(join(dir, 'pve-root-ca.pem'), 'utf8') },
    });
    const port = await freePort();
    const stop = new AbortController();
    const cap = captureIo();
    try {
      const done = discoverCommand(
        [
          'proxmox',
          '--api',
          tls.url,
          '--token-id',
          TOKEN_ID,
          '--token-secret-file',
          secretFile,
          '--ca-file',
          join(dir, 'pve-root-ca.pem'),
          '--listen',
          `127.0.0.1:${port}`,
        ],
        cap.io,
        { signal: stop.signal },
      );
      const groups = await waitFor('targets over HTTPS', async () => {
        const g = (await (await fetch(`http://127.0.0.1:${port}/targets/windows`)).json()) as { targets: string[] }[];
        return g.length ? g : undefined;
      });
      expect(groups.map((g) => g.targets[0])).toEqual(['10.0.20.11:9182', '10.0.20.31:9182']);
      stop.abort();
      expect(await done).toBe(0);
      expect(cap.all()).not.toContain('unencrypted');
    } finally {
      stop.abort();
      await tls.close();
    }
  });
});

describe('bin', () => {
  it('is the same command (built output)', () => {
    const bin = join(import.meta.dirname, '../dist/bin.js');
    const r = spawnSync(process.execPath, [bin, 'proxmox', '--listen'], { encoding: 'utf8' });
    expect(r.status, `${r.stderr}\n(build the package first: npx nx run @kiln/discovery:build)`).toBe(2);
    expect(r.stderr).toMatch(/^kiln discover: .*--listen/);
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
  });
});
