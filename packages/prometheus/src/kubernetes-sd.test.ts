import { resolve } from '@kiln/model';
import { planWithoutDashboards } from '@kiln/plan';
import { site as holmos } from '@kiln/site-holmos';
import { describe, expect, it } from 'vitest';
import { generatePrometheus } from './generate.js';
import { SERVICE_ACCOUNT_CA, SERVICE_ACCOUNT_TOKEN, usesKubernetesSd, withStaticDiscovery } from './kubernetes-sd.js';

const artifacts = generatePrometheus(planWithoutDashboards(resolve(holmos)));
const config = artifacts.find((a) => a.path === 'prometheus/prometheus.yml')!.value as Record<string, any>;
const job = (name: string) => config['scrape_configs'].find((j: any) => j.job_name === name);

describe('prometheus.yml of a Kubernetes site', () => {
  it("has the seed's jobs with Kubernetes discovery and no file_sd", () => {
    expect(config['scrape_configs'].map((j: any) => j.job_name)).toEqual([
      'prometheus',
      'alertmanager',
      'kubernetes-apiservers',
      'kubelet',
      'cadvisor',
      'node',
      'kube-state-metrics',
      'kubernetes-service-endpoints',
      'kubernetes-pods',
    ]);
    expect(artifacts.some((a) => a.path.includes('file_sd'))).toBe(false);
    expect(usesKubernetesSd(config)).toBe(true);
  });

  it('verifies the API server with the in-cluster CA and the service-account token, never insecure_skip_verify', () => {
    for (const name of ['kubernetes-apiservers', 'kubelet', 'cadvisor']) {
      expect(job(name), name).toMatchObject({
        scheme: 'https',
        tls_config: { ca_file: SERVICE_ACCOUNT_CA },
        authorization: { credentials_file: SERVICE_ACCOUNT_TOKEN },
      });
    }
    expect(JSON.stringify(config)).not.toContain('insecure_skip_verify');
  });

  it("writes the site's relabel rules as data after Kiln's own", () => {
    expect(job('cadvisor').metric_relabel_configs).toEqual([
      { source_labels: ['__name__'], regex: 'container_(network_tcp_usage_total|network_udp_usage_total|tasks_state)', action: 'drop' },
    ]);
    expect(job('node').relabel_configs.map((r: any) => r.target_label ?? r.action)).toEqual(['keep', 'node', 'host', 'instance']);
  });

  it('has a static-discovery copy for parsers without Kubernetes discovery, CA and token moved', () => {
    const copy = withStaticDiscovery(config, '/tmp/sa') as Record<string, any>;
    expect(usesKubernetesSd(copy)).toBe(false);
    const nodes = copy['scrape_configs'].find((j: any) => j.job_name === 'kubelet');
    expect(nodes).toMatchObject({
      static_configs: [{ targets: ['kubelet.kubernetes-sd.invalid:443'] }],
      tls_config: { ca_file: '/tmp/sa/ca.crt' },
      authorization: { credentials_file: '/tmp/sa/token' },
    });
    expect(nodes.relabel_configs).toEqual(job('kubelet').relabel_configs);
  });

  it("puts the seed's flags in prometheus.args", () => {
    const args = String(artifacts.find((a) => a.path === 'prometheus/prometheus.args')!.value).split('\n');
    expect(args).toEqual(
      expect.arrayContaining([
        '--storage.tsdb.retention.time=7d',
        '--storage.tsdb.retention.size=15GB',
        '--web.enable-lifecycle',
        '--query.max-concurrency=2',
        '--query.timeout=2m',
      ]),
    );
  });
});
