import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';

export default createRule({
  id: 'storage/media-read-only',
  meta: {
    description: 'Media shares are mounted read-only, except on hosts the share declares as writers.',
    rationale:
      'Media libraries are authoritative and large; a consumer that can write to them can also delete or encrypt them. Least-privilege mounts make a compromised media server a read-only problem (Pantheon: managed-media and shared-media RO).',
    summary: 'media share mounted read-write',
    severity: 'error',
    messages: {
      writable:
        "host `{{host}}`: mount `{{mountPoint}}` of media share `{{share}}` must be read-only (set `mode: 'ro'`, or list `{{host}}` in the share's `writers`)",
    },
    options: z.strictObject({
      contents: z.array(z.string()).default(['media']).describe('Share content kinds that must be mounted read-only.'),
    }),
    reads: ['site'],
  },
  check({ site, options, report }) {
    for (const m of site!.mounts) {
      if (m.mode !== 'rw' || !options.contents.includes(m.share.content) || m.share.writers.includes(m.host.name)) continue;
      report({
        messageId: 'writable',
        data: { host: m.host.name, mountPoint: m.mountPoint, share: m.share.id },
        entity: { kind: 'mount', name: `${m.host.name}:${m.mountPoint}` },
        location: { modelPath: `mounts[${m.index}].mode` },
        fix: "mode: 'ro'",
      });
    }
  },
});
