import { describe, expect, it } from 'vitest';
import { formatMemory, memoryBytes } from './cluster-resolve.js';
import { SiteError, formatIssue } from './errors.js';
import { resolve } from './resolve.js';
import type { SiteInput } from './schema.js';
import { smallSite } from './testing.js';

const res = (cpu: string, memory: string) => ({ requests: { cpu, memory }, limits: { cpu, memory } });

/** smallSite as a two-node cluster: `storage` (16Gi) and `compute` (8Gi). */
function clusterSite(): SiteInput & { kubernetes: any } {
  const s = smallSite();
  for (const h of Object.values(s.hosts)) delete h.exporters;
  delete s.mounts;
  return {
    ...s,
    kubernetes: {
      name: 'lab',
      namespace: 'monitoring',
      nodes: {
        compute: { architecture: 'amd64', resources: { cpu: 8, memory: '8Gi', disk: '500Gi' } },
        storage: { architecture: 'amd64', resources: { cpu: 4, memory: '16Gi', disk: '4096Gi' } },
      },
      storageClasses: { 'local-path': { provisioner: 'rancher.io/local-path' } },
      defaultStorageClass: 'local-path',
      stack: {
        budget: { memoryLimit: '1Gi' },
        prometheus: {
          image: 'prom/prometheus:v2.48.0',
          resources: res('500m', '512Mi'),
          storage: { size: '20Gi' },
          placement: { avoid: ['storage'], preferMostMemory: true },
        },
        alertmanager: { image: 'prom/alertmanager:v0.26.0', resources: res('100m', '64Mi'), storage: { size: '1Gi' } },
        grafana: {
          image: 'grafana/grafana:10.2.3',
          resources: res('200m', '128Mi'),
          storage: { size: '1Gi' },
          adminPasswordSecret: { name: 'grafana', key: 'password' },
        },
        kubeStateMetrics: { image: 'registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.10.1', resources: res('100m', '64Mi') },
        nodeExporter: {
          image: 'prom/node-exporter:v1.7.0',
          resources: res('100m', '64Mi'),
          host: { network: true, pid: true, rootfs: true, reason: 'it reports the node, not its pod' },
        },
      },
      discovery: { nodeExporter: {}, kubeStateMetrics: {}, kubelet: {} },
    },
  };
}

function issuesOf(input: unknown): string[] {
  try {
    resolve(input);
  } catch (err) {
    if (err instanceof SiteError) return err.issues.map(formatIssue);
    throw err;
  }
  throw new Error('expected resolve() to fail');
}

describe('kubernetes', () => {
  it('resolves nodes, defaults, placement and the Services Prometheus and Alertmanager are reached at', () => {
    const site = resolve(clusterSite());
    const k = site.kubernetes!;
    expect(k.nodes.map((n) => [n.name, n.memoryBytes])).toEqual([
      ['compute', 8 * 2 ** 30],
      ['storage', 16 * 2 ** 30],
    ]);
    expect(k.stack.prometheus.placement).toEqual({ avoid: ['storage'], prefer: ['compute'] });
    expect(k.stack.prometheus.storage).toEqual({ size: '20Gi', storageClass: 'local-path' });
    expect(k.stack.alertmanager.retention).toBe('120h');
    expect(k.discovery.map((j) => j.jobName)).toEqual(['kubelet', 'node', 'kube-state-metrics']);
    expect([site.prometheus.address, site.alertmanager.address]).toEqual([
      'prometheus.monitoring.svc:9090',
      'alertmanager.monitoring.svc:9093',
    ]);
    // The DaemonSet's node exporter is an exporter of every node.
    expect(site.hosts.map((h) => h.exporters.map((e) => `${e.kind}:${e.port}:${e.instance}`))).toEqual([
      ['node:9100:compute'],
      ['node:9100:storage'],
    ]);
  });

  it('fails when the stack exceeds its memory budget, naming every component', () => {
    const s = clusterSite();
    s.kubernetes.stack.budget.memoryLimit = '768Mi';
    expect(issuesOf(s)).toEqual([
      "kubernetes `lab`: stack.budget.memoryLimit: the stack's memory limits sum to 896Mi (prometheus 512Mi, alertmanager 64Mi, grafana 128Mi, kube-state-metrics 64Mi, node-exporter 2 × 64Mi = 128Mi), over the budget of 768Mi; lower the limits of the largest components or raise the budget",
    ]);
  });

  it('names an unknown storage class, node and host with a did-you-mean', () => {
    const s = clusterSite();
    s.kubernetes.stack.grafana.storage.storageClass = 'local-pth';
    s.kubernetes.stack.prometheus.placement.avoid = ['storag'];
    s.kubernetes.nodes['compte'] = s.kubernetes.nodes['compute'];
    expect(issuesOf(s)).toEqual([
      'kubernetes `lab`: nodes.compte: unknown host `compte`; a node must be a host of the site; did you mean `compute`?',
      'kubernetes `lab`: stack.prometheus.placement.avoid: unknown node `storag`; did you mean `storage`?',
      'kubernetes `lab`: stack.grafana.storage.storageClass: unknown storage class `local-pth`; the cluster has `local-path`; did you mean `local-path`?',
    ]);
  });

  it('rejects a request above its limit, an unpinned image and host access without a reason', () => {
    const s = clusterSite();
    s.kubernetes.stack.alertmanager.resources = { requests: { cpu: '200m', memory: '64Mi' }, limits: { cpu: '100m', memory: '64Mi' } };
    s.kubernetes.stack.grafana.image = 'grafana/grafana:latest';
    s.kubernetes.stack.nodeExporter.host.reason = 'needed';
    const issues = issuesOf(s);
    expect(issues).toContain('kubernetes `lab`: stack.nodeExporter.host.reason: give the reason in a sentence');
    expect(issues).toContain(
      'kubernetes `lab`: stack.grafana.image: must be an image reference with a pinned version tag such as `prom/prometheus:v2.48.0` (not `latest`)',
    );
  });

  it("needs the receivers' credential files below the Alertmanager Secret's mount", () => {
    const s = clusterSite();
    s.receivers['email']!.slack = [{ apiUrlFile: '/run/secrets/slack-url', channel: '#alerts' }];
    expect(issuesOf(s)).toEqual([
      'receiver `email`: slack[0].apiUrlFile: Alertmanager runs in cluster `lab` and can read `/run/secrets/slack-url` only from a Secret; set `kubernetes.stack.alertmanager.secret` and put the file below its `mountPath`',
    ]);
    s.kubernetes.stack.alertmanager.secret = { name: 'am', mountPath: '/etc/alertmanager/secrets' };
    expect(issuesOf(s)).toEqual([
      "receiver `email`: slack[0].apiUrlFile: `/run/secrets/slack-url` is not below `/etc/alertmanager/secrets/`, where Alertmanager's Secret `am` is mounted; move it there",
    ]);
    s.receivers['email']!.slack = [{ apiUrlFile: '/etc/alertmanager/secrets/slack-url', channel: '#alerts' }];
    expect(resolve(s).kubernetes!.stack.alertmanager.secret).toEqual({ name: 'am', mountPath: '/etc/alertmanager/secrets' });
  });

  it('keeps the node exporter of a cluster node in the cluster, not on the host', () => {
    const s = clusterSite();
    s.hosts['compute']!.exporters = { node: {} };
    expect(issuesOf(s)).toEqual([
      "host `compute`: exporters.node: is deployed by the cluster's node-exporter DaemonSet (`kubernetes.stack.nodeExporter`); remove it from the host",
    ]);
  });
});

describe('memory quantities', () => {
  it('parse and print binary units', () => {
    expect(memoryBytes('64Mi')).toBe(64 * 2 ** 20);
    expect(formatMemory(1792 * 2 ** 20)).toBe('1792Mi');
    expect(formatMemory(2 * 2 ** 30)).toBe('2Gi');
  });
});
