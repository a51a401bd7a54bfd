/**
 * Where a listener is reachable, in the two forms Compose takes: a published port
 * (`10.60.0.20:3000:3000`, always with the host address — a bare `3000:3000` publishes on every
 * address of the Docker host) and a listen address for containers on the host network.
 */
import type { Bind } from '@kiln/model';

/** The host address of a bind. resolve() rejects DHCP interfaces under `deploy.compose`. */
export function hostAddress(bind: Bind): string {
  if (bind.kind === 'loopback') return '127.0.0.1';
  if (bind.kind === 'wildcard') return bind.address === '::' ? '[::]' : '0.0.0.0';
  const { address, host, name } = bind.interface;
  if (address === 'dhcp') throw new Error(`interface \`${name}\` of host \`${host}\` has no fixed address to publish on`);
  return address;
}

/** `address:hostPort:containerPort`: the site's bind policy reaches the running container. */
export const publish = (bind: Bind, port: number, containerPort = port): string => `${hostAddress(bind)}:${port}:${containerPort}`;

/** `address:port` for a `--web.listen-address` flag of a container on the host network. */
export const listenOn = (bind: Bind, port: number): string => `${hostAddress(bind)}:${port}`;
