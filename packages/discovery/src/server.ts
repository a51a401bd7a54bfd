/**
 * The HTTP side: `GET /targets/<job>` in Prometheus HTTP SD format (always 200 with a JSON list,
 * possibly empty), `/metrics`, `/healthz`. Answers come from the Refresher's cache only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDiscoveryMetrics, type DiscoveryMetrics } from './discovery-metrics.js';
import { JOB_NAMES, JOBS, type Job } from './labels.js';
import { createLogger, type Logger } from './log.js';
import { METRICS_CONTENT_TYPE } from './metrics.js';
import type { ProxmoxClient } from './proxmox-client.js';
import { Refresher } from './refresher.js';

export interface DiscoveryServerOptions {
  client: ProxmoxClient;
  refreshMs: number;
  /** Wait after a failed refresh, at most `refreshMs`; default 10 s. */
  retryMs?: number;
  /** Exporter port per job; defaults: node 9100, windows 9182. */
  ports?: Partial<Record<Job, number>>;
  concurrency?: number;
  includeLoopback?: boolean;
  /** Pass the same metrics given to `createProxmoxClient({ observe })` to see API request metrics. */
  metrics?: DiscoveryMetrics;
  log?: Logger;
}

export interface DiscoveryServer {
  readonly metrics: DiscoveryMetrics;
  readonly refresher: Refresher;
  /** Starts refreshing and listening; resolves with the bound address (port 0 picks a free one). */
  listen(host: string, port: number): Promise<AddressInfo>;
  /** Stops serving and refreshing; waits for a refresh in flight, which the client's `close()` aborts. */
  close(): Promise<void>;
}

export const DEFAULT_CONCURRENCY = 4;

export function defaultPorts(): Record<Job, number> {
  return Object.fromEntries(JOB_NAMES.map((job) => [job, JOBS[job].defaultPort])) as Record<Job, number>;
}

export function createDiscoveryServer(options: DiscoveryServerOptions): DiscoveryServer {
  const metrics = options.metrics ?? createDiscoveryMetrics();
  const log = options.log ?? createLogger(() => {});
  const refresher = new Refresher({
    client: options.client,
    refreshMs: options.refreshMs,
    ...(options.retryMs !== undefined ? { retryMs: options.retryMs } : {}),
    ports: { ...defaultPorts(), ...options.ports },
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
    includeLoopback: options.includeLoopback ?? false,
    metrics,
    log,
  });

  const server: Server = createServer((req, res) => {
    const started = performance.now();
    const handler = handle(req, res, refresher, metrics);
    res.on('finish', () => {
      metrics.httpRequests.inc({ handler, code: String(res.statusCode) });
      metrics.httpDuration.observe((performance.now() - started) / 1000, { handler });
    });
  });

  return {
    metrics,
    refresher,
    listen(host, port) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          refresher.start();
          const address = server.address() as AddressInfo;
          log('info', 'serving Prometheus HTTP SD', {
            address: `${host}:${address.port}`,
            api: options.client.apiBase,
            refresh: `${options.refreshMs / 1000}s`,
          });
          resolve(address);
        });
      });
    },
    async close() {
      const stopped = refresher.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await stopped;
    },
  };
}

function send(res: ServerResponse, status: number, contentType: string, body: string, head: boolean): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  res.end(head ? undefined : body);
}

const json = (value: unknown) => `${JSON.stringify(value)}\n`;

/** Serves one request; returns the handler name used as a metric label (never the raw path). */
function handle(req: IncomingMessage, res: ServerResponse, refresher: Refresher, metrics: DiscoveryMetrics): string {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const target = /^\/targets\/([^/]+)$/.exec(path)?.[1];
  const handler =
    target !== undefined
      ? JOB_NAMES.includes(target as Job)
        ? `/targets/${target}`
        : '/targets/other'
      : ['/metrics', '/healthz', '/'].includes(path)
        ? path
        : 'other';
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    send(res, 405, 'text/plain; charset=utf-8', 'method not allowed: use GET\n', false);
    return handler;
  }
  const head = req.method === 'HEAD';
  const state = refresher.current;

  if (target !== undefined) {
    if (!JOB_NAMES.includes(target as Job)) {
      send(res, 404, 'application/json', json({ error: `unknown job \`${target}\`; jobs: ${JOB_NAMES.join(', ')}` }), head);
    } else {
      send(res, 200, 'application/json', json(state.discovery.groups[target as Job]), head);
    }
  } else if (path === '/metrics') {
    send(res, 200, METRICS_CONTENT_TYPE, metrics.registry.render(), head);
  } else if (path === '/healthz') {
    // Liveness: the service is up and serving its cache even while Proxmox is unreachable.
    send(
      res,
      200,
      'application/json',
      json({
        status: 'ok',
        stale: state.lastError !== undefined,
        last_success: state.lastSuccess ? new Date(state.lastSuccess).toISOString() : null,
        ...(state.lastError !== undefined ? { last_error: state.lastError } : {}),
      }),
      head,
    );
  } else if (path === '/') {
    send(
      res,
      200,
      'text/plain; charset=utf-8',
      `Kiln Proxmox discovery\n${JOB_NAMES.map((j) => `/targets/${j}`).join('\n')}\n/metrics\n/healthz\n`,
      head,
    );
  } else {
    send(res, 404, 'text/plain; charset=utf-8', 'not found\n', head);
  }
  return handler;
}
