/**
 * A Proxmox VE API simulator for tests (Proxmox itself cannot run here). It serves the documented
 * response shapes of the three calls discovery makes, wrapped in `{"data": …}`, checks the
 * `Authorization: PVEAPIToken=USER@REALM!NAME=SECRET` header (401 otherwise), fails agent calls the
 * way Proxmox does (HTTP 500 with the reason as status text), and can be switched to fail, hang or
 * drop connections. It records every request and the most requests it saw in flight at once.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { GuestInterface, QemuConfig } from './proxmox-types.js';

export interface SimulatedVm {
  vmid: number;
  name: string;
  node: string;
  /** Default `qemu`. */
  type?: 'qemu' | 'lxc';
  /** Default `running`. */
  status?: string;
  template?: boolean;
  /** Semicolon-separated as Proxmox stores them. */
  tags?: string;
  config: QemuConfig;
  /** What the guest agent reports; `not-running` (or absent) fails like a VM whose agent is not running. */
  agent?: GuestInterface[] | 'not-running';
}

/** `ok`: normal; `error`: every call answers 500; `hang`: never answers; `down`: connections are dropped. */
export type SimulatorMode = 'ok' | 'error' | 'hang' | 'down';

export interface SimulatedRequest {
  path: string;
  authorized: boolean;
}

export interface ProxmoxSimulator {
  /** `http(s)://127.0.0.1:PORT`, what `--api` takes. */
  readonly url: string;
  vms: SimulatedVm[];
  mode: SimulatorMode;
  /** Added before every answer, to make concurrency observable. */
  delayMs: number;
  /**
   * The token's privileges on /vms. PVEAuditor on Proxmox VE 9 gives both; on 8 the guest-agent
   * call needs VM.Monitor, which PVEAuditor lacks: remove `VM.GuestAgent.Audit` to act like that.
   */
  privileges: Set<'VM.Audit' | 'VM.GuestAgent.Audit'>;
  readonly requests: SimulatedRequest[];
  readonly maxInFlight: number;
  /** Requests whose path starts with `prefix` (after `/api2/json`). */
  count(prefix: string): number;
  close(): Promise<void>;
}

export interface ProxmoxSimulatorOptions {
  tokenId: string;
  tokenSecret: string;
  vms: SimulatedVm[];
  /** Serve HTTPS with this key and certificate (PEM). */
  tls?: { key: string; cert: string };
  port?: number;
}

const API = '/api2/json';
const MIB = 1024 * 1024;

export async function startProxmoxSimulator(options: ProxmoxSimulatorOptions): Promise<ProxmoxSimulator> {
  const expected = `PVEAPIToken=${options.tokenId}=${options.tokenSecret}`;
  const requests: SimulatedRequest[] = [];
  const sockets = new Set<Socket>();
  let inFlight = 0;
  let maxInFlight = 0;

  const sim = {
    vms: options.vms,
    mode: 'ok' as SimulatorMode,
    delayMs: 0,
    privileges: new Set<'VM.Audit' | 'VM.GuestAgent.Audit'>(['VM.Audit', 'VM.GuestAgent.Audit']),
    requests,
    get maxInFlight() {
      return maxInFlight;
    },
    count: (prefix: string) => requests.filter((r) => r.path.startsWith(prefix)).length,
  };

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://sim');
    const path = url.pathname.startsWith(API) ? url.pathname.slice(API.length) : url.pathname;
    const authorized = req.headers.authorization === expected;
    requests.push({ path: `${path}${url.search}`, authorized });
    if (sim.mode === 'down') {
      req.socket.destroy();
      return;
    }
    if (sim.mode === 'hang') return;
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    setTimeout(() => {
      inFlight -= 1;
      if (res.destroyed) return;
      if (!authorized) return fail(res, 401, 'authentication failure');
      if (sim.mode === 'error') return fail(res, 500, 'simulated internal error');
      route(sim.vms, sim.privileges, req.method ?? 'GET', path, url.searchParams, res);
    }, sim.delayMs);
  };

  const server: Server = options.tls ? createHttpsServer(options.tls, handler) : createHttpServer(handler);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return Object.assign(sim, {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  });
}

function ok(res: ServerResponse, data: unknown): void {
  const body = JSON.stringify({ data });
  res.writeHead(200, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** Proxmox answers errors with the reason as HTTP status text and `{"data":null}`. */
function fail(res: ServerResponse, status: number, reason: string): void {
  const body = JSON.stringify({ data: null, message: `${reason}\n` });
  res.writeHead(status, reason, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function route(
  vms: SimulatedVm[],
  privileges: ReadonlySet<string>,
  method: string,
  path: string,
  query: URLSearchParams,
  res: ServerResponse,
): void {
  if (method !== 'GET') return fail(res, 501, `Method '${method} ${path}' not implemented`);
  if (path === '/cluster/resources') {
    // Proxmox lists only the guests the token may audit.
    const type = query.get('type');
    return ok(res, (type === null || type === 'vm') && privileges.has('VM.Audit') ? vms.map(resource) : []);
  }
  const m = /^\/nodes\/([^/]+)\/qemu\/(\d+)\/(config|agent\/network-get-interfaces)$/.exec(path);
  if (!m) return fail(res, 501, `Method 'GET ${path}' not implemented`);
  const [, node, vmid, call] = m;
  const vm = vms.find((v) => v.node === decodeURIComponent(node!) && String(v.vmid) === vmid && (v.type ?? 'qemu') === 'qemu');
  if (!vm) return fail(res, 500, `Configuration file 'nodes/${node}/qemu-server/${vmid}.conf' does not exist`);
  const denied = (priv: string) => fail(res, 403, `Permission check failed (/vms/${vmid}, ${priv})`);
  if (call === 'config')
    return privileges.has('VM.Audit')
      ? ok(res, { digest: 'c0ffee', name: vm.name, ...(vm.tags ? { tags: vm.tags } : {}), ...vm.config })
      : denied('VM.Audit');
  if (!privileges.has('VM.GuestAgent.Audit')) return denied('VM.GuestAgent.Audit');
  if ((vm.status ?? 'running') !== 'running') return fail(res, 500, `VM ${vmid} is not running`);
  if (!/(?:^|,)(?:enabled=)?1(?:,|$)/.test(String(vm.config.agent ?? '0'))) return fail(res, 500, 'No QEMU guest agent configured');
  if (vm.agent === undefined || vm.agent === 'not-running') return fail(res, 500, 'QEMU guest agent is not running');
  return ok(res, { result: vm.agent });
}

/** A `/cluster/resources` item as Proxmox 8 returns it. */
function resource(vm: SimulatedVm) {
  const type = vm.type ?? 'qemu';
  const sockets = Number(vm.config.sockets ?? 1);
  const cores = Number(vm.config.cores ?? 1);
  const running = (vm.status ?? 'running') === 'running';
  return {
    id: `${type}/${vm.vmid}`,
    type,
    vmid: vm.vmid,
    name: vm.name,
    node: vm.node,
    status: vm.status ?? 'running',
    template: vm.template ? 1 : 0,
    maxcpu: sockets * cores,
    maxmem: Number(vm.config.memory ?? 512) * MIB,
    maxdisk: 34359738368,
    cpu: running ? 0.0123 : 0,
    mem: running ? 1073741824 : 0,
    disk: 0,
    diskread: 0,
    diskwrite: 0,
    netin: 0,
    netout: 0,
    uptime: running ? 86400 : 0,
    ...(vm.tags ? { tags: vm.tags } : {}),
  };
}
