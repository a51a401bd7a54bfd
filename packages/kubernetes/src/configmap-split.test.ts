import { resolve } from '@kiln/model';
import { describe, expect, it } from 'vitest';
import { CONFIGMAP_BUDGET, splitConfigMap } from './configmap-split.js';
import { holmos } from './fixture.js';
import { grafanaObjects, prometheusObjects, type StackConfig } from './stack.js';

type Obj = Record<string, any>;
const site = resolve(holmos);
const cluster = site.kubernetes!;
const files = (n: number, bytes: number) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`storage-${String(i + 1).padStart(2, '0')}.yml`, 'x'.repeat(bytes)]));
const cfg = (rules: Record<string, string>, dashboards: Record<string, string> = {}): StackConfig => ({
  prometheusYml: 'global: {}\n',
  prometheusArgs: [],
  rules,
  alertmanagerYml: '',
  grafanaDatasources: '',
  grafanaDashboardProvider: '',
  dashboards,
  dashboardsPath: '/var/lib/grafana/dashboards',
  checksums: {},
});
const plain = (objects: unknown[]) => objects.map((o) => JSON.parse(JSON.stringify(o)) as Obj);

describe('ConfigMaps past 1 MiB', () => {
  it('keep one ConfigMap while the files fit, and split them in name order past the budget', () => {
    expect(splitConfigMap('r', files(3, 1000)).map((p) => p.name)).toEqual(['r']);
    const parts = splitConfigMap('r', files(17, 800_000));
    expect(parts.map((p) => p.name)).toEqual(Array.from({ length: 17 }, (_, i) => `r-${i + 1}`));
    expect(parts.flatMap((p) => Object.keys(p.data))).toEqual(Object.keys(files(17, 800_000)));
    const small = splitConfigMap('r', files(10, 300_000));
    expect(small.length).toBe(4);
    for (const p of small)
      expect(Object.entries(p.data).reduce((n, [k, v]) => n + k.length + v.length, 0)).toBeLessThanOrEqual(CONFIGMAP_BUDGET);
  });

  it("a 10,000-host site's 17 MB of rule files: every ConfigMap under 1 MiB, every file mounted once under rules/, each under the API server's limit", () => {
    const rules = files(21, 800_000);
    const objects = plain(prometheusObjects(site, cluster, cfg(rules)));
    const maps = objects.filter((o) => o['kind'] === 'ConfigMap' && o['metadata'].name.startsWith('prometheus-rules'));
    expect(maps.length).toBe(21);
    const deployment = objects.find((o) => o['kind'] === 'Deployment')!;
    const volume = deployment['spec'].template.spec.volumes.find((v: Obj) => v['name'] === 'config');
    const mounted = volume.projected.sources.flatMap((s: Obj) =>
      (s['configMap'].items ?? []).map((i: Obj) => [s['configMap'].name, i['key'], i['path']]),
    );
    expect(mounted.map((m: string[]) => m[2]).sort()).toEqual(Object.keys(rules).map((f) => `rules/${f}`));
    for (const [name, key] of mounted) expect(maps.find((m) => m['metadata'].name === name)!['data']).toHaveProperty(key);
    // The API server's limit (what kubernetes/object-size checks on the written manifests).
    for (const m of maps)
      expect(Object.entries(m['data'] as Record<string, string>).reduce((n, [k, v]) => n + k.length + v.length, 0)).toBeLessThan(
        1024 * 1024,
      );
  });

  it('dashboards likewise, mounted through one projected volume', () => {
    const dashboards = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`d${i}.json`, 'x'.repeat(400_000)]));
    const objects = plain(grafanaObjects(cluster, cfg({}, dashboards)));
    const maps = objects.filter((o) => o['kind'] === 'ConfigMap' && o['metadata'].name.startsWith('grafana-dashboards'));
    expect(maps.length).toBe(3);
    const deployment = objects.find((o) => o['kind'] === 'Deployment')!;
    const volume = deployment['spec'].template.spec.volumes.find((v: Obj) => v['name'] === 'dashboards');
    expect(volume.projected.sources.flatMap((s: Obj) => s['configMap'].items.map((i: Obj) => i['path'])).sort()).toEqual(
      Object.keys(dashboards).sort(),
    );
  });
});
