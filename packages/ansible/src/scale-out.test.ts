import { resolve } from '@kiln/model';
import { smallSite } from '@kiln/model/testing';
import { generateAlertmanager } from '@kiln/alertmanager';
import { planWithoutDashboards } from '@kiln/plan';
import { generatePrometheus } from '@kiln/prometheus';
import { describe, expect, it } from 'vitest';
import { generateAnsible } from './generate.js';

/** smallSite deployed with Ansible: a replica and an Alertmanager member on `storage`, writing to VictoriaMetrics. */
function replicatedSite() {
  const site = smallSite();
  site.deploy = { ansible: {} };
  site.prometheus = {
    host: 'compute',
    replicas: { label: 'replica', peers: [{ host: 'storage' }] },
    remoteWrite: {
      vm: { engine: 'victoriametrics', url: 'https://vm.example.org/api/v1/write', bearerTokenFile: '/etc/prometheus/vm-token' },
    },
  };
  site.alertmanager = { host: 'compute', cluster: { members: { 'am-storage': { host: 'storage' } } } };
  return site;
}

const vars = (site: ReturnType<typeof smallSite>) => {
  const plan = planWithoutDashboards(resolve(site));
  const files = generateAnsible(plan, [...generatePrometheus(plan), ...generateAlertmanager(plan)]);
  return (path: string) => JSON.parse(JSON.stringify(files.find((a) => a.path === path)?.value)) as Record<string, any>;
};

describe('replicas and an Alertmanager cluster with Ansible', () => {
  const at = vars(replicatedSite());

  it('gives each replica host its own listen address and replica label, the replica label dropped from alerts and from what VictoriaMetrics receives', () => {
    const first = at('ansible/host_vars/compute/prometheus.yml');
    const second = at('ansible/host_vars/storage/prometheus.yml');
    expect(first['prometheus_web_listen_address']).toBe('10.60.0.20:9090');
    expect(second['prometheus_web_listen_address']).toBe('10.60.0.10:9090');
    expect(first['prometheus_external_labels']).toEqual({ site: 'lab', replica: '0' });
    expect(second['prometheus_external_labels']).toEqual({ site: 'lab', replica: '1' });
    for (const v of [first, second]) {
      expect(v['prometheus_alert_relabel_configs']).toEqual([{ action: 'labeldrop', regex: 'replica' }]);
      expect(v['prometheus_remote_write'][0].write_relabel_configs).toEqual([{ action: 'labeldrop', regex: 'replica' }]);
      expect(v['prometheus_alertmanager_config']).toEqual([{ static_configs: [{ targets: ['10.60.0.20:9093', '10.60.0.10:9093'] }] }]);
    }
    // The second replica's target files are the role's, not `../file_sd/…`.
    const node = second['prometheus_scrape_configs'].find((j: { job_name: string }) => j.job_name === 'node');
    expect(node.file_sd_configs[0].files).toEqual(['{{ prometheus_config_dir }}/file_sd/node.yml']);
  });

  it("gives each Alertmanager host the role's cluster variable: its gossip address and its peers", () => {
    expect(at('ansible/host_vars/compute/alertmanager.yml')['alertmanager_cluster']).toEqual({
      'listen-address': '10.60.0.20:9094',
      peers: ['10.60.0.10:9094'],
    });
    expect(at('ansible/host_vars/storage/alertmanager.yml')['alertmanager_cluster']).toEqual({
      'listen-address': '10.60.0.10:9094',
      peers: ['10.60.0.20:9094'],
    });
  });

  it('refuses shards, which the role cannot run, with the reason and the fix', () => {
    const site = replicatedSite();
    site.prometheus.shards = 2;
    expect(() => resolve(site)).toThrow(
      /prometheus `lab`: shards: cannot be deployed with `deploy.ansible`.*deploy shards with `deploy.compose`/,
    );
  });
});
