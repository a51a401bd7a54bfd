import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';

export default createRule({
  id: 'storage/disposable-holds-no-authoritative-data',
  meta: {
    description: "A disposable host's persistent service data lives on a mount from an authoritative host.",
    rationale:
      'A disposable host may be wiped and rebuilt at any time. State kept on its local disks is lost with it; it must live on a share of an authoritative host (Pantheon ADR-003: "Prometheus is disposable compute. Data persistence lives on Atlas").',
    summary: 'persistent data on a disposable host',
    severity: 'error',
    messages: {
      local:
        'host `{{host}}` is disposable, but service `{{service}}` keeps data at {{path}}, which is not on a mount from an authoritative host; move it under a mount of an authoritative share (e.g. an appdata share)',
      nonAuthoritative:
        'host `{{host}}` is disposable, but service `{{service}}` keeps data at {{path}} on share `{{share}}` of host `{{owner}}`, which is itself disposable; use a share of an authoritative host',
    },
    options: z.strictObject({}),
    reads: ['site'],
  },
  check({ site, report }) {
    for (const svc of site!.services) {
      if (svc.host.disposition !== 'disposable') continue;
      svc.dataPaths.forEach((path, i) => {
        const mount = site!.mounts
          .filter((m) => m.host.name === svc.host.name && (path === m.mountPoint || path.startsWith(m.mountPoint + '/')))
          .sort((a, b) => b.mountPoint.length - a.mountPoint.length)[0];
        const location = { modelPath: `services.${svc.name}.dataPaths[${i}]` };
        const entity = { kind: 'service', name: svc.name };
        if (!mount) report({ messageId: 'local', data: { host: svc.host.name, service: svc.name, path }, entity, location });
        else if (mount.share.host.disposition !== 'authoritative') {
          report({
            messageId: 'nonAuthoritative',
            data: { host: svc.host.name, service: svc.name, path, share: mount.share.id, owner: mount.share.host.name },
            entity,
            location,
          });
        }
      });
    }
  },
});
