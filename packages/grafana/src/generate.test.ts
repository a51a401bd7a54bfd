import { resolve } from '@kiln/model';
import { describe, expect, test } from 'vitest';
import { composeDashboard } from './compose.js';
import { generateGrafana } from './generate.js';
import { dashboardUid } from './ids.js';
import { textPanel } from './presets.js';
import { pantheonLike, planOf, site, withExtraHost, withoutGpus, withoutMounts } from './test-fixtures/sites.js';

type Json = Record<string, any>;
const dashboards = (artifacts: ReturnType<typeof generateGrafana>) =>
  artifacts.filter((a) => a.path.startsWith('grafana/dashboards/')).map((a) => ({ path: a.path, json: a.value as Json }));
const uids = (input = pantheonLike()) => dashboards(generateGrafana(planOf(site(input)))).map((d) => d.json.uid as string);

describe('which dashboards a site gets', () => {
  test('a site with GPUs and mounts gets all five standard dashboards', () => {
    expect(uids()).toEqual(['pantheon-overview', 'pantheon-node', 'pantheon-gpu', 'pantheon-storage', 'pantheon-alerts']);
  });

  test('a site without GPUs gets no GPU dashboard and no GPU panels', () => {
    const out = dashboards(generateGrafana(planOf(site(withoutGpus()))));
    expect(out.map((d) => d.json.uid)).toEqual(['pantheon-overview', 'pantheon-node', 'pantheon-storage', 'pantheon-alerts']);
    expect(JSON.stringify(out)).not.toMatch(/nvidia_smi|GPU/);
  });

  test('a site without mounts gets no storage dashboard', () => {
    expect(uids(withoutMounts())).not.toContain('pantheon-storage');
  });

  test('a site adds its own dashboards through factories; undefined means none', () => {
    const mine = (s: Parameters<typeof composeDashboard>[0]) =>
      composeDashboard(s, { id: 'media', title: 'Media', sections: [{ panels: [textPanel({ title: 'Hello', markdown: 'hi' })] }] });
    const out = dashboards(generateGrafana(planOf(site(), [mine, () => undefined])));
    const media = out.find((d) => d.json.uid === 'pantheon-media');
    expect(media?.path).toBe('grafana/dashboards/pantheon-media.json');
    expect(media?.json.tags).toEqual(['kiln', 'kiln-pantheon']);
    expect(out).toHaveLength(6);
  });
});

describe('stability', () => {
  test('uids and panel ids do not change when an unrelated host is added', () => {
    const before = dashboards(generateGrafana(planOf(site())));
    const after = dashboards(generateGrafana(planOf(site(withExtraHost()))));
    expect(after.map((d) => d.json.uid)).toEqual(before.map((d) => d.json.uid));
    for (const [i, d] of after.entries()) {
      const ids = (x: Json) => (x.panels as Json[]).map((p) => `${p.id}:${p.title}`);
      expect(ids(d.json)).toEqual(ids(before[i]!.json));
    }
  });

  test('the same site gives the same output, keys sorted', () => {
    const a = JSON.stringify(generateGrafana(planOf(site())));
    expect(JSON.stringify(generateGrafana(planOf(site())))).toBe(a);
    const keys = (v: unknown): boolean =>
      Array.isArray(v)
        ? v.every(keys)
        : v !== null && typeof v === 'object'
          ? Object.keys(v).join() === Object.keys(v).sort().join() && Object.values(v).every(keys)
          : true;
    for (const d of dashboards(generateGrafana(planOf(site())))) expect(keys(d.json), d.path).toBe(true);
  });

  test('uids are `<site>-<id>`, hashed to stay within 40 characters', () => {
    expect(dashboardUid('pantheon', 'overview')).toBe('pantheon-overview');
    const long = dashboardUid('a-very-long-site-name-for-a-homelab', 'storage-and-nfs-mounts');
    expect(long.length).toBeLessThanOrEqual(40);
    expect(long).toBe(dashboardUid('a-very-long-site-name-for-a-homelab', 'storage-and-nfs-mounts'));
    expect(long).not.toBe(dashboardUid('a-very-long-site-name-for-a-homelab', 'storage-and-nfs-mounts-2'));
  });
});

describe('structure of every dashboard', () => {
  const variants = { full: pantheonLike(), withoutGpus: withoutGpus(), withoutMounts: withoutMounts(), withExtraHost: withExtraHost() };
  for (const [name, input] of Object.entries(variants)) {
    for (const { path, json } of dashboards(generateGrafana(planOf(resolve(input))))) {
      test(`${name}: ${path}`, () => {
        const panels = json.panels as Json[];
        expect(panels.length).toBeGreaterThan(0);
        const ids = panels.map((p) => p.id);
        expect(new Set(ids).size, 'unique panel ids').toBe(ids.length);
        expect(ids.every((id) => Number.isInteger(id) && id > 0)).toBe(true);
        for (const p of panels) {
          const g = p.gridPos;
          expect(g.x + g.w, `panel ${p.id} x+w`).toBeLessThanOrEqual(24);
          expect(g.x >= 0 && g.y >= 0 && g.w > 0 && g.h > 0).toBe(true);
          const refIds = ((p.targets ?? []) as Json[]).map((t) => t.refId);
          expect(new Set(refIds).size).toBe(refIds.length);
          expect(refIds.every((r) => /^[A-Z]+$/.test(r))).toBe(true);
        }
        for (const [i, a] of panels.entries()) {
          for (const b of panels.slice(i + 1)) {
            const overlap =
              a.gridPos.x < b.gridPos.x + b.gridPos.w &&
              b.gridPos.x < a.gridPos.x + a.gridPos.w &&
              a.gridPos.y < b.gridPos.y + b.gridPos.h &&
              b.gridPos.y < a.gridPos.y + a.gridPos.h;
            expect(overlap, `panels ${a.id} and ${b.id} overlap`).toBe(false);
          }
        }
        expect(json.uid.length).toBeLessThanOrEqual(40);
        expect(json.templating.list[0]).toMatchObject({ name: 'datasource', type: 'datasource', query: 'prometheus' });
        expect(json.links[0]).toMatchObject({ type: 'dashboards', tags: ['kiln-pantheon'], includeVars: true, keepTime: true });
      });
    }
  }

  test('inventory variables list inventory values', () => {
    const overview = dashboards(generateGrafana(planOf(site(withExtraHost())))).find((d) => d.json.uid === 'pantheon-overview')!;
    const host = (overview.json.templating.list as Json[]).find((v) => v.name === 'host');
    expect(host).toMatchObject({
      type: 'custom',
      query: 'atlas,cerberus,hermes,prometheus',
      multi: true,
      includeAll: true,
      allValue: '.*',
    });
  });
});

describe('provisioning', () => {
  const files = Object.fromEntries(generateGrafana(planOf(site())).map((a) => [a.path, a.value]));

  test("data sources point at the site's Prometheus and Alertmanager with fixed uids", () => {
    expect(files['grafana/provisioning/datasources/kiln.yaml']).toMatchObject({
      apiVersion: 1,
      datasources: [
        {
          type: 'prometheus',
          uid: 'kiln-prometheus',
          url: 'http://prometheus.servers.pantheon.lan:9090',
          isDefault: true,
          jsonData: { timeInterval: '30s', alertmanagerUid: 'kiln-alertmanager' },
        },
        { type: 'alertmanager', uid: 'kiln-alertmanager', url: 'http://prometheus.servers.pantheon.lan:9093' },
      ],
    });
  });

  test('the dashboard provider reads the site folder, configurable', () => {
    expect(files['grafana/provisioning/dashboards/kiln.yaml']).toMatchObject({
      providers: [{ type: 'file', allowUiUpdates: false, options: { path: '/var/lib/grafana/dashboards/pantheon' } }],
    });
    const custom = generateGrafana(planOf(site()), { dashboardsRoot: '/etc/grafana/dashboards/' }).find(
      (a) => a.path === 'grafana/provisioning/dashboards/kiln.yaml',
    );
    expect(custom?.value).toMatchObject({ providers: [{ options: { path: '/etc/grafana/dashboards/pantheon' } }] });
  });

  test('no password anywhere; the README points at GF_SECURITY_ADMIN_PASSWORD__FILE', () => {
    const { 'grafana/README.md': readme, ...rest } = files;
    expect(JSON.stringify(rest)).not.toMatch(/password/i);
    expect(readme).toContain('GF_SECURITY_ADMIN_PASSWORD__FILE');
  });
});
