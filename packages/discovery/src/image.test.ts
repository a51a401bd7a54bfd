/**
 * The container image's contents, without Docker (no daemon on the test machines): the Dockerfile's
 * COPY lines are carried out into an empty folder outside the repository — where no node_modules
 * above can stand in for a file the image lacks — and the service is started from there with the
 * image's ENTRYPOINT. It must serve the simulator's VMs, so a module the Dockerfile forgets to copy
 * (or a new runtime dependency) fails here rather than in someone's `docker compose up`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startProxmoxSimulator } from './proxmox-simulator.js';
import { TOKEN_ID, TOKEN_SECRET } from './test-fixtures/cluster.js';
import { freePort, waitFor } from './test-fixtures/helpers.js';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(packageDir, '../..');

interface Image {
  workdir: string;
  copies: { sources: string[]; dest: string }[];
  entrypoint: string[];
}

function readDockerfile(text: string): Image {
  let workdir = '/';
  const copies: Image['copies'] = [];
  let entrypoint: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [instruction, ...rest] = line.split(/\s+/);
    if (instruction === 'WORKDIR') workdir = rest[0]!;
    if (instruction === 'COPY') {
      const dest = rest.at(-1)!;
      copies.push({ sources: rest.slice(0, -1), dest: dest.startsWith('/') ? dest : join(workdir, dest) });
    }
    if (instruction === 'ENTRYPOINT') entrypoint = JSON.parse(line.slice('ENTRYPOINT'.length)) as string[];
  }
  return { workdir, copies, entrypoint };
}

/** COPY as Docker does it: a directory source copies its contents; several sources need a folder destination. */
function assemble(image: Image, root: string): void {
  for (const { sources, dest } of image.copies) {
    for (const source of sources) {
      const from = join(repoRoot, source);
      const isDir = statSync(from).isDirectory();
      const to = join(root, dest.endsWith('/') && !isDir ? join(dest, source.split('/').at(-1)!) : dest);
      mkdirSync(isDir ? to : dirname(to), { recursive: true });
      cpSync(from, to, { recursive: true, filter: (p) => !p.endsWith('.map') && !p.endsWith('.test.js') });
    }
  }
}

describe('the discovery container image (packages/discovery/Dockerfile)', () => {
  const root = mkdtempSync(join(tmpdir(), 'kiln-discovery-image-'));
  let proc: ChildProcess | undefined;
  afterAll(() => {
    proc?.kill('SIGTERM');
    rmSync(root, { recursive: true, force: true });
  });

  it('runs from the files its COPY lines put in the image and serves discovered VMs', async () => {
    const image = readDockerfile(readFileSync(join(packageDir, 'Dockerfile'), 'utf8'));
    expect(image.entrypoint[0]).toBe('node');
    assemble(image, root);

    const sim = await startProxmoxSimulator({
      tokenId: TOKEN_ID,
      tokenSecret: TOKEN_SECRET,
      vms: [
        {
          vmid: 300,
          name: 'image-guest',
          node: 'pve1',
          config: {
            ostype: 'l26',
            sockets: 1,
            cores: 2,
            memory: '2048',
            agent: '1',
            boot: 'order=scsi0',
            scsi0: 'local-lvm:vm-300,size=8G',
          },
          agent: [{ name: 'ens18', 'ip-addresses': [{ 'ip-address': '10.0.20.30', 'ip-address-type': 'ipv4', prefix: 24 }] }],
        },
      ],
    });
    try {
      const token = join(root, 'token');
      writeFileSync(token, `${TOKEN_SECRET}\n`, { mode: 0o600 });
      const port = await freePort();
      const log: string[] = [];
      const [cmd, ...args] = image.entrypoint;
      proc = spawn(
        cmd === 'node' ? process.execPath : cmd!,
        [...args, 'proxmox', '--api', sim.url, '--token-id', TOKEN_ID, '--token-secret-file', token, '--listen', `127.0.0.1:${port}`],
        { cwd: join(root, image.workdir), env: { PATH: process.env['PATH'] ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      proc.stdout!.on('data', (d: Buffer) => log.push(d.toString()));
      proc.stderr!.on('data', (d: Buffer) => log.push(d.toString()));
      const exited = new Promise<number | null>((r) => proc!.once('exit', r));

      const targets = await Promise.race([
        waitFor('the service started from the image folder to serve /targets/node', async () => {
          const res = await fetch(`http://127.0.0.1:${port}/targets/node`);
          if (!res.ok) return undefined;
          const body = (await res.json()) as { targets: string[]; labels: Record<string, string> }[];
          return body.length > 0 ? body : undefined;
        }),
        exited.then((code) => {
          throw new Error(`the service exited with ${code}:\n${log.join('')}`);
        }),
      ]);
      expect(targets).toEqual([expect.objectContaining({ targets: ['10.0.20.30:9100'] })]);
      expect(targets[0]!.labels).toMatchObject({ vm_id: '300', vm_name: 'image-guest', node: 'pve1' });
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    } finally {
      await sim.close();
    }
  });
});
