import type { ResolvedCluster, ResolvedSite } from '@kiln/model';
import { formatMemory } from '@kiln/model';
import { HEADER } from '@kiln/plan';

/** `kubernetes/README.md`: how to apply the manifests, the Secrets to create first, the budget. */
export function kubernetesReadme(site: ResolvedSite, cluster: ResolvedCluster): string {
  const s = cluster.stack;
  const g = s.grafana;
  const total = s.memoryByComponent.reduce((sum, c) => sum + c.bytes * c.pods, 0);
  const am = s.alertmanager.secret;
  const files = site.receivers.flatMap((r) => [
    ...r.webhooks.flatMap((w) => (w.bearerTokenFile ? [w.bearerTokenFile] : [])),
    ...r.emails.flatMap((e) => (e.authPasswordFile ? [e.authPasswordFile] : [])),
    ...r.slack.map((x) => x.apiUrlFile),
  ]);
  const secretFiles = am
    ? [...new Set(files.filter((f) => f.startsWith(`${am.mountPath}/`)).map((f) => f.slice(am.mountPath.length + 1)))].sort()
    : [];
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
    `kubectl apply -f kubernetes/00-${cluster.namespace}-namespace.yaml`,
    `kubectl -n ${cluster.namespace} create secret generic ${g.adminPasswordSecret.name} --from-file=${g.adminPasswordSecret.key}=./grafana-admin-password`,
    ...(am
      ? [`kubectl -n ${cluster.namespace} create secret generic ${am.name} ${secretFiles.map((f) => `--from-file=${f}=./${f}`).join(' ')}`]
      : []),
    'kubectl apply -f kubernetes/ --recursive',
    '```',
    '',
    'Secrets are referenced, never written: create them before the pods that mount them start.',
    ...(am
      ? [
          '',
          `Alertmanager reads the receivers' credential files from \`${am.mountPath}\` (Secret \`${am.name}\`): ${secretFiles.map((f) => `\`${f}\``).join(', ')}.`,
        ]
      : []),
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
