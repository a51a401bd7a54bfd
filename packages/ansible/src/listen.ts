import type { Bind } from '@kiln/model';

/** `address:port` for a `--web.listen-address` flag or a role's `*_web_listen_address`. */
export function listenOn(bind: Bind, port: number): string {
  if (bind.kind === 'loopback') return `127.0.0.1:${port}`;
  if (bind.kind === 'wildcard') return bind.address === '::' ? `[::]:${port}` : `0.0.0.0:${port}`;
  const i = bind.interface;
  return `${i.address === 'dhcp' ? i.reachableAs : i.address}:${port}`;
}
