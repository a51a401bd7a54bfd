import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';

export default createRule({
  id: 'storage/disposable-exports-no-share',
  meta: {
    description: 'A disposable host does not export shares: others would rely on data that is thrown away with it.',
    rationale:
      'A disposable host may be wiped and rebuilt at any time (Pantheon: "disposable host holds no authoritative data"). A share it exports is data other hosts mount and rely on — when the host is rebuilt, their data is gone. Serve shares from an authoritative host, or declare the host authoritative.',
    summary: 'disposable host exports a share',
    severity: 'error',
    messages: {
      exports:
        'host `{{host}}` is disposable but exports share `{{share}}` ({{path}}){{mounted}}; serve it from an authoritative host, or make `{{host}}` `disposition: authoritative`',
    },
    options: z.strictObject({}),
    reads: ['site'],
  },
  check({ site, report }) {
    for (const share of site!.shares) {
      if (share.host.disposition !== 'disposable') continue;
      const users = [
        ...new Set(site!.mounts.filter((m) => m.share.id === share.id && m.host.name !== share.host.name).map((m) => m.host.name)),
      ].sort();
      report({
        messageId: 'exports',
        data: {
          host: share.host.name,
          share: share.id,
          path: share.path,
          mounted: users.length ? `, mounted by ${users.map((u) => `\`${u}\``).join(', ')}` : '',
        },
        entity: { kind: 'share', name: share.id },
        location: { modelPath: `shares.${share.name}` },
      });
    }
  },
});
