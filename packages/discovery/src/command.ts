/**
 * `kiln discover proxmox …`: parse and check the flags, read the token and CA files, then serve
 * until SIGINT/SIGTERM (or `signal` aborts). Exit codes: 0 after a clean stop, 1 when a file cannot
 * be used or the address cannot be bound, 2 for usage errors. Errors are one line naming the flag.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
// The duration parser alone (no PromQL parser): the container image carries only this file of @kiln/promql.
import { durationSeconds } from '@kiln/promql/duration';
import { createDiscoveryMetrics } from './discovery-metrics.js';
import { JOB_NAMES, type Job } from './labels.js';
import { createLogger } from './log.js';
import { TOKEN_ID, createProxmoxClient } from './proxmox-client.js';
import { DEFAULT_CONCURRENCY, createDiscoveryServer, defaultPorts } from './server.js';

export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

interface Flag {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  value?: string;
  default?: string;
  required?: boolean;
  description: string;
}

/** The flags, in the order usage lists them: the single source of parsing and of `--help`. */
export const FLAGS = {
  api: { type: 'string', value: 'URL', required: true, description: 'Proxmox VE API, e.g. https://pve.example:8006 (/api2/json is added)' },
  'token-id': {
    type: 'string',
    value: 'USER@REALM!NAME',
    required: true,
    description: 'API token id; read-only: the PVEAuditor role on /vms (see the README)',
  },
  'token-secret-file': { type: 'string', value: 'FILE', required: true, description: 'file holding the token secret (UUID); never logged' },
  'ca-file': { type: 'string', value: 'FILE', description: 'PEM CA to verify the API certificate (Proxmox: /etc/pve/pve-root-ca.pem)' },
  listen: { type: 'string', value: 'HOST:PORT', required: true, description: 'address to serve /targets/<job>, /metrics and /healthz on' },
  refresh: { type: 'string', value: 'DURATION', default: '60s', description: 'how long answers are cached between API reads' },
  port: {
    type: 'string',
    multiple: true,
    value: 'JOB=PORT',
    description: `exporter port of a job (repeatable); defaults ${Object.entries(defaultPorts())
      .map(([j, p]) => `${j}=${p}`)
      .join(', ')}`,
  },
  timeout: { type: 'string', value: 'DURATION', default: '10s', description: 'timeout of one API request' },
  concurrency: { type: 'string', value: 'N', default: String(DEFAULT_CONCURRENCY), description: 'most API requests in flight at once' },
  'include-loopback': { type: 'boolean', description: 'keep 127.0.0.0/8 guest addresses (only for a stack on one machine, e.g. tests)' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
} as const satisfies Record<string, Flag>;

export function usage(): string {
  const rows = Object.entries(FLAGS as Record<string, Flag>).map(([name, f]) => {
    const left = `${f.short ? `-${f.short}, ` : '    '}--${name}${f.value ? ` ${f.value}` : ''}`;
    const notes = [f.required ? 'required' : '', f.default !== undefined ? `default ${f.default}` : ''].filter(Boolean).join(', ');
    return [left, `${f.description}${notes ? ` (${notes})` : ''}`] as const;
  });
  const width = Math.max(...rows.map(([l]) => l.length)) + 2;
  return [
    'Usage: kiln discover proxmox --api URL --token-id USER@REALM!NAME --token-secret-file FILE --listen HOST:PORT [options]',
    '',
    'Serves Prometheus HTTP service discovery for the running VMs of a Proxmox VE cluster:',
    `  ${JOB_NAMES.map((j) => `/targets/${j}`).join(', ')}, /metrics, /healthz`,
    '',
    'Options:',
    ...rows.map(([l, r]) => `  ${l.padEnd(width)}${r}`),
  ].join('\n');
}

class UsageError extends Error {}
class SetupError extends Error {}

export interface CommandOptions {
  /** Stops the server like SIGTERM does (tests). */
  signal?: AbortSignal;
}

export async function discoverCommand(argv: string[], io: CommandIo, options: CommandOptions = {}): Promise<number> {
  let config: Config | 'help';
  try {
    config = parseConfig(argv);
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`kiln discover: ${(err as Error).message}`);
      io.err('Run `kiln discover proxmox --help` for usage.');
      return 2;
    }
    throw err;
  }
  if (config === 'help') {
    io.out(usage());
    return 0;
  }
  return serve(config, io, options);
}

interface Config {
  api: URL;
  tokenId: string;
  tokenSecretFile: string;
  caFile?: string;
  host: string;
  port: number;
  refreshMs: number;
  timeoutMs: number;
  concurrency: number;
  ports: Record<Job, number>;
  includeLoopback: boolean;
}

function parseConfig(argv: string[]): Config | 'help' {
  const { values, positionals } = parseArgs({ args: argv, options: FLAGS, allowPositionals: true, strict: true });
  if (values.help) return 'help';
  const [source, ...extra] = positionals;
  if (source !== 'proxmox')
    throw new UsageError(
      source === undefined
        ? 'missing the source: `kiln discover proxmox …`'
        : `unknown source \`${source}\`; the only source is \`proxmox\``,
    );
  if (extra.length) throw new UsageError(`unexpected argument \`${extra[0]}\``);
  for (const [name, flag] of Object.entries(FLAGS as Record<string, Flag>)) {
    if (flag.required && values[name as keyof typeof values] === undefined) throw new UsageError(`--${name} ${flag.value} is required`);
  }
  const api = parseApi(values.api!);
  const tokenId = values['token-id']!;
  if (tokenId.includes('='))
    throw new UsageError('--token-id must be USER@REALM!NAME without the secret; put the secret in --token-secret-file');
  if (!TOKEN_ID.test(tokenId)) throw new UsageError(`--token-id \`${tokenId}\` is not USER@REALM!NAME (e.g. kiln@pve!discovery)`);
  return {
    api,
    tokenId,
    tokenSecretFile: values['token-secret-file']!,
    ...(values['ca-file'] !== undefined ? { caFile: values['ca-file'] } : {}),
    ...parseListen(values.listen!),
    refreshMs: parseDurationMs('refresh', values.refresh ?? FLAGS.refresh.default),
    timeoutMs: parseDurationMs('timeout', values.timeout ?? FLAGS.timeout.default),
    concurrency: parsePositiveInt('concurrency', values.concurrency ?? FLAGS.concurrency.default),
    ports: parsePorts(values.port ?? []),
    includeLoopback: values['include-loopback'] ?? false,
  };
}

function parseApi(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--api \`${text}\` is not a URL (e.g. https://pve.example:8006)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`--api \`${text}\` must be an https:// (or http://) URL`);
  if (url.username || url.password || url.search)
    throw new UsageError(`--api \`${text}\` must not carry credentials or a query; use --token-id and --token-secret-file`);
  return url;
}

export function parseListen(text: string): { host: string; port: number } {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\s[\]]*)):(\d{1,5})$/.exec(text);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535) throw new UsageError(`--listen \`${text}\` is not HOST:PORT (e.g. 127.0.0.1:8000, 0.0.0.0:8000, [::1]:8000)`);
  return { host: m[1] ?? (m[2] || '0.0.0.0'), port };
}

function parseDurationMs(flag: string, text: string): number {
  const seconds = durationSeconds(text);
  if (seconds === undefined || seconds <= 0)
    throw new UsageError(`--${flag} \`${text}\` is not a positive Prometheus duration (e.g. 500ms, 30s, 5m)`);
  return seconds * 1000;
}

function parsePositiveInt(flag: string, text: string): number {
  if (!/^[1-9]\d*$/.test(text)) throw new UsageError(`--${flag} \`${text}\` is not a positive integer`);
  return Number(text);
}

function parsePorts(specs: string[]): Record<Job, number> {
  const ports = defaultPorts();
  for (const spec of specs) {
    const m = /^([a-z]+)=(\d{1,5})$/.exec(spec);
    const port = m ? Number(m[2]) : NaN;
    if (!m || port < 1 || port > 65535) throw new UsageError(`--port \`${spec}\` is not JOB=PORT (e.g. node=9100)`);
    if (!JOB_NAMES.includes(m[1] as Job))
      throw new UsageError(`--port \`${spec}\`: unknown job \`${m[1]}\`; jobs: ${JOB_NAMES.join(', ')}`);
    ports[m[1] as Job] = port;
  }
  return ports;
}

function readSecret(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new SetupError(`--token-secret-file ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const secret = text.trim();
  if (!secret) throw new SetupError(`--token-secret-file ${file} is empty; put the token secret (a UUID) in it`);
  if (/\s/.test(secret)) throw new SetupError(`--token-secret-file ${file} must hold only the secret, on one line`);
  return secret;
}

function readCa(file: string): string {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (err) {
    throw new SetupError(`--ca-file ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (!blocks.length) throw new SetupError(`--ca-file ${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  for (const [i, block] of blocks.entries()) {
    try {
      new X509Certificate(block);
    } catch (err) {
      throw new SetupError(`--ca-file ${file}: certificate ${i + 1} cannot be parsed (${(err as Error).message})`);
    }
  }
  return pem;
}

async function serve(config: Config, io: CommandIo, options: CommandOptions): Promise<number> {
  let secret: string;
  let ca: string | undefined;
  try {
    secret = readSecret(config.tokenSecretFile);
    ca = config.caFile !== undefined ? readCa(config.caFile) : undefined;
  } catch (err) {
    if (!(err instanceof SetupError)) throw err;
    io.err(`kiln discover: ${err.message}`);
    return 1;
  }
  const log = createLogger(io.err, [secret]);
  if ((statSync(config.tokenSecretFile).mode & 0o077) !== 0) {
    log('warn', 'the token secret file is readable by group or others; chmod 600 it', { file: config.tokenSecretFile });
  }
  if (config.api.protocol === 'http:') log('warn', 'the API URL is http://: the token travels unencrypted', { api: config.api.origin });

  const metrics = createDiscoveryMetrics();
  const client = createProxmoxClient({
    api: config.api.href,
    tokenId: config.tokenId,
    tokenSecret: secret,
    ...(ca !== undefined ? { ca } : {}),
    timeoutMs: config.timeoutMs,
    observe: metrics.observeApi,
  });
  const server = createDiscoveryServer({
    client,
    refreshMs: config.refreshMs,
    ports: config.ports,
    concurrency: config.concurrency,
    includeLoopback: config.includeLoopback,
    metrics,
    log,
  });
  try {
    await server.listen(config.host, config.port);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    io.err(`kiln discover: --listen ${config.host}:${config.port}: cannot listen (${e.code ?? e.message})`);
    await server.close();
    return 1;
  }

  const stopSignal = await waitForStop(options.signal);
  log('info', 'stopping', { signal: stopSignal });
  const closing = server.close(); // stops the refresh loop first, so aborted requests are not reported as failures
  client.close();
  await closing;
  return 0;
}

function waitForStop(signal?: AbortSignal): Promise<string> {
  return new Promise((resolve) => {
    const stop = (name: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      signal?.removeEventListener('abort', onAbort);
      resolve(name);
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    const onAbort = () => stop('abort');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
    if (signal?.aborted) return stop('abort');
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
