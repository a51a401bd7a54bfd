import type { ResolvedCluster, ResolvedSite } from '@kiln/model';
import { formatMemory } from '@kiln/model';
import { HEADER } from '@kiln/plan';

/** `kubernetes/README.md`: how to apply the manifests, the Secrets to create first, the budget. */
export function kubernetesReadme(site: ResolvedSite, cluster: ResolvedCluster): string {
  const s = cluster.stack;
  const g = s.grafana;
  const total = s.memoryByComponent.reduce((sum, c) => sum + c.bytes * c.pods, 0);
  const rows = s.memoryByComponent.map((c) => `| ${c.component} | ${c.pods} | ${c.memoryLimit} | ${formatMemory(c.bytes * c.pods)} |`);
  return [
    `# Kubernetes manifests for ${site.name}`,
    '',
    HEADER,
    '',
    `The monitoring stack of cluster \`${cluster.name}\` in namespace \`${cluster.namespace}\`, one object per file,`,
    'named `<order>-<name>-<kind>.yaml`; the order prefix applies them in dependency order:',
    '',
    '```sh',
    `kubectl -n ${cluster.namespace} create secret generic ${g.adminPasswordSecret.name} --from-file=${g.adminPasswordSecret.key}=./grafana-admin-password`,
    'kubectl apply -f kubernetes/ --recursive',
    '```',
    '',
    `The Secret \`${g.adminPasswordSecret.name}\` is referenced, never written: create it before Grafana starts`,
    '(the namespace manifest comes first; create the namespace with it, then the Secret, then apply the rest).',
    '',
    'Every pod template carries `kiln.dev/config-checksum`, a hash of the configuration it reads:',
    'a changed rule, route or dashboard rolls the pods.',
    '',
    `## Memory budget (${s.budget.memoryLimit})`,
    '',
    '| component | pods | limit each | total |',
    '|---|---|---|---|',
    ...rows,
    `| **all** | | | **${formatMemory(total)}** |`,
    '',
  ].join('\n');
}
