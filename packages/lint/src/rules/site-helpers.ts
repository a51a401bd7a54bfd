import type { Bind, ResolvedEndpoint, ResolvedService, ResolvedSite } from '@kiln/model';

export function* endpoints(site: ResolvedSite): Generator<{ service: ResolvedService; endpoint: ResolvedEndpoint; path: string }> {
  for (const service of site.services) {
    for (const endpoint of service.endpoints) yield { service, endpoint, path: `services.${service.name}.endpoints.${endpoint.name}` };
  }
}

export function describeBind(b: Bind): string {
  if (b.kind === 'wildcard') return `the wildcard address ${b.address} (every interface)`;
  if (b.kind === 'loopback') return 'loopback';
  return `interface \`${b.interface.name}\` on VLAN \`${b.interface.vlan.name}\` (zone ${b.interface.vlan.zone})`;
}

/** Zones a bind is reachable from: the interface's zone, or every zone of the host for a wildcard. */
export function zonesOf(b: Bind, hostInterfaces: { vlan: { zone: string } }[]): string[] {
  if (b.kind === 'interface') return [b.interface.vlan.zone];
  if (b.kind === 'wildcard') return [...new Set(hostInterfaces.map((i) => i.vlan.zone))];
  return [];
}
