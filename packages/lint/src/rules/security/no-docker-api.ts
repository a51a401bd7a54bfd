import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { endpoints } from '../site-helpers.js';

export default createRule({
  id: 'security/no-docker-api',
  meta: {
    description: 'No remote Docker API: not on 2375 (no authentication), and 2376 only with client certificates.',
    rationale:
      'The Docker API is root on the host: whoever reaches it starts a privileged container with `/` mounted. On 2375 it has no authentication at all; on 2376 it is only safe with `--tlsverify` and client certificates (TLS alone encrypts, it does not authenticate). Pantheon\'s policy: "no remote Docker API".',
    summary: 'remote Docker API exposed',
    severity: 'error',
    messages: {
      plain:
        'host `{{host}}`: endpoint `{{service}}.{{endpoint}}` exposes the Docker API on port 2375 without authentication (root on the host for anyone who reaches it); remove it and use SSH (`DOCKER_HOST=ssh://…`) instead',
      tls: 'host `{{host}}`: endpoint `{{service}}.{{endpoint}}` exposes the Docker API on port 2376; it is safe only with `--tlsverify` and client certificates — use SSH (`DOCKER_HOST=ssh://…`), or declare `public: { reason: "…" }` on the endpoint naming how clients are verified',
    },
    options: z.strictObject({}),
    reads: ['site'],
  },
  check({ site, report }) {
    for (const { service, endpoint, path } of endpoints(site!)) {
      if (endpoint.port !== 2375 && endpoint.port !== 2376) continue;
      if (endpoint.port === 2376 && endpoint.publicReason) continue;
      report({
        messageId: endpoint.port === 2375 ? 'plain' : 'tls',
        data: { host: service.host.name, service: service.name, endpoint: endpoint.name },
        entity: { kind: 'service', name: service.name },
        location: { modelPath: `${path}.port` },
      });
    }
  },
});
