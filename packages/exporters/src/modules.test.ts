import { defaults, EXPORTER_KINDS } from '@kiln/model';
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

describe('selector', () => {
  it('sorts labels and escapes values', () => {
    expect(selector('up', { job: 'node', host: 'a"b' })).toBe('up{host="a\\"b",job="node"}');
  });
});
