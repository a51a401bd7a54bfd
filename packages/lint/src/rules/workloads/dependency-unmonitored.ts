import { z } from 'zod';
import { createRule } from '../../create-rule.js';

export default createRule({
  id: 'workloads/dependency-unmonitored',
  meta: {
    description: 'The external systems an app’s storage depends on (Ceph, NFS servers) are monitored.',
    rationale:
      'When Ceph or an NFS server fails, the pods that need it hang in ContainerCreating or block on I/O, and the alerts on the pods do not say why. Kiln derives Ceph health and NFS export alerts, naming the apps affected, only for dependencies Prometheus can see: ' +
      'Ceph through the ceph-mgr prometheus module (`mgr.targets`), NFS through the cluster’s node exporter, which must scrape the nodes and see the kubelet’s mounts under `/var/lib/kubelet/pods`.',
    summary: 'workload on an unmonitored dependency',
    severity: 'warning',
    messages: {
      ceph: 'workload `{{app}}` keeps {{via}} on Ceph `{{dependency}}`, which is not monitored; add `kubernetes.dependencies.{{dependency}}.mgr: { targets: [...] }` (the ceph-mgr prometheus module, port 9283)',
      nfs: 'workload `{{app}}` mounts {{via}} from NFS server `{{dependency}}`, which is not monitored: {{why}}',
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
