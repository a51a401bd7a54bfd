import type { Artifact } from '@kiln/model';
import { PROMETHEUS_DIR, baseName, isRuleFile, layout, type Plan } from '@kiln/plan';
import { alertmanagerRoleVars } from './alertmanager-role.js';
import { nodeExporterRoleVars } from './node-exporter-role.js';
import { prometheusRoleVars } from './prometheus-role.js';
import { ansibleReadme } from './readme.js';

/**
 * Variables files for the prometheus.prometheus collection, under `ansible/`, for sites with
 * `deploy.ansible`: `host_vars/<host>/prometheus.yml` for the Prometheus host,
 * `host_vars/<host>/node_exporter.yml` for each host whose node exporter the role installs, and the
 * `host_vars/<host>/alertmanager.yml` for the Alertmanager host, and the rule files under
 * `files/prometheus/rules/`. Pure: reads the plan and the Prometheus and Alertmanager targets'
 * artifacts (`upstream`), which the pipeline hands over — the roles deploy that configuration.
 */
export function generateAnsible(plan: Plan, upstream: readonly Artifact[]): Artifact[] {
  const { site } = plan;
  const deploy = site.deploy.ansible;
  if (!deploy) return [];
  const prometheus = upstream.filter((a) => a.path.startsWith(`${PROMETHEUS_DIR}/`));
  const alertmanager = upstream.find((a) => a.path === layout.alertmanager.config);
  return [
    { path: layout.ansible.readme, format: 'text', value: ansibleReadme(site, deploy) },
    {
      path: layout.ansible.hostVars(site.prometheus.host.name, 'prometheus'),
      format: 'yaml',
      value: prometheusRoleVars(site, deploy, prometheus),
    },
    // Every other replica on its own host (resolve() allows no shards and one replica per host here).
    ...(site.scaleOut?.instances ?? []).slice(1).map((i): Artifact => ({
      path: layout.ansible.hostVars(i.host.name, 'prometheus'),
      format: 'yaml',
      value: prometheusRoleVars(site, deploy, prometheus, i),
    })),
    ...(alertmanager
      ? (site.scaleOut?.alertmanagers ?? [undefined]).map((m): Artifact => ({
          path: layout.ansible.hostVars(m?.host.name ?? site.alertmanager.host.name, 'alertmanager'),
          format: 'yaml',
          value: alertmanagerRoleVars(site, alertmanager.value as Parameters<typeof alertmanagerRoleVars>[1], m),
        }))
      : []),
    ...deploy.nodeExporterHosts.map((h): Artifact => ({
      path: layout.ansible.hostVars(h.name, 'node_exporter'),
      format: 'yaml',
      value: nodeExporterRoleVars(h),
    })),
    ...prometheus.filter((a) => isRuleFile(a.path)).map((a): Artifact => ({ ...a, path: layout.ansible.ruleFile(baseName(a.path)) })),
  ];
}
