import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { composeServices, locate } from '../compose-file.js';

const SOCKET = /^\/(var\/)?run\/docker\.sock$/;

/** The source of a volume entry, short (`SRC:DST[:MODE]`) or long (`{type: bind, source}`) syntax. */
function volumeSource(volume: unknown): string | undefined {
  if (typeof volume === 'string') return volume.split(':')[0];
  if (volume !== null && typeof volume === 'object') {
    const source = (volume as { source?: unknown }).source;
    return typeof source === 'string' ? source : undefined;
  }
  return undefined;
}

export default createRule({
  id: 'compose/no-docker-socket',
  meta: {
    description: 'No Compose service mounts the Docker socket (`/var/run/docker.sock`), read-only or not.',
    rationale:
      'The Docker API is root on the host: a container that can reach the socket can start a privileged container with the host filesystem mounted. `:ro` does not help — it protects the socket file, not the API behind it. Give discovery tools a socket proxy that allows only the read-only calls they need.',
    summary: 'Docker socket mounted',
    severity: 'error',
    messages: {
      socket:
        'service `{{service}}` mounts the Docker socket `{{source}}`: the Docker API is root on the host, read-only mount or not; use a socket proxy that allows only the API calls it needs',
    },
    options: z.strictObject({}),
    reads: ['files'],
  },
  check({ files, report }) {
    for (const at of composeServices(files)) {
      const volumes = at.service['volumes'];
      if (!Array.isArray(volumes)) continue;
      volumes.forEach((v: unknown, i) => {
        const source = volumeSource(v);
        if (source !== undefined && SOCKET.test(source)) {
          report({
            messageId: 'socket',
            data: { service: at.name, source },
            entity: { kind: 'file', name: at.file.path },
            location: locate(at, 'volumes', i),
          });
        }
      });
    }
  },
});
