import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { containers, podSpecs, reasonOf, where } from '../../manifests.js';

export const HOST_ACCESS_REASON = 'kiln.dev/host-access-reason';

export default createRule({
  id: 'kubernetes/host-access',
  meta: {
    description: 'Pods use host namespaces, hostPath volumes or privileged containers only with a stated reason.',
    rationale:
      "hostNetwork, hostPID, hostIPC, hostPath and privileged containers break the pod's isolation: a compromised container sees or changes the node. Some workloads need it (the node exporter reports the node, not its pod); Kiln then writes the site's reason as the pod annotation `kiln.dev/host-access-reason`, so a reviewer sees why. Seed 003's node-exporter DaemonSet uses all three without one.",
    summary: 'host access without a reason',
    severity: 'error',
    messages: {
      namespace:
        "{{workload}}: `{{field}}: true` shares the node's {{what}} with the pod; give the reason in the pod annotation `kiln.dev/host-access-reason` (in a Kiln site: `kubernetes.stack.nodeExporter.host.reason`) or remove it",
      hostPath:
        '{{workload}}: volume `{{volume}}` mounts `{{path}}` from the node; give the reason in the pod annotation `kiln.dev/host-access-reason` or use another volume type',
      privileged:
        '{{workload}}: container `{{container}}` is privileged (full access to the node); drop `privileged: true`, or give the reason in `kiln.dev/host-access-reason`',
    },
    options: z.strictObject({}),
    reads: ['files'],
  },
  check({ files, report }) {
    const what: Record<string, string> = { hostNetwork: 'network interfaces', hostPID: 'process table', hostIPC: 'IPC namespace' };
    for (const p of podSpecs(files)) {
      if (reasonOf(p, HOST_ACCESS_REASON)) continue;
      for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) {
        if (p.spec[field] === true)
          report({ messageId: 'namespace', data: { workload: p.workload, field, what: what[field]! }, ...where(p, [...p.path, field]) });
      }
      (Array.isArray(p.spec['volumes']) ? p.spec['volumes'] : []).forEach((v: any, i: number) => {
        if (v?.hostPath)
          report({
            messageId: 'hostPath',
            data: { workload: p.workload, volume: String(v.name), path: String(v.hostPath.path) },
            ...where(p, [...p.path, 'volumes', i, 'hostPath']),
          });
      });
    }
    for (const c of containers(files)) {
      if (reasonOf(c, HOST_ACCESS_REASON)) continue;
      if (c.container['securityContext']?.privileged === true) {
        report({
          messageId: 'privileged',
          data: { workload: c.workload, container: String(c.container['name']) },
          ...where(c, [...c.containerPath, 'securityContext', 'privileged']),
        });
      }
    }
  },
});
