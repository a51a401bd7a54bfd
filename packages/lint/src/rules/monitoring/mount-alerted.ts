import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';

export default createRule({
  id: 'monitoring/mount-alerted',
  meta: {
    description: 'NFS mounts are on hosts whose node exporter is scraped, so NfsMountUnavailable is derived for them.',
    rationale:
      'A stale or missing NFS mount makes services write to the local disk underneath or hang. Kiln derives an alert per mount from node exporter metrics; without the exporter the mount goes unwatched.',
    summary: 'NFS mount without an alert',
    severity: 'warning',
    messages: {
      unalerted:
        'host `{{host}}`: NFS mount `{{mountPoint}}` (share `{{share}}`) has no NfsMountUnavailable alert because the host has no node exporter; add `exporters: { node: {} }` to `{{host}}`',
    },
    options: z.strictObject({}),
    reads: ['site'],
  },
  check({ site, report }) {
    for (const m of site!.mounts) {
      if (m.protocol !== 'nfs' || m.host.exporters.some((e) => e.kind === 'node')) continue;
      report({
        messageId: 'unalerted',
        data: { host: m.host.name, mountPoint: m.mountPoint, share: m.share.id },
        entity: { kind: 'mount', name: `${m.host.name}:${m.mountPoint}` },
        location: { modelPath: `mounts[${m.index}]` },
      });
    }
  },
});
