import { resolve } from '@kiln/model';
import { smallSite } from '@kiln/model/testing';
import { planWithoutDashboards } from '@kiln/plan';
import { generateAlertmanager } from '@kiln/alertmanager';
import { generatePrometheus } from '@kiln/prometheus';
import { describe, expect, it } from 'vitest';
import { generateAnsible } from './generate.js';
import { literal } from './jinja.js';

/**
 * Variables the roles declare, from prometheus-community/ansible roles/prometheus/meta/argument_specs.yml
 * and roles/node_exporter/defaults/main.yml. A name outside these lists would be silently ignored.
 */
const PROMETHEUS_ROLE_VARIABLES = [
  'prometheus_version',
  'prometheus_binary_url',
  'prometheus_checksums_url',
  'prometheus_config_dir',
  'prometheus_db_dir',
  'prometheus_read_only_dirs',
  'prometheus_binary_install_dir',
  'prometheus_web_listen_address',
  'prometheus_web_config',
  'prometheus_web_external_url',
  'prometheus_metrics_path',
  'prometheus_storage_retention',
  'prometheus_storage_retention_size',
  'prometheus_agent_mode',
  'prometheus_config_flags_extra',
  'prometheus_alertmanager_config',
  'prometheus_alert_relabel_configs',
  'prometheus_global',
  'prometheus_remote_write',
  'prometheus_remote_read',
  'prometheus_external_labels',
  'prometheus_targets',
  'prometheus_scrape_configs',
  'prometheus_config_file',
  'prometheus_alert_rules',
  'prometheus_alert_rules_files',
  'prometheus_provisioning_synced',
  'prometheus_static_targets_files',
  'prometheus_scrape_config_files',
  'prometheus_system_group',
  'prometheus_system_user',
  'prometheus_stop_timeout',
  'prometheus_local_cache_path',
];
/** roles/alertmanager/defaults/main.yml (prometheus-community/ansible). */
const ALERTMANAGER_ROLE_VARIABLES = [
  'alertmanager_version',
  'alertmanager_binary_local_dir',
  'alertmanager_config_dir',
  'alertmanager_db_dir',
  'alertmanager_config_file',
  'alertmanager_template_files',
  'alertmanager_web_listen_address',
  'alertmanager_web_external_url',
  'alertmanager_http_config',
  'alertmanager_resolve_timeout',
  'alertmanager_config_flags_extra',
  'alertmanager_smtp',
  'alertmanager_slack_api_url',
  'alertmanager_pagerduty_url',
  'alertmanager_opsgenie_api_key',
  'alertmanager_opsgenie_api_url',
  'alertmanager_victorops_api_key',
  'alertmanager_victorops_api_url',
  'alertmanager_hipchat_api_url',
  'alertmanager_hipchat_auth_token',
  'alertmanager_wechat_url',
  'alertmanager_wechat_secret',
  'alertmanager_wechat_corp_id',
  'alertmanager_cluster',
  'alertmanager_receivers',
  'alertmanager_inhibit_rules',
  'alertmanager_route',
  'alertmanager_amtool_config_file',
  'alertmanager_amtool_config_alertmanager_url',
  'alertmanager_amtool_config_output',
];
const NODE_EXPORTER_ROLE_VARIABLES = [
  'node_exporter_version',
  'node_exporter_binary_url',
  'node_exporter_checksums_url',
  'node_exporter_web_disable_exporter_metrics',
  'node_exporter_web_listen_address',
  'node_exporter_web_telemetry_path',
  'node_exporter_textfile_dir',
  'node_exporter_tls_server_config',
  'node_exporter_http_server_config',
  'node_exporter_basic_auth_users',
  'node_exporter_enabled_collectors',
  'node_exporter_disabled_collectors',
  'node_exporter_binary_install_dir',
  'node_exporter_system_group',
  'node_exporter_system_user',
  'node_exporter_config_dir',
  'node_exporter_local_cache_path',
  'node_exporter_log_level',
];

function ansibleSite() {
  const site = smallSite();
  site.hosts['storage']!.exporters = { node: { collectors: ['systemd'] }, loki: { scheme: 'https', tls: { caFile: '/etc/ssl/ca.pem' } } };
  site.services!['proxy'] = { host: 'compute', endpoints: { ui: { port: 8081, kind: 'service', bind: 'nic1' } } };
  Object.assign(site.prometheus, {
    bind: 'loopback',
    exposedVia: { service: 'proxy', endpoint: 'ui' },
    tsdbPath: '/var/lib/prometheus',
    retentionSize: '5GB',
    instanceLabel: 'host',
    externalLabels: { cluster: 'lab' },
  });
  site.deploy = { ansible: { nodeExporterHosts: ['storage'] } };
  return site;
}
/** The Ansible target as the pipeline runs it: on the plan, with the Prometheus target's artifacts. */
const parseAm = (v: unknown) => JSON.parse(JSON.stringify(v)) as { route: unknown; receivers: unknown; inhibit_rules: unknown };
const ansible = (site: ReturnType<typeof smallSite>) => {
  const plan = planWithoutDashboards(resolve(site));
  return generateAnsible(plan, [...generatePrometheus(plan), ...generateAlertmanager(plan)]);
};
const file = (site: ReturnType<typeof smallSite>, path: string) => ansible(site).find((a) => a.path === path)?.value as Record<string, any>;

describe('generateAnsible', () => {
  it('writes nothing for sites without `deploy.ansible`', () => {
    expect(ansible(smallSite())).toEqual([]);
  });

  it('writes host_vars for the Prometheus and Alertmanager hosts and each listed node exporter, and the rule files', () => {
    const paths = ansible(ansibleSite()).map((a) => a.path);
    expect(paths.filter((p) => !p.includes('/files/')).sort()).toEqual([
      'ansible/README.md',
      'ansible/host_vars/compute/alertmanager.yml',
      'ansible/host_vars/compute/prometheus.yml',
      'ansible/host_vars/storage/node_exporter.yml',
    ]);
    const rules = generatePrometheus(planWithoutDashboards(resolve(ansibleSite()))).filter((a) => a.path.startsWith('prometheus/rules/'));
    expect(paths.filter((p) => p.includes('/files/'))).toEqual(
      rules.map((r) => r.path.replace('prometheus/rules/', 'ansible/files/prometheus/rules/')),
    );
  });

  it('uses only variable names the roles declare', () => {
    expect(
      Object.keys(file(ansibleSite(), 'ansible/host_vars/compute/prometheus.yml')).filter((k) => !PROMETHEUS_ROLE_VARIABLES.includes(k)),
    ).toEqual([]);
    expect(
      Object.keys(file(ansibleSite(), 'ansible/host_vars/storage/node_exporter.yml')).filter(
        (k) => !NODE_EXPORTER_ROLE_VARIABLES.includes(k),
      ),
    ).toEqual([]);
    expect(
      Object.keys(file(ansibleSite(), 'ansible/host_vars/compute/alertmanager.yml')).filter(
        (k) => !ALERTMANAGER_ROLE_VARIABLES.includes(k),
      ),
    ).toEqual([]);
  });

  it('gives the alertmanager role the generated route, receivers and inhibit rules, its bind address and no gossip port', () => {
    const site = resolve(ansibleSite());
    const am = parseAm(generateAlertmanager(planWithoutDashboards(site))[0]!.value);
    expect(file(ansibleSite(), 'ansible/host_vars/compute/alertmanager.yml')).toEqual({
      alertmanager_web_listen_address: '10.60.0.20:9093',
      alertmanager_web_external_url: 'http://10.60.0.20:9093/',
      alertmanager_cluster: { 'listen-address': '' },
      alertmanager_route: am.route,
      alertmanager_receivers: am.receivers,
      alertmanager_inhibit_rules: am.inhibit_rules,
    });
  });

  it('carries storage, addresses, global settings and labels of the site', () => {
    const vars = file(ansibleSite(), 'ansible/host_vars/compute/prometheus.yml');
    expect(vars).toMatchObject({
      prometheus_config_dir: '/etc/prometheus',
      prometheus_db_dir: '/var/lib/prometheus',
      prometheus_web_listen_address: '127.0.0.1:9090',
      prometheus_web_external_url: 'http://10.60.0.20:8081/',
      prometheus_storage_retention: '15d',
      prometheus_storage_retention_size: '5GB',
      prometheus_global: { scrape_interval: '30s', scrape_timeout: '10s', evaluation_interval: '30s' },
      prometheus_external_labels: { site: 'lab', cluster: 'lab' },
      prometheus_alertmanager_config: [{ static_configs: [{ targets: ['10.60.0.20:9093'] }] }],
      prometheus_alert_rules_files: ['prometheus/rules/*.yml'],
      prometheus_alert_rules: [],
    });
  });

  it('scrapes the role-written file_sd files and fills them from the inventory', () => {
    const vars = file(ansibleSite(), 'ansible/host_vars/compute/prometheus.yml');
    const loki = vars['prometheus_scrape_configs'].find((j: { job_name: string }) => j.job_name === 'loki');
    expect(loki).toEqual({
      job_name: 'loki',
      scheme: 'https',
      tls_config: { ca_file: '/etc/ssl/ca.pem' },
      file_sd_configs: [{ files: ['{{ prometheus_config_dir }}/file_sd/loki.yml'], refresh_interval: '1m' }],
    });
    expect(vars['prometheus_targets']['node']).toEqual([
      { targets: ['10.60.0.20:9100'], labels: { host: 'compute', instance: 'compute', job: 'node' } },
      { targets: ['10.60.0.10:9100'], labels: { host: 'storage', instance: 'storage', job: 'node' } },
    ]);
    expect(Object.keys(vars['prometheus_targets'])).toEqual(['loki', 'node', 'nvidia-gpu']);
  });

  it('gives the node exporter role its listen address and exactly the enabled collectors', () => {
    expect(file(ansibleSite(), 'ansible/host_vars/storage/node_exporter.yml')).toEqual({
      node_exporter_web_listen_address: '10.60.0.10:9100',
      node_exporter_enabled_collectors: ['systemd'],
    });
  });

  it('keeps Jinja delimiters in site values literal', () => {
    const site = ansibleSite();
    site.prometheus.externalLabels = { note: 'a {{ b }}' };
    expect(file(site, 'ansible/host_vars/compute/prometheus.yml')['prometheus_external_labels']['note']).toBe(
      '{% raw %}a {{ b }}{% endraw %}',
    );
    expect(literal('plain')).toBe('plain');
    expect(literal('x {% endraw %} y')).toBe("{% raw %}x {% endraw %}{{ '{% endraw %}' }}{% raw %} y{% endraw %}");
  });
});
