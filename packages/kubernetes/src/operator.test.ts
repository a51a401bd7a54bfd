import { SiteError, resolve } from '@kiln/model';
import { operatorSite } from '@kiln/model/testing';
import { isDashboardFile, isRuleFile, layout } from '@kiln/plan';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { build, holmos, portkey } from './fixture.js';
import { SELECTOR_LABEL } from './operator.js';

type Obj = Record<string, any>;
const built = () => build(operatorSite());
const objects = () =>
  built()
    .artifacts.filter((a) => layout.kubernetes.isManifest(a.path))
    .map((a) => a.value as Obj);
const ofKind = (kind: string) => objects().filter((o) => o['kind'] === kind);
const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

function resolveErrors(edit: (s: ReturnType<typeof operatorSite>) => void): string[] {
  const input = operatorSite();
  edit(input);
  try {
    resolve(input);
    return [];
  } catch (e) {
    if (!(e instanceof SiteError)) throw e;
    return e.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  }
}

describe('the operator flavour', () => {
  it('writes the monitoring.coreos.com resources instead of Deployments of Prometheus, Alertmanager and Grafana', () => {
    const kinds = objects().map((o) => `${o['kind']}/${o['metadata'].name}`);
    expect(kinds).toEqual(expect.arrayContaining(['Prometheus/oplab', 'Alertmanager/oplab', 'Secret/alertmanager-oplab']));
    expect(kinds.filter((k) => k.startsWith('Deployment/'))).toEqual(['Deployment/kube-state-metrics']);
    expect(kinds).toContain('DaemonSet/node-exporter');
  });

  it('PrometheusRules carry exactly the rule files, and the Prometheus selects every one of them', () => {
    const { received } = built();
    const files = received.prometheus.filter((a) => isRuleFile(a.path));
    const rules = ofKind('PrometheusRule');
    const byGroup = (v: any) => v.groups[0].name as string;
    const sorted = (vs: any[]) => [...vs].sort((a, b) => (byGroup(a) < byGroup(b) ? -1 : 1));
    expect(rules).toHaveLength(files.length);
    expect(sorted(rules.map((r) => r['spec']))).toEqual(sorted(files.map((f) => f.value)));
    const prometheus = ofKind('Prometheus')[0]!;
    for (const r of rules) expect(matches(prometheus['spec'].ruleSelector.matchLabels, r['metadata'].labels)).toBe(true);
    // Only its own namespace is searched for rules: every PrometheusRule is there.
    expect(prometheus['spec'].ruleNamespaceSelector).toBeUndefined();
    expect(new Set(rules.map((r) => r['metadata'].namespace))).toEqual(new Set([prometheus['metadata'].namespace]));
  });

  it('every job the rules select is the job label some ServiceMonitor gives its targets, and the Prometheus selects them all', () => {
    const { received } = built();
    const selected = new Set(
      received.prometheus
        .filter((a) => isRuleFile(a.path))
        .flatMap((a) => [...JSON.stringify(a.value).matchAll(/job=\\"([^"\\]+)\\"/g)].map((m) => m[1]!)),
    );
    expect(selected.size).toBeGreaterThan(0);
    const monitors = ofKind('ServiceMonitor');
    const jobs = new Set(
      monitors.flatMap((m) =>
        m['spec'].endpoints.flatMap((e: Obj) =>
          e['relabelings'].filter((r: Obj) => r['targetLabel'] === 'job').map((r: Obj) => r['replacement']),
        ),
      ),
    );
    for (const job of selected) expect(jobs, `job ${job}`).toContain(job);
    const prometheus = ofKind('Prometheus')[0]!;
    for (const m of monitors) expect(matches(prometheus['spec'].serviceMonitorSelector.matchLabels, m['metadata'].labels)).toBe(true);
    expect(prometheus['metadata'].labels).not.toHaveProperty(SELECTOR_LABEL);
  });

  it('ServiceMonitors of the stack select the Services Kiln deploys, on ports those Services have', () => {
    const services = ofKind('Service');
    for (const m of ofKind('ServiceMonitor')) {
      if (m['spec'].namespaceSelector) continue; // the API server's and the kubelets' Services are the cluster's
      const svc = services.find((s) => matches(m['spec'].selector.matchLabels, s['metadata'].labels));
      expect(svc, m['metadata'].name).toBeDefined();
      for (const e of m['spec'].endpoints) expect(svc!['spec'].ports.map((p: Obj) => p['name'])).toContain(e['port']);
    }
  });

  it("scrapes VolSync's metrics Service as the manifests flavour's `volsync` job does: namespace, chart label, https port, token", () => {
    const b = build(portkey);
    const monitor = b.artifacts.map((a) => a.value as Obj).find((o) => o['kind'] === 'ServiceMonitor' && o['metadata'].name === 'volsync')!;
    const job = (
      b.received.prometheus.find((a) => a.path === layout.prometheus.config)!.value as { scrape_configs: Obj[] }
    ).scrape_configs.find((j) => j['job_name'] === 'volsync')!;
    const [namespace] = job['kubernetes_sd_configs'][0].namespaces.names;
    expect(monitor['spec'].namespaceSelector).toEqual({ matchNames: [namespace] });
    // The manifests flavour keeps `<service label value>;<port name>`; the ServiceMonitor selects the same.
    const [label, port] = (job['relabel_configs'][0].regex as string).split(';');
    expect(Object.values(monitor['spec'].selector.matchLabels)).toEqual([label]);
    const [endpoint] = monitor['spec'].endpoints;
    expect(endpoint).toMatchObject({ port, scheme: job['scheme'], bearerTokenFile: job['authorization'].credentials_file });
    expect(endpoint.tlsConfig).toEqual({ insecureSkipVerify: job['tls_config'].insecure_skip_verify });
    expect(endpoint.relabelings.at(-1)).toEqual({ targetLabel: 'job', replacement: 'volsync' });
  });

  it('`namespace` is for the volsync job only, and names where VolSync runs', () => {
    expect(resolveErrors((s) => void (s.kubernetes!.discovery.kubelet = { namespace: 'x' }))).toEqual([
      'kubernetes.discovery.kubelet.namespace: `namespace` applies to the `volsync` job only; remove it from `kubelet`',
    ]);
    expect(resolveErrors((s) => void (s.kubernetes!.discovery.volsync = {}))).toEqual([
      expect.stringMatching(/^kubernetes\.discovery\.volsync\.tls: .*set `tls: \{ caFile: .*`tls: \{ insecureSkipVerify: true \}`/),
    ]);
    const site = operatorSite();
    site.kubernetes!.discovery.volsync = { namespace: 'backup-system', tls: { caFile: '/etc/prometheus/secrets/volsync-ca/ca.crt' } };
    const monitor = build(site)
      .artifacts.map((a) => a.value as Obj)
      .find((o) => o['kind'] === 'ServiceMonitor' && o['metadata'].name === 'volsync')!;
    expect(monitor['spec'].namespaceSelector).toEqual({ matchNames: ['backup-system'] });
    expect(monitor['spec'].endpoints[0].tlsConfig).toEqual({ caFile: '/etc/prometheus/secrets/volsync-ca/ca.crt' });
  });

  it("the prometheus and alertmanager Services select the operator's pods on their `web` port", () => {
    for (const name of ['prometheus', 'alertmanager']) {
      const svc = ofKind('Service').find((s) => s['metadata'].name === name)!;
      // The labels the operator puts on the pods of `<Kind>/oplab`.
      expect(svc['spec'].selector).toEqual({ 'app.kubernetes.io/name': name, [name]: 'oplab' });
      expect(svc['spec'].ports[0].targetPort).toBe('web');
    }
    const am = ofKind('Prometheus')[0]!['spec'].alerting.alertmanagers[0];
    const target = ofKind('Service').find((s) => s['metadata'].name === am.name)!;
    expect(target['spec'].ports.map((p: Obj) => p['name'])).toContain(am.port);
  });

  it('the Alertmanager reads alertmanager.yml from its Secret, which names credentials by file only', () => {
    const { received } = built();
    const secret = ofKind('Secret')[0]!;
    const yml = received.alertmanager.find((a) => a.path === layout.alertmanager.config)!;
    const text = secret['stringData']['alertmanager.yaml'] as string;
    expect(parse(text)).toEqual(yml.value);
    expect(text).toContain('credentials_file: /etc/alertmanager/secrets/alertmanager-receivers/ntfy-token');
    expect(text).not.toMatch(/\b(credentials|password|api_url|token):/);
    const am = ofKind('Alertmanager')[0]!['spec'];
    expect(am.configSecret).toBe(secret['metadata'].name);
    // The receivers' Secret is mounted where alertmanager.yml's `*_file` paths point.
    expect(am.volumes).toEqual([{ name: 'receivers', secret: { secretName: 'alertmanager-receivers' } }]);
    expect(am.volumeMounts).toEqual([{ name: 'receivers', mountPath: '/etc/alertmanager/secrets/alertmanager-receivers', readOnly: true }]);
    for (const f of text.match(/(?<=_file: ).*/g)!) expect(f.startsWith(`${am.volumeMounts[0].mountPath}/`), f).toBe(true);
  });

  it("dashboards and datasources are ConfigMaps for the Grafana sidecar, byte for byte the Grafana target's files", () => {
    const { received } = built();
    const dashboards = received.grafana.filter((a) => isDashboardFile(a.path));
    const maps = ofKind('ConfigMap').filter((c) => c['metadata'].labels['grafana_dashboard'] === '1');
    expect(maps).toHaveLength(dashboards.length);
    for (const d of dashboards) {
      const file = d.path.slice(d.path.lastIndexOf('/') + 1);
      const map = maps.find((m) => file in m['data'])!;
      expect(JSON.parse(map['data'][file])).toEqual(d.value);
    }
    const ds = ofKind('ConfigMap').filter((c) => c['metadata'].labels['grafana_datasource'] === '1');
    expect(ds).toHaveLength(1);
    expect(parse(Object.values(ds[0]!['data'])[0] as string).datasources.map((d: Obj) => d['url'])).toContain(
      'http://prometheus.monitoring-system.svc:9090',
    );
  });

  it('writes no claim-template TypeMeta, and nothing the model does not know', () => {
    for (const kind of ['Prometheus', 'Alertmanager']) {
      expect(ofKind(kind)[0]!['spec'].storage.volumeClaimTemplate).toEqual({
        spec: {
          accessModes: ['ReadWriteOnce'],
          storageClassName: 'ceph-block',
          resources: { requests: { storage: kind === 'Prometheus' ? '50Gi' : '1Gi' } },
        },
      });
    }
  });

  it('leaves Grafana out of the budget (it is the chart’s) and counts every replica', () => {
    const lines = built().plan.site.kubernetes!.stack.memoryByComponent.map((c) => `${c.component} ${c.pods}`);
    expect(lines).toEqual(['prometheus 2', 'alertmanager 2', 'kube-state-metrics 1', 'node-exporter 3']);
  });
});

describe('what the operator flavour cannot deploy is an error naming the field and the fix', () => {
  it("an ntfy token file outside the receivers' Secret mount", () => {
    const errors = resolveErrors((s) => (s.receivers['phone']!.ntfy![0]!.tokenFile = '/run/secrets/ntfy-token'));
    expect(errors).toEqual([
      expect.stringMatching(
        /^receivers\.phone\.ntfy\.0\.tokenFile: `\/run\/secrets\/ntfy-token` is not below `\/etc\/alertmanager\/secrets\/alertmanager-receivers\/`/,
      ),
    ]);
  });
  it('VictoriaMetrics', () => {
    const errors = resolveErrors((s) => (s.kubernetes!.stack.backend = 'victoriametrics'));
    expect(errors).toContainEqual(expect.stringMatching(/^kubernetes\.stack\.backend: the operator flavour deploys Prometheus/));
  });
  it('HA replicas in the manifests flavour', () => {
    expect(resolveErrors((s) => delete s.kubernetes!.flavour)).toEqual([
      expect.stringMatching(/^kubernetes\.stack\.prometheus\.replicas: 2 replicas need `flavour: 'operator'`/),
      expect.stringMatching(/^kubernetes\.stack\.alertmanager\.replicas: 2 replicas need `flavour: 'operator'`/),
    ]);
  });
});

describe('switching a site to the operator flavour is one line', () => {
  it("HolmOS with `flavour: 'operator'` builds: its annotation-based jobs become a cluster-wide ServiceMonitor and PodMonitor", () => {
    const switched = { ...holmos, kubernetes: { ...holmos.kubernetes!, flavour: 'operator' as const } };
    const objects = build(switched)
      .artifacts.filter((a) => layout.kubernetes.isManifest(a.path))
      .map((a) => a.value as Obj);
    const kinds = objects.map((o) => `${o['kind']}/${o['metadata'].name}`);
    expect(kinds).toEqual(expect.arrayContaining(['Prometheus/holmos', 'Alertmanager/holmos', 'PodMonitor/kubernetes-pods']));
    const endpoints = objects.find((o) => o['kind'] === 'ServiceMonitor' && o['metadata'].name === 'kubernetes-service-endpoints')!;
    expect(endpoints['spec'].namespaceSelector).toEqual({ any: true });
    expect(endpoints['spec'].endpoints[0].port).toBeUndefined();
    const keep = endpoints['spec'].endpoints[0].relabelings.find((r: Obj) => r['action'] === 'keep');
    expect(keep).toEqual({ sourceLabels: ['__meta_kubernetes_service_annotation_prometheus_io_scrape'], regex: 'true', action: 'keep' });
    // Its Secret stays where the receivers' files are.
    const am = objects.find((o) => o['kind'] === 'Alertmanager')!;
    expect(am['spec'].volumeMounts[0].mountPath).toBe('/etc/alertmanager/secrets');
  });

  describe('jobs Kubernetes discovery does not find', () => {
    const jobNames = (o: Obj): string[] =>
      o['kind'] === 'ScrapeConfig'
        ? [o['spec'].jobName]
        : [...(o['spec'].endpoints ?? []), ...(o['spec'].podMetricsEndpoints ?? [])].flatMap((e: Obj) =>
            (e['relabelings'] ?? []).filter((r: Obj) => r['targetLabel'] === 'job').map((r: Obj) => r['replacement'] as string),
          );
    const operatorBuild = (input: ReturnType<typeof operatorSite>) => {
      const b = build(input);
      return {
        objects: b.artifacts.filter((a) => layout.kubernetes.isManifest(a.path)).map((a) => a.value as Obj),
        prometheusYml: b.received.prometheus.find((a) => a.path === layout.prometheus.config)!.value as { scrape_configs: Obj[] },
      };
    };
    const withStaticJob = (job: Obj) => {
      const input = operatorSite();
      input.scrapeJobs = { ...input.scrapeJobs, ...job };
      return input;
    };

    it('become ScrapeConfigs with the same job name and targets, selected by the Prometheus: every job of prometheus.yml is scraped', () => {
      const { objects: objs, prometheusYml } = operatorBuild(withStaticJob({ ups: { targets: ['10.0.0.9:9199'], metricsPath: '/ups' } }));
      const produced = new Set(objs.filter((o) => /Monitor$|^ScrapeConfig$/.test(o['kind'])).flatMap(jobNames));
      for (const job of prometheusYml.scrape_configs) expect(produced, `job ${job['job_name']}`).toContain(job['job_name']);
      const ups = objs.find((o) => o['kind'] === 'ScrapeConfig' && o['spec'].jobName === 'ups')!;
      const plain = prometheusYml.scrape_configs.find((j) => j['job_name'] === 'ups')!;
      expect(ups['spec'].staticConfigs[0].targets).toEqual(plain['static_configs'][0].targets);
      expect(ups['spec'].metricsPath).toBe('/ups');
      const prometheus = objs.find((o) => o['kind'] === 'Prometheus')!;
      expect(matches(prometheus['spec'].scrapeConfigSelector.matchLabels, ups['metadata'].labels)).toBe(true);
    });

    it('a job whose credentials are files is refused with its name (a ScrapeConfig reads them only from Secrets)', () => {
      expect(() =>
        build(withStaticJob({ ups: { targets: ['10.0.0.9:9199'], basicAuth: { username: 'u', passwordFile: '/etc/secrets/ups' } } })),
      ).toThrow(/scrape job `ups` uses `basic_auth`, which a prometheus-operator ScrapeConfig takes only from Secrets/);
    });

    it('without such jobs the Prometheus names no ScrapeConfig selector', () => {
      const prometheus = objects().find((o) => o['kind'] === 'Prometheus')!;
      expect(objects().some((o) => o['kind'] === 'ScrapeConfig')).toBe(false);
      expect(prometheus['spec']).not.toHaveProperty('scrapeConfigSelector');
    });
  });
});
