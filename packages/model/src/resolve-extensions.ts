/**
 * The resolve steps of the recording-rule, HTTP SD and multi-target parts of the model. Each is a
 * pure function of the parsed site and what resolve() already built, reporting every problem
 * through `error` (entity and path are derived from the path, as everywhere in resolve()).
 */
import type { z } from 'zod';
import * as D from './defaults.js';
import { suggest } from './errors.js';
import type { ResolvedHost, ResolvedService } from './resolved.js';
import { RECORDING_RULE_NAME_PATTERN } from './recording-schema.js';
import type { ResolvedHttpSd, ResolvedRecordingRule } from './resolved-extensions.js';
import type { Site } from './schema.js';

type Parsed = z.output<typeof Site>;
type Path = (string | number)[];
export type ReportError = (path: Path, message: string) => void;

const byKey = <T>(record: Record<string, T> | undefined): [string, T][] =>
  Object.entries(record ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** Recording rules sorted by name; a name that is also an alert name or a label of its own is an error. */
export function resolveRecordingRules(site: Parsed, error: ReportError): ResolvedRecordingRule[] {
  return byKey(site.recordingRules).map(([name, r]) => {
    if (!RECORDING_RULE_NAME_PATTERN.test(name)) {
      error(
        ['recordingRules', name],
        `\`${name}\` must be a recording rule name \`level:metric:operations\` (letters, digits, \`_\`, at least one \`:\`), e.g. \`node:cpu_utilization:avg5m\``,
      );
    }
    if (r.labels && '__name__' in r.labels)
      error(['recordingRules', name, 'labels', '__name__'], '`__name__` is the rule name; remove it from `labels`');
    return {
      name,
      expr: r.expr,
      labels: r.labels ?? {},
      ...(r.description !== undefined && { description: r.description }),
      tests: r.tests ?? [],
    };
  });
}

/** Where a multi-target exporter sends its probes: each listed host's scrape address, defaulting to the exporter's own host. */
export function resolveProbes(site: Parsed, hosts: Map<string, ResolvedHost>, error: ReportError): void {
  const pveHosts = [...hosts.values()].filter((h) => h.exporters.some((e) => e.kind === 'pve'));
  for (const h of pveHosts.slice(1)) {
    error(
      ['hosts', h.name, 'exporters', 'pve'],
      `host \`${pveHosts[0]!.name}\` already runs the pve exporter; one exporter queries the whole cluster: list every node in its \`targets\``,
    );
  }
  for (const host of hosts.values()) {
    for (const e of host.exporters) {
      const listed = site.hosts[host.name]?.exporters?.[e.kind]?.targets;
      if (listed === undefined) {
        // A multi-target exporter without `targets` queries the host it runs on.
        if (e.kind === 'pve') e.probes = [{ host: host.name, address: e.target.replace(/:\d+$/, '') }];
        continue;
      }
      if (e.kind !== 'pve') {
        error(
          ['hosts', host.name, 'exporters', e.kind, 'targets'],
          `the \`${e.kind}\` exporter is not a multi-target exporter; remove \`targets\``,
        );
        continue;
      }
      const probes = listed.flatMap((name, i) => {
        const target = hosts.get(name);
        if (!target) {
          error(['hosts', host.name, 'exporters', e.kind, 'targets', i], `unknown host \`${name}\`; ${suggest(name, [...hosts.keys()])}`);
          return [];
        }
        const iface = target.interfaces.find((x) => x.vlan.zone === 'servers') ?? target.interfaces[0];
        return [{ host: name, address: iface?.reachableAs ?? name }];
      });
      e.probes = probes;
    }
  }
}

/** A scrape job has static targets or HTTP SD, never both; HTTP SD names a service of the site. */
export function resolveHttpSd(
  name: string,
  job: NonNullable<Parsed['scrapeJobs']>[string],
  services: ResolvedService[],
  error: ReportError,
): ResolvedHttpSd | undefined {
  const at = (...rest: Path): Path => ['scrapeJobs', name, ...rest];
  if (job.targets === undefined && job.httpSd === undefined) error(at('targets'), 'a scrape job needs `targets` or `httpSd`');
  if (job.targets !== undefined && job.httpSd !== undefined) error(at('httpSd'), 'a scrape job has either `targets` or `httpSd`, not both');
  const sd = job.httpSd;
  if (sd === undefined) {
    if (job.exporter !== undefined)
      error(
        at('exporter'),
        `\`exporter\` applies to discovered targets (\`httpSd\`); run the \`${job.exporter}\` exporter on inventory hosts (\`hosts.<name>.exporters\`) instead`,
      );
    return undefined;
  }
  if (job.labels !== undefined)
    error(at('labels'), 'discovered targets carry the labels the discovery service gives them; remove `labels`');
  const service = services.find((s) => s.name === sd.service);
  if (!service) {
    error(
      at('httpSd', 'service'),
      `unknown service \`${sd.service}\`; ${suggest(
        sd.service,
        services.map((s) => s.name),
      )}`,
    );
    return undefined;
  }
  const endpoint =
    sd.endpoint !== undefined
      ? service.endpoints.find((x) => x.name === sd.endpoint)
      : service.endpoints.length === 1
        ? service.endpoints[0]
        : undefined;
  if (!endpoint) {
    const names = service.endpoints.map((x) => x.name);
    error(
      at('httpSd', 'endpoint'),
      sd.endpoint !== undefined
        ? `service \`${service.name}\` has no endpoint \`${sd.endpoint}\`; ${suggest(sd.endpoint, names)}`
        : `service \`${service.name}\` has ${names.length} endpoints; name one in \`endpoint\``,
    );
    return undefined;
  }
  const b = endpoint.bind;
  const address = b.kind === 'interface' ? b.interface.reachableAs : b.kind === 'loopback' ? '127.0.0.1' : service.host.name;
  return {
    url: `${sd.scheme ?? 'http'}://${address}:${endpoint.port}${sd.path}`,
    refreshInterval: sd.refreshInterval ?? D.DEFAULT_HTTP_SD_REFRESH,
    service: service.name,
    endpoint: endpoint.name,
  };
}
