import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';

const AUTH_KEYS = ['basic_auth', 'authorization', 'oauth2', 'sigv4', 'azuread', 'bearer_token', 'bearer_token_file'];

/** Whether a URL goes over plain HTTP to another machine (loopback never leaves the host). */
function plainRemote(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:') return undefined;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1' || /^127\./.test(host)) return undefined;
  return host;
}

export default createRule({
  id: 'scale/remote-write-auth',
  meta: {
    description: 'Remote write to another machine over plain HTTP carries credentials.',
    rationale:
      'A store that accepts unauthenticated writes over plain HTTP takes samples from anyone on the network: a typo in a scrape job elsewhere, or a hostile host, can overwrite or flood the long-term history every dashboard and ruler reads. Give the store credentials (basic auth or a bearer token, from a file) or use https with client certificates; loopback is exempt.',
    summary: 'unauthenticated remote write over HTTP',
    severity: 'error',
    messages: {
      site: 'prometheus `{{site}}`: remote write target `{{target}}` sends to {{host}} over plain HTTP without credentials, so anyone on that network can write into the store; set `basicAuth: { username, passwordFile }` or `bearerTokenFile`, or use https',
      file: 'remote write to {{host}} over plain HTTP without credentials (`basic_auth`, `authorization`, …): anyone on that network can write into the store; add credentials from a file or use https',
    },
    options: z.strictObject({}),
    reads: ['site', 'files'],
  },
  check({ site, files, report }) {
    for (const t of site?.scaleOut?.remoteWrite ?? []) {
      const host = plainRemote(t.url);
      if (host === undefined || t.basicAuth !== undefined || t.bearerTokenFile !== undefined) continue;
      report({
        messageId: 'site',
        data: { site: site!.name, target: t.name, host },
        entity: { kind: 'prometheus', name: site!.name },
        location: { modelPath: `prometheus.remoteWrite.${t.name}.url` },
      });
    }
    for (const file of site ? [] : files.filter((f) => f.kind === 'prometheus-config')) {
      file.values.forEach((value, doc) => {
        const targets = (value as Record<string, unknown> | null)?.['remote_write'];
        if (!Array.isArray(targets)) return;
        targets.forEach((t: unknown, i) => {
          if (!t || typeof t !== 'object') return;
          const rw = t as Record<string, unknown>;
          const host = typeof rw['url'] === 'string' ? plainRemote(rw['url']) : undefined;
          if (host === undefined || AUTH_KEYS.some((k) => k in rw)) return;
          report({
            messageId: 'file',
            data: { host },
            entity: { kind: 'file', name: file.path },
            location: { file: file.path, ...file.position(['remote_write', i, 'url'], doc) },
          });
        });
      });
    }
  },
});
