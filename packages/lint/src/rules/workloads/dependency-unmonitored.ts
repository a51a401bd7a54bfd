import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';

export default createRule({
  id: 'workloads/dependency-unmonitored',
  meta: {
    description: 'The systems an app’s storage and backups depend on (Ceph, NFS servers, VolSync) are monitored.',
    rationale:
      'When Ceph or an NFS server fails, the pods that need it hang in ContainerCreating or block on I/O, and the alerts on the pods do not say why. Kiln derives Ceph health and NFS export alerts, naming the apps affected, only for dependencies Prometheus can see: ' +
      'Ceph through the ceph-mgr prometheus module (`mgr.targets`), NFS through the cluster’s node exporter, which must scrape the nodes and see the kubelet’s mounts under `/var/lib/kubelet/pods`. ' +
      'Backups by VolSync are watched through its metrics (`volsync_volume_out_of_sync`): without the `volsync` scrape job `BackupStale` cannot fire and `BackupNotReported` fires for every backup.',
    summary: 'workload on an unmonitored dependency',
    severity: 'warning',
    messages: {
      ceph: 'workload `{{app}}` keeps {{via}} on Ceph `{{dependency}}`, which is not monitored; add `kubernetes.dependencies.{{dependency}}.mgr: { targets: [...] }` (the ceph-mgr prometheus module, port 9283)',
      nfs: 'workload `{{app}}` mounts {{via}} from NFS server `{{dependency}}`, which is not monitored: {{why}}',
      volsync:
        'VolSync backs up {{apps}}, but its metrics are not scraped, so no backup can be reported stale; add `kubernetes.discovery.volsync: {}` (its namespace if not `volsync-system`)',
    },
    options: z.strictObject({}),
    reads: ['site'],
  },
  check({ site, report }) {
    const k = site!.kubernetes;
    if (!k) return;
    const nfsWhy = !k.discovery.some((j) => j.kind === 'nodeExporter')
      ? 'the cluster does not scrape its node exporter (add `kubernetes.discovery.nodeExporter`)'
      : "the node exporter does not see the kubelet's NFS mounts (remove `/var/lib/kubelet` from `stack.nodeExporter.mountPointsExclude` and keep the filesystem collector)";
    const volsync = k.workloads.filter((w) => w.backup?.method === 'volsync-restic').map((w) => `\`${w.name}\``);
    if (volsync.length > 0 && !k.discovery.some((j) => j.kind === 'volsync'))
      report({
        messageId: 'volsync',
        data: { apps: volsync.join(', ') },
        entity: { kind: 'site', name: site!.name },
        location: { modelPath: 'kubernetes.discovery' },
      });
    for (const d of k.dependencies) {
      if (d.monitored) continue;
      const byApp = new Map<string, string[]>();
      for (const u of d.usedBy) byApp.set(u.workload, [...(byApp.get(u.workload) ?? []), `volume \`${u.volume}\` (${u.via})`]);
      for (const [app, via] of byApp) {
        report({
          messageId: d.kind,
          data: { app, via: via.join(', '), dependency: d.name, why: nfsWhy },
          entity: { kind: 'workload', name: app },
          location: { modelPath: `kubernetes.dependencies.${d.name}` },
        });
      }
    }
  },
});
