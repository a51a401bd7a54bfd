/**
 * Where a listener is reachable, in the two forms Compose takes: a published port
 * (`10.60.0.20:3000:3000`, always with the host address — a bare `3000:3000` publishes on every
 * address of the Docker host) and a listen address for containers on the host network.
 */
import type { Bind } from '@kiln/model';
import { bindHost, listenAddress } from '@kiln/plan';

/** The host address of a bind (the plan's one rule). */
export const hostAddress = bindHost;

/** `address:hostPort:containerPort`: the site's bind policy reaches the running container. */
export const publish = (bind: Bind, port: number, containerPort = port): string => `${hostAddress(bind)}:${port}:${containerPort}`;

/** `address:port` for a `--web.listen-address` flag of a container on the host network. */
export const listenOn = listenAddress;
