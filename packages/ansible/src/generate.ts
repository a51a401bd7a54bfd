import type { Artifact, ResolvedSite } from '@kiln/model';
import { RULES_DIR, generatePrometheus } from '@kiln/prometheus';
import { nodeExporterRoleVars } from './node-exporter-role.js';
import { RULES_FILES_DIR, prometheusRoleVars } from './prometheus-role.js';
import { ansibleReadme } from './readme.js';

export const ANSIBLE_DIR = 'ansible';

/**
 * Variables files for the prometheus.prometheus collection, under `ansible/`, for sites with
 * `deploy.ansible`: `host_vars/<host>/prometheus.yml` for the Prometheus host,
 * `host_vars/<host>/node_exporter.yml` for each host whose node exporter the role installs, and the
 * rule files under `files/prometheus/rules/`. Pure: reads only the resolved site.
 */
export function generateAnsible(site: ResolvedSite): Artifact[] {
  const deploy = site.deploy.ansible;
  if (!deploy) return [];
  const hostVars = (host: string, role: string) => `${ANSIBLE_DIR}/host_vars/${host}/${role}.yml`;
  const ruleFiles = generatePrometheus(site).filter((a) => a.path.startsWith(`prometheus/${RULES_DIR}/`));
  return [
    { path: `${ANSIBLE_DIR}/README.md`, format: 'text', value: ansibleReadme(site, deploy) },
    { path: hostVars(site.prometheus.host.name, 'prometheus'), format: 'yaml', value: prometheusRoleVars(site, deploy) },
    ...deploy.nodeExporterHosts.map((h): Artifact => ({ path: hostVars(h.name, 'node_exporter'), format: 'yaml', value: nodeExporterRoleVars(h) })),
    ...ruleFiles.map((a): Artifact => ({ ...a, path: `${ANSIBLE_DIR}/files/${RULES_FILES_DIR}/${a.path.slice(`prometheus/${RULES_DIR}/`.length)}` })),
  ];
}
