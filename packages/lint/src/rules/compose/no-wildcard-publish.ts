import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { composeServices, locate } from '../compose-file.js';

const WILDCARD_HOSTS = new Set(['', '0.0.0.0', '::', '[::]']);

/** The host address of a short-syntax port (`[HOST:]PUBLISHED:TARGET[/proto]`), '' when there is none. */
export function shortSyntaxHost(port: string | number): string {
  const s = String(port).replace(/\/\w+$/, '');
  if (s.startsWith('[')) return s.slice(0, s.indexOf(']') + 1);
  const parts = s.split(':');
  // `A:B:C`: A is the host; anything longer without brackets is an IPv6 address written bare.
  return parts.length >= 3 ? parts.slice(0, parts.length - 2).join(':') : '';
}

export default createRule({
  id: 'compose/no-wildcard-publish',
  meta: {
    description:
      'Compose publishes every port on one host address (`10.60.0.20:3000:3000`), never bare (`3000:3000`) or on `0.0.0.0` / `::`.',
    rationale:
      "A port published without a host address listens on every address of the Docker host — every VLAN it has a leg in, VPNs, and later interfaces — and Docker's own iptables rules let it past the host firewall. The site decides which interface a service belongs to; only a published address carries that decision into the running container.",
    summary: 'port published on every address',
    severity: 'error',
    messages: {
      bare: 'service `{{service}}`: port `{{port}}` is published on every address of the Docker host; prefix the address it should serve on (`<address>:{{port}}`)',
      wildcard:
        'service `{{service}}`: port `{{port}}` is published on the wildcard address {{host}}, i.e. every interface; publish it on the address it should serve on',
      long: 'service `{{service}}`: port {{port}} is published without `host_ip` (or with a wildcard one); set `host_ip` to the address it should serve on',
    },
    options: z.strictObject({}),
    reads: ['files'],
  },
  check({ files, report }) {
    for (const at of composeServices(files)) {
      const ports = at.service['ports'];
      if (!Array.isArray(ports)) continue;
      ports.forEach((port: unknown, i) => {
        const base = { entity: { kind: 'file', name: at.file.path }, location: locate(at, 'ports', i) };
        if (typeof port === 'string' || typeof port === 'number') {
          const host = shortSyntaxHost(port);
          if (host === '') report({ ...base, messageId: 'bare', data: { service: at.name, port: String(port) } });
          else if (WILDCARD_HOSTS.has(host))
            report({ ...base, messageId: 'wildcard', data: { service: at.name, port: String(port), host } });
        } else if (port !== null && typeof port === 'object') {
          const p = port as { host_ip?: unknown; published?: unknown; target?: unknown };
          if (p.published === undefined && p.host_ip === undefined)
            return report({ ...base, messageId: 'long', data: { service: at.name, port: String(p.target) } });
          if (typeof p.host_ip !== 'string' || WILDCARD_HOSTS.has(p.host_ip))
            report({ ...base, messageId: 'long', data: { service: at.name, port: String(p.published ?? p.target) } });
        }
      });
    }
  },
});
