import { defaults, EXPORTER_KINDS, resolve } from '@kiln/model';
import { smallSite } from '@kiln/model/testing';
import { describe, expect, it } from 'vitest';
import { EXPORTERS } from './index.js';
import { selector } from './series.js';

describe('exporter modules', () => {
  it('exist for every exporter kind of the model, with the default port the model assumes', () => {
    for (const kind of EXPORTER_KINDS) {
      expect(EXPORTERS[kind].kind).toBe(kind);
      expect(EXPORTERS[kind].defaultPort).toBe(defaults.DEFAULT_EXPORTER_PORTS[kind]);
    }
  });

  it('declare each metric once, counters named *_total', () => {
    for (const m of Object.values(EXPORTERS)) {
      const names = m.metrics.map((x) => x.name);
      expect(new Set(names).size, m.kind).toBe(names.length);
      for (const metric of m.metrics) expect(metric.type === 'counter', metric.name).toBe(metric.name.endsWith('_total'));
    }
  });
});

describe('alert packs', () => {
  const site = smallSite();
  site.hosts['storage']!.exporters = { node: {}, haproxy: {}, nginx: {}, loki: {} };
  const hosts = resolve(site).hosts;
  const seriesNames = (m: (typeof EXPORTERS)[keyof typeof EXPORTERS]) =>
    m.metrics.flatMap((x) => (x.type === 'histogram' ? ['_bucket', '_count', '_sum'].map((s) => x.name + s) : [x.name]));

  it('are empty when no host runs the exporter', () => {
    for (const m of Object.values(EXPORTERS)) expect(m.alertPack([], m.kind), m.kind).toEqual([]);
  });

  it('test their rules only with series the exporter emits, carrying the target labels', () => {
    for (const m of Object.values(EXPORTERS)) {
      const running = hosts.filter((h) => h.exporters.some((e) => e.kind === m.kind));
      for (const a of m.alertPack(running, m.kind)) {
        const series = [...a.scenario.healthy, ...a.scenario.firing];
        expect(series.length, a.alert).toBeGreaterThan(0);
        for (const s of series) {
          expect(seriesNames(m), `${a.alert}: ${s.series}`).toContain(s.series.slice(0, s.series.indexOf('{')));
          expect(s.series, a.alert).toMatch(new RegExp(`job="${m.kind}"`));
          expect(s.series, a.alert).toMatch(/host="[^"]+".*instance="[^"]+"/);
        }
      }
    }
  });
});

describe('selector', () => {
  it('sorts labels and escapes values', () => {
    expect(selector('up', { job: 'node', host: 'a"b' })).toBe('up{host="a\\"b",job="node"}');
  });
});
