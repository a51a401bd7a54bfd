/**
 * A published port (`10.60.0.20:3000:3000`), always with the host address — a bare `3000:3000`
 * publishes on every address of the Docker host. Where a listener listens is the plan's one rule
 * (`bindHost`, `listenAddress` of @kiln/plan).
 */
import type { Bind } from '@kiln/model';
import { bindHost } from '@kiln/plan';

/** `address:hostPort:containerPort`: the site's bind policy reaches the running container. */
export const publish = (bind: Bind, port: number, containerPort = port): string => `${bindHost(bind)}:${port}:${containerPort}`;
