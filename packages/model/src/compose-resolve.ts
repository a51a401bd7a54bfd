/**
 * Cross-references and policies of `deploy.compose`. Compose publishes a port on an IP address of
 * the Docker host, and Prometheus runs in a container whose loopback is its own: so every listener
 * of the stack must bind an interface with a known address (or, for what only the host's own
 * proxy reaches, loopback).
 */
import type { z } from 'zod';
import { suggest } from './errors.js';
import type { ComposeDeploy, ResolvedComposeDeploy } from './compose-schema.js';
import type { ResolvedEndpoint, ResolvedHost, ResolvedServer, ResolvedService } from './resolved.js';

type Path = (string | number)[];

export interface ComposeContext {
  error(path: Path, message: string): void;
  hosts: ReadonlyMap<string, ResolvedHost>;
  services: readonly ResolvedService[];
  prometheus: ResolvedServer;
  alertmanager: ResolvedServer;
}

/** Exporter kinds the Compose target runs as containers on the Docker hosts. */
export const COMPOSE_EXPORTERS = ['node', 'nvidia-gpu', 'pve'] as const;

const AT: Path = ['deploy', 'compose'];

export function resolveComposeDeploy(input: z.output<typeof ComposeDeploy>, ctx: ComposeContext): ResolvedComposeDeploy {
  const grafana = input.grafana && resolveServiceEndpoint(input.grafana, [...AT, 'grafana'], 'Grafana', ctx);
  const discovery = input.discovery && resolveServiceEndpoint(input.discovery, [...AT, 'discovery'], 'the discovery service', ctx);
  const dockerHosts = new Set([
    ctx.prometheus.host.name,
    ctx.alertmanager.host.name,
    ...(grafana ? [grafana.service.host.name] : []),
    ...(discovery ? [discovery.service.host.name] : []),
  ]);
  if (ctx.alertmanager.bind.kind === 'loopback') {
    ctx.error(
      ['alertmanager', 'bind'],
      'binds loopback, but with `deploy.compose` Prometheus runs in a container whose loopback is its own and cannot reach it; bind Alertmanager to an interface',
    );
  }
  if (discovery?.endpoint.bind.kind === 'loopback') {
    ctx.error(
      ['services', discovery.service.name, 'endpoints', discovery.endpoint.name, 'bind'],
      'binds loopback, but with `deploy.compose` Prometheus runs in a container whose loopback is its own and cannot reach the discovery service; bind it to an interface',
    );
  }
  for (const name of [...dockerHosts].sort()) {
    for (const e of ctx.hosts.get(name)?.exporters ?? []) {
      if (!(COMPOSE_EXPORTERS as readonly string[]).includes(e.kind)) continue;
      const path: Path = ['hosts', name, 'exporters', e.kind, 'interface'];
      if (e.kind === 'pve' && input.pveExporter === undefined)
        ctx.error(
          [...AT, 'pveExporter'],
          `host \`${name}\` runs the \`pve\` exporter as a container; set \`deploy.compose.pveExporter.configFile\` to the file on the Docker host holding its \`pve.yml\` (the API token)`,
        );
      if (e.bind.kind === 'loopback')
        ctx.error(
          path,
          `the \`${e.kind}\` exporter runs in a container under \`deploy.compose\` and Prometheus (in its own container) cannot scrape loopback; bind it to an interface`,
        );
    }
  }
  return {
    ...(grafana && { grafana: { ...grafana, adminPasswordFile: input.grafana!.adminPasswordFile } }),
    ...(discovery && { discovery: resolvedDiscovery(input.discovery!, discovery) }),
    ...(input.pveExporter && { pveExporter: input.pveExporter }),
    images: input.images ?? {},
    resources: input.resources ?? {},
  };
}

function resolvedDiscovery(
  d: NonNullable<z.output<typeof ComposeDeploy>['discovery']>,
  at: { service: ResolvedService; endpoint: ResolvedEndpoint },
): NonNullable<ResolvedComposeDeploy['discovery']> {
  return {
    ...at,
    api: d.api.replace(/\/$/, ''),
    tokenId: d.tokenId,
    tokenSecretFile: d.tokenSecretFile,
    ...(d.caFile !== undefined && { caFile: d.caFile }),
    refresh: d.refresh ?? '60s',
  };
}

/** The service a container of the project is, and the endpoint it serves on (its only one unless named). */
function resolveServiceEndpoint(
  g: { service: string; endpoint?: string | undefined },
  at: Path,
  what: string,
  ctx: ComposeContext,
): { service: ResolvedService; endpoint: ResolvedEndpoint } | undefined {
  const service = ctx.services.find((s) => s.name === g.service);
  if (!service) {
    ctx.error(
      [...at, 'service'],
      `unknown service \`${g.service}\`; ${suggest(
        g.service,
        ctx.services.map((s) => s.name),
      )}`,
    );
    return undefined;
  }
  const names = service.endpoints.map((e) => e.name);
  if (g.endpoint === undefined && service.endpoints.length !== 1) {
    ctx.error(
      [...at, 'endpoint'],
      `service \`${service.name}\` has ${service.endpoints.length} endpoints; name the one ${what} serves on (${names.map((n) => `\`${n}\``).join(', ')})`,
    );
    return undefined;
  }
  const endpoint = g.endpoint === undefined ? service.endpoints[0]! : service.endpoints.find((e) => e.name === g.endpoint);
  if (!endpoint) {
    ctx.error([...at, 'endpoint'], `service \`${service.name}\` has no endpoint \`${g.endpoint}\`; ${suggest(g.endpoint ?? '', names)}`);
    return undefined;
  }
  return { service, endpoint };
}
