/**
 * Where a listener listens: the one place a bind becomes an address, for every target that starts
 * a server (flags, role variables, Compose publishes, Grafana's http_addr). resolve() guarantees an
 * interface bind has a static IP (a DHCP interface cannot be listened on).
 */
import type { Bind } from '@kiln/model';

/** The host part of a bind: `127.0.0.1`, `0.0.0.0`, `[::]` or the interface's IP. */
export function bindHost(bind: Bind): string {
  if (bind.kind === 'loopback') return '127.0.0.1';
  if (bind.kind === 'wildcard') return bind.address === '::' ? '[::]' : '0.0.0.0';
  const { address, host, name } = bind.interface;
  if (address === 'dhcp')
    throw new Error(`interface \`${name}\` of host \`${host}\` has no static address to listen on (resolve() reports this)`);
  return address.includes(':') ? `[${address}]` : address;
}

/** `address:port` for a `--web.listen-address` flag, a role's `*_listen_address` or a published port. */
export const listenAddress = (bind: Bind, port: number): string => `${bindHost(bind)}:${port}`;
