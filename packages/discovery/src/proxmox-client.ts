/**
 * A read-only Proxmox VE API client with API-token authentication, a per-request timeout and an
 * optional CA bundle. It never puts the token in an error message.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AgentNetworkInterfaces, ClusterVmResource, QemuConfig } from './proxmox-types.js';

/** Which API call a request was: a metric label and part of error messages. */
export type Endpoint = 'cluster_resources' | 'vm_config' | 'agent_interfaces';

/**
 * `auth`: 401, the token was refused; `forbidden`: 403, the token lacks a privilege on that object
 * (Proxmox names it: "Permission check failed (/vms/100, VM.GuestAgent.Audit)"); `http`: other
 * non-2xx; `network`: no answer (refused, reset, TLS); `timeout`; `invalid_response`: not
 * `{"data": …}` JSON.
 */
export type ProxmoxErrorKind = 'auth' | 'forbidden' | 'http' | 'network' | 'timeout' | 'invalid_response';

export class ProxmoxError extends Error {
  constructor(
    readonly endpoint: Endpoint,
    readonly kind: ProxmoxErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ProxmoxError';
  }
}

export interface ProxmoxClientOptions {
  /** `https://pve.example:8006`; `/api2/json` is appended unless the URL already ends with it. */
  api: string;
  /** `USER@REALM!TOKENID`. */
  tokenId: string;
  tokenSecret: string;
  /** PEM CA certificate(s) to trust instead of the system store (Proxmox: `/etc/pve/pve-root-ca.pem`). */
  ca?: string;
  timeoutMs: number;
  /** Called once per request with its duration; `error` is set when it failed. */
  observe?(endpoint: Endpoint, seconds: number, error?: ProxmoxError): void;
}

export interface ProxmoxClient {
  readonly apiBase: string;
  clusterVms(): Promise<ClusterVmResource[]>;
  vmConfig(node: string, vmid: number): Promise<QemuConfig>;
  agentInterfaces(node: string, vmid: number): Promise<AgentNetworkInterfaces>;
  /** Aborts the requests in flight (they fail as `network` errors) and every later one: for shutting down. */
  close(): void;
}

/** A token id as Proxmox accepts it (pve-access-control's `$token_full_regex`): `user@realm!tokenname`. */
export const TOKEN_ID = /^[^\s:/]+@[A-Za-z][A-Za-z0-9._-]+![A-Za-z][A-Za-z0-9._-]+$/;

export function apiBase(api: string): string {
  const trimmed = api.replace(/\/+$/, '');
  return trimmed.endsWith('/api2/json') ? trimmed : `${trimmed}/api2/json`;
}

export function createProxmoxClient(options: ProxmoxClientOptions): ProxmoxClient {
  const base = apiBase(options.api);
  const authorization = `PVEAPIToken=${options.tokenId}=${options.tokenSecret}`;
  const closed = new AbortController();

  async function get<T>(endpoint: Endpoint, path: string): Promise<T> {
    const started = performance.now();
    try {
      const data = await getData(new URL(base + path), endpoint, authorization, options, closed.signal);
      options.observe?.(endpoint, (performance.now() - started) / 1000);
      return data as T;
    } catch (err) {
      const error = err instanceof ProxmoxError ? err : new ProxmoxError(endpoint, 'network', `GET ${path}: ${String(err)}`);
      options.observe?.(endpoint, (performance.now() - started) / 1000, error);
      throw error;
    }
  }

  const vmPath = (node: string, vmid: number) => `/nodes/${encodeURIComponent(node)}/qemu/${encodeURIComponent(String(vmid))}`;
  return {
    apiBase: base,
    clusterVms: async () => {
      const data = await get<unknown>('cluster_resources', '/cluster/resources?type=vm');
      if (!Array.isArray(data))
        throw new ProxmoxError('cluster_resources', 'invalid_response', 'GET /cluster/resources: `data` is not a list');
      return data as ClusterVmResource[];
    },
    vmConfig: (node, vmid) => get<QemuConfig>('vm_config', `${vmPath(node, vmid)}/config`),
    agentInterfaces: (node, vmid) => get<AgentNetworkInterfaces>('agent_interfaces', `${vmPath(node, vmid)}/agent/network-get-interfaces`),
    close: () => closed.abort(),
  };
}

const MAX_BODY_BYTES = 32 * 1024 * 1024;

function getData(
  url: URL,
  endpoint: Endpoint,
  authorization: string,
  options: ProxmoxClientOptions,
  closed: AbortSignal,
): Promise<unknown> {
  const where = `GET ${url.pathname.replace(/^\/api2\/json/, '')}${url.search}`;
  const fail = (kind: ProxmoxErrorKind, message: string, status?: number) =>
    new ProxmoxError(endpoint, kind, `${where}: ${message}`, status);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const classify = (err: unknown): ProxmoxError => {
    if (err instanceof ProxmoxError) return err;
    if (closed.aborted) return fail('network', 'aborted: the client was closed');
    if (timeout.aborted) return fail('timeout', `no answer within ${options.timeoutMs / 1000}s`);
    const e = err as NodeJS.ErrnoException;
    return fail('network', e.code && !e.message.includes(e.code) ? `${e.code}: ${e.message}` : e.message);
  };
  return new Promise((resolve, reject) => {
    if (closed.aborted) return reject(classify(new Error('closed')));
    const req = request(
      url,
      {
        method: 'GET',
        headers: { Authorization: authorization, Accept: 'application/json' },
        ...(url.protocol === 'https:' && options.ca !== undefined ? { ca: options.ca } : {}),
        signal: AbortSignal.any([timeout, closed]),
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_BODY_BYTES) req.destroy(fail('invalid_response', `response larger than ${MAX_BODY_BYTES} bytes`));
          else chunks.push(c);
        });
        res.on('error', (err) => reject(classify(err)));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const reason = (res.statusMessage ?? '').trim();
          const body = Buffer.concat(chunks).toString('utf8');
          if (status === 401) {
            return reject(fail('auth', `HTTP 401 ${reason} (check --token-id and the secret in --token-secret-file)`, status));
          }
          if (status === 403) {
            return reject(
              fail('forbidden', `HTTP 403 ${proxmoxMessage(body) ?? reason} (grant the token PVEAuditor on /vms; see the README)`, status),
            );
          }
          if (status < 200 || status >= 300) return reject(fail('http', `HTTP ${status} ${proxmoxMessage(body) ?? reason}`.trim(), status));
          let parsed: unknown;
          try {
            parsed = JSON.parse(body);
          } catch {
            return reject(fail('invalid_response', 'response is not JSON'));
          }
          if (typeof parsed !== 'object' || parsed === null || !('data' in parsed))
            return reject(fail('invalid_response', 'response has no `data`'));
          resolve(parsed.data);
        });
      },
    );
    req.on('error', (err) => reject(classify(err)));
    req.end();
  });
}

/** Proxmox puts the reason of a failed call in the status line and sometimes in `message`. */
function proxmoxMessage(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    return typeof parsed.message === 'string' ? parsed.message.trim() : undefined;
  } catch {
    return undefined;
  }
}
