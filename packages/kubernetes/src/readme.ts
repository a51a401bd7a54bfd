import type { ResolvedCluster, ResolvedSite } from '@kiln/model';
import { formatMemory, receiverFiles } from '@kiln/model';
import { HEADER } from '@kiln/plan';

/** `kubernetes/README.md`: how to apply the manifests, the Secrets to create first, the budget. */
export function kubernetesReadme(site: ResolvedSite, cluster: ResolvedCluster): string {
  const s = cluster.stack;
  const g = s.grafana;
  const am = s.alertmanager.secret;
  const secretFiles = receiversSecretFiles(site, cluster);
  const { rows, total } = budget(cluster);
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
    'kubectl apply --server-side -f kubernetes/ --recursive',
    '```',
    '',
    '`--server-side`: a client-side apply keeps a copy of each object in an annotation of at most 256 KiB, which large',
    'rule and dashboard ConfigMaps exceed (Kiln splits those at 1 MiB, the most the API server stores in one).',
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

/** `kubernetes/README.md` of the operator flavour: what the cluster must run, the apply order, the Secrets to create. */
export function operatorReadme(site: ResolvedSite, cluster: ResolvedCluster): string {
  const s = cluster.stack;
  const am = s.alertmanager.secret;
  const secretFiles = receiversSecretFiles(site, cluster);
  const { rows, total } = budget(cluster);
  return [
    `# prometheus-operator resources for ${site.name}`,
    '',
    HEADER,
    '',
    `The monitoring stack of cluster \`${cluster.name}\` in namespace \`${cluster.namespace}\`, for a cluster that runs the`,
    "prometheus-operator and its CRDs (kube-prometheus-stack) with the chart's Grafana and its sidecar. One object",
    'per file, named `<order>-<name>-<kind>.yaml`; the order prefix applies them in dependency order:',
    '',
    '```sh',
    `kubectl apply -f kubernetes/00-${cluster.namespace}-namespace.yaml`,
    ...(am
      ? [`kubectl -n ${cluster.namespace} create secret generic ${am.name} ${secretFiles.map((f) => `--from-file=${f}=./${f}`).join(' ')}`]
      : []),
    'kubectl apply --server-side -f kubernetes/ --recursive',
    '```',
    '',
    '`--server-side`: a client-side apply keeps a copy of each object in an annotation of at most 256 KiB, which large',
    'rule and dashboard ConfigMaps exceed (Kiln splits those at 1 MiB, the most the API server stores in one).',
    '',
    `- \`Prometheus/${cluster.name}\` selects the PrometheusRules, ServiceMonitors and PodMonitors labelled \`kiln.dev/prometheus: ${cluster.name}\``,
    '  (ServiceMonitors and PodMonitors in any namespace) and sends to `Alertmanager/' +
      cluster.name +
      '` through the `alertmanager` Service.',
    `- \`Alertmanager/${cluster.name}\` reads its configuration from the Secret \`alertmanager-${cluster.name}\`: Kiln's alertmanager.yml, which`,
    '  names every credential by file and holds none.',
    ...(am
      ? [
          `- The receivers' credential files come from the Secret \`${am.name}\` (create it first), mounted by the operator at \`${am.mountPath}\`: ${secretFiles.map((f) => `\`${f}\``).join(', ')}.`,
        ]
      : []),
    '- Dashboards and datasources are ConfigMaps labelled `grafana_dashboard: "1"` / `grafana_datasource: "1"` for the',
    '  Grafana sidecar (kube-prometheus-stack defaults); let it search this namespace (`sidecar.*.searchNamespace`).',
    "- The kubelet and cAdvisor are scraped through the API server (the operator's `kube-system/kubelet` Service lists the nodes).",
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

/** The receivers' credential files below the Alertmanager Secret's mount, as the Secret's keys. */
function receiversSecretFiles(site: ResolvedSite, cluster: ResolvedCluster): string[] {
  const am = cluster.stack.alertmanager.secret;
  if (!am) return [];
  const files = site.receivers.flatMap((r) => receiverFiles(r).map((f) => f.file));
  return [...new Set(files.filter((f) => f.startsWith(`${am.mountPath}/`)).map((f) => f.slice(am.mountPath.length + 1)))].sort();
}

/** The memory budget's table rows and total. */
function budget(cluster: ResolvedCluster): { rows: string[]; total: number } {
  const parts = cluster.stack.memoryByComponent;
  return {
    rows: parts.map((c) => `| ${c.component} | ${c.pods} | ${c.memoryLimit} | ${formatMemory(c.bytes * c.pods)} |`),
    total: parts.reduce((sum, c) => sum + c.bytes * c.pods, 0),
  };
}
