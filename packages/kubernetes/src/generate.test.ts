import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { describe, expect, it } from 'vitest';
import { build, holmos, victoriaMetricsVariant } from './fixture.js';
import { manifests } from './manifest.js';

const objects = () =>
  build()
    .artifacts.filter((a) => a.path.endsWith('.yaml'))
    .map((a) => ({ path: a.path, value: a.value as Record<string, any> }));
const find = (kind: string, name: string) => objects().find((o) => o.value['kind'] === kind && o.value['metadata'].name === name)!.value;
const podSpecs = () =>
  objects()
    .filter((o) => o.value['spec']?.template)
    .map((o) => ({ path: o.path, spec: o.value['spec'].template.spec as Record<string, any> }));

describe('the HolmOS manifests', () => {
  it('are one object per file, named <order>-<name>-<kind>.yaml in apply order, namespace first', () => {
    const paths = objects().map((o) => o.path);
    expect(paths[0]).toBe('kubernetes/00-monitoring-namespace.yaml');
    expect(paths).toEqual([...paths].sort());
    const order = (kind: string) => paths.findIndex((p) => p.endsWith(`-${kind}.yaml`));
    expect(order('serviceaccount')).toBeLessThan(order('clusterrolebinding'));
    expect(order('configmap')).toBeLessThan(order('deployment'));
    expect(order('persistentvolumeclaim')).toBeLessThan(order('deployment'));
    for (const o of objects())
      expect(o.path).toBe(`kubernetes/${o.path.slice(11, 13)}-${o.value['metadata'].name}-${String(o.value['kind']).toLowerCase()}.yaml`);
  });

  it('are deterministic to the byte', () => {
    expect(JSON.stringify(build().artifacts)).toBe(JSON.stringify(build().artifacts));
  });

  it('run every container non-root, read-only, without privilege escalation or capabilities, with seccomp RuntimeDefault', () => {
    expect(podSpecs()).toHaveLength(5);
    for (const { path, spec } of podSpecs()) {
      expect(spec['securityContext'], path).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      for (const c of spec['containers']) {
        expect(c.securityContext, path).toEqual({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          runAsNonRoot: true,
          capabilities: { drop: ['ALL'] },
        });
        expect(c.image, path).toMatch(/:v?\d+\.\d+\.\d+$/);
        expect(Object.keys(c.resources.requests).sort(), path).toEqual(['cpu', 'memory']);
        expect(Object.keys(c.resources.limits).sort(), path).toEqual(['cpu', 'memory']);
        expect(c.livenessProbe, path).toBeDefined();
        expect(c.readinessProbe, path).toBeDefined();
        expect(JSON.stringify(c.env ?? []), path).not.toMatch(/PASSWORD","value"/);
      }
    }
  });

  it("give the node exporter host access read-only, with the site's reason, and nothing else", () => {
    for (const { path, spec } of podSpecs()) {
      if (path.includes('node-exporter')) continue;
      expect([spec['hostNetwork'], spec['hostPID'], spec['volumes']?.some((v: any) => v.hostPath) ?? false], path).toEqual([
        undefined,
        undefined,
        false,
      ]);
    }
    const ds = find('DaemonSet', 'node-exporter');
    expect(ds['spec'].template.metadata.annotations['kiln.dev/host-access-reason']).toMatch(/node's network interfaces/);
    expect(ds['spec'].template.spec.containers[0].volumeMounts.every((m: any) => m.readOnly)).toBe(true);
    expect(ds['spec'].template.spec.containers[0].args).toEqual(
      expect.arrayContaining([
        '--collector.filesystem.mount-points-exclude=^/(dev|proc|sys|var/lib/docker/.+|var/lib/kubelet/.+)($|/)',
        '--collector.netclass.ignored-devices=^(veth.*|docker.*|br-.*)$',
        '--no-collector.arp',
        '--no-collector.zfs',
      ]),
    );
  });

  it('keep Prometheus off the storage node and prefer the nodes with the most memory', () => {
    const aff = find('Deployment', 'prometheus')['spec'].template.spec.affinity.nodeAffinity;
    expect(aff.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0]).toEqual({
      key: 'kubernetes.io/hostname',
      operator: 'NotIn',
      values: ['openmediavault'],
    });
    expect(aff.preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions[0].values).toEqual([
      'rpi-1',
      'rpi-2',
      'rpi-3',
      'rpi-4',
    ]);
  });

  it('reference the Grafana admin password Secret and write no Secret', () => {
    expect(objects().some((o) => o.value['kind'] === 'Secret')).toBe(false);
    const env = find('Deployment', 'grafana')['spec'].template.spec.containers[0].env;
    expect(env[0]).toEqual({
      name: 'GF_SECURITY_ADMIN_PASSWORD',
      valueFrom: { secretKeyRef: { name: 'grafana-secrets', key: 'admin-password' } },
    });
  });

  it("mount the receivers' Secret into Alertmanager read-only, by reference", () => {
    const spec = find('Deployment', 'alertmanager')['spec'].template.spec;
    expect(spec.volumes).toContainEqual({ name: 'secrets', secret: { secretName: 'alertmanager-secrets' } });
    expect(spec.containers[0].volumeMounts).toContainEqual({ name: 'secrets', mountPath: '/etc/alertmanager/secrets', readOnly: true });
  });

  it('let Prometheus alone reach kube-state-metrics, and Grafana alone reach Prometheus', () => {
    const from = (name: string) =>
      find('NetworkPolicy', name)['spec'].ingress.flatMap((r: any) =>
        (r.from ?? [{ anywhere: true }]).map((p: any) => p.podSelector?.matchLabels['app.kubernetes.io/name'] ?? 'anywhere'),
      );
    expect(from('kube-state-metrics')).toEqual(['prometheus']);
    expect(from('prometheus')).toEqual(['grafana']);
    expect(from('alertmanager')).toEqual(['prometheus', 'grafana']);
  });

  it('scope RBAC to what discovery reads: no secrets, no writes', () => {
    for (const name of ['monitoring-prometheus', 'monitoring-kube-state-metrics']) {
      const rules = find('ClusterRole', name)['rules'] as { resources?: string[]; verbs: string[] }[];
      expect(
        rules.flatMap((r) => r.verbs).every((v) => ['get', 'list', 'watch'].includes(v)),
        name,
      ).toBe(true);
      expect(
        rules.flatMap((r) => r.resources ?? []),
        name,
      ).not.toContain('secrets');
    }
    expect(find('ClusterRole', 'monitoring-prometheus')['rules'][0].resources).toContain('nodes/proxy');
  });

  it('roll the pods when their configuration changes (checksum annotation)', () => {
    const checksum = (artifacts: ReturnType<typeof build>['artifacts'], name: string) =>
      (artifacts.find((a) => a.path === `kubernetes/06-${name}-deployment.yaml`)!.value as any).spec.template.metadata.annotations[
        'kiln.dev/config-checksum'
      ];
    const before = build().artifacts;
    const after = build({ ...holmos, prometheus: { ...holmos.prometheus, scrapeInterval: '60s' } }).artifacts;
    expect(checksum(after, 'prometheus')).not.toBe(checksum(before, 'prometheus'));
    expect(checksum(after, 'alertmanager')).toBe(checksum(before, 'alertmanager'));
  });

  it('carry the four dashboards of the seed (Cluster overview, Node detail, Kubernetes resources, Services) in the dashboards ConfigMap', () => {
    expect(Object.keys(find('ConfigMap', 'grafana-dashboards')['data'])).toEqual(
      expect.arrayContaining(['holmos-cluster.json', 'holmos-node.json', 'holmos-kubernetes.json', 'holmos-services.json']),
    );
    const mount = find('Deployment', 'grafana')['spec'].template.spec.containers[0].volumeMounts.find((m: any) => m.name === 'dashboards');
    expect(mount.mountPath).toBe('/var/lib/grafana/dashboards/holmos');
  });

  it('stay within the 2Gi budget: 1792Mi of memory limits', () => {
    const readme = String(build().artifacts.find((a) => a.path === 'kubernetes/README.md')!.value);
    expect(readme).toContain('| **all** | | | **1792Mi** |');
  });
});

describe('manifests()', () => {
  it('fails the build on an invalid object, naming its file and the field', () => {
    const bad = new Deployment({
      metadata: { name: 'bad' },
      spec: {
        selector: { matchLabels: { a: 'b' } },
        template: { spec: { containers: [{ name: 'c', image: 'x:1', resources: { limits: { memory: '12XX' } } }] } },
      },
    });
    expect(() => manifests([bad])).toThrow(/kubernetes\/06-bad-deployment\.yaml: .*resources\/limits\/memory must match format "quantity"/);
  });
});

describe('the VictoriaMetrics option of HolmOS', () => {
  const vm = () =>
    build(victoriaMetricsVariant)
      .artifacts.filter((a) => a.path.endsWith('.yaml'))
      .map((a) => a.value as Record<string, any>);
  const get = (kind: string, name: string) => vm().find((o) => o['kind'] === kind && o['metadata'].name === name)!;

  it('replaces Prometheus by victoria-metrics and vmalert, the rest of the stack unchanged', () => {
    const workloads = vm()
      .filter((o) => ['Deployment', 'DaemonSet'].includes(o['kind']))
      .map((o) => o['metadata'].name)
      .sort();
    expect(workloads).toEqual(['alertmanager', 'grafana', 'kube-state-metrics', 'node-exporter', 'victoria-metrics', 'vmalert']);
  });

  it('scrapes with the same jobs (scrape section only) and evaluates the same rules', () => {
    const scrape = get('ConfigMap', 'victoria-metrics-config')['data']['scrape.yml'] as string;
    expect(scrape).not.toMatch(/rule_files|alerting:|evaluation_interval/);
    expect(scrape).toContain('kubernetes_sd_configs');
    expect(Object.keys(get('ConfigMap', 'vmalert-rules')['data']).sort()).toEqual([
      'kubernetes-nodes.yml',
      'kubernetes-storage.yml',
      'kubernetes-workloads.yml',
    ]);
    const args = get('Deployment', 'vmalert')['spec'].template.spec.containers[0].args as string[];
    expect(args).toEqual(
      expect.arrayContaining([
        '-rule=/etc/vmalert/rules/*.yml',
        '-datasource.url=http://victoria-metrics.monitoring.svc:8428',
        '-notifier.url=http://alertmanager.monitoring.svc:9093',
      ]),
    );
  });

  it('points Grafana at VictoriaMetrics and lets only it scrape the exporters', () => {
    expect(get('ConfigMap', 'grafana-datasources')['data']['kiln.yaml']).toContain('url: http://victoria-metrics.monitoring.svc:8428');
    const from = (name: string) =>
      get('NetworkPolicy', name)['spec'].ingress[0].from.map((p: any) => p.podSelector.matchLabels['app.kubernetes.io/name']);
    expect(from('kube-state-metrics')).toEqual(['victoria-metrics']);
    expect(from('alertmanager')).toEqual(['vmalert', 'grafana']);
  });
});

describe('exposure', () => {
  it('an Ingress for Grafana instead of the NodePort, validated like every object', () => {
    const input = structuredClone(holmos);
    input.kubernetes!.stack.grafana.exposure = { type: 'Ingress', host: 'grafana.holm.local', className: 'traefik' };
    const objects = build(input).artifacts.map((a) => a.value as Record<string, any>);
    const ingress = objects.find((o) => o?.['kind'] === 'Ingress')!;
    expect(ingress['spec']).toEqual({
      ingressClassName: 'traefik',
      rules: [
        {
          host: 'grafana.holm.local',
          http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'grafana', port: { number: 3000 } } } }] },
        },
      ],
    });
    const svc = objects.find((o) => o?.['kind'] === 'Service' && o['metadata'].name === 'grafana')!;
    expect(svc['spec'].type).toBeUndefined();
  });
});
