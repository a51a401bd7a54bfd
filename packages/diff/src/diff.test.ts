import { describe, expect, it } from 'vitest';
import { diffBuilds, diffSite } from './diff.js';

describe('diffSite', () => {
  it('files no comparison reads are listed with line counts, copies named', () => {
    const base = new Map([
      ['prometheus/prometheus.args', '--a\n--b\n'],
      ['prometheus/rules/x.yml', 'groups: []\n'],
      ['ansible/files/x.yml', 'groups: []\n'],
      ['gone.txt', 'x'],
    ]);
    const head = new Map([
      ['prometheus/prometheus.args', '--a\n--c\n--d\n'],
      ['prometheus/rules/x.yml', 'groups: []\n# v2\n'],
      ['ansible/files/x.yml', 'groups: []\n# v2\n'],
    ]);
    expect(diffSite('lab', base, head).changes.map((c) => c.summary)).toEqual([
      '`ansible/files/x.yml` changed (+1 −0 lines, same content as `prometheus/rules/x.yml`)',
      'removed file `gone.txt`',
      '`prometheus/prometheus.args` changed (+2 −1 lines)',
    ]);
  });

  it('a new site is one line with its size; a removed one is high risk', () => {
    const files = new Map([['prometheus/prometheus.yml', 'scrape_configs: []\n']]);
    expect(diffSite('lab', undefined, files).changes[0]).toMatchObject({
      subject: 'site',
      kind: 'added',
      summary: 'new site `lab`: 1 file, 0 alert rules, 0 scrape targets, 0 dashboards',
    });
    expect(diffSite('lab', files, undefined).changes[0]).toMatchObject({ kind: 'removed', risk: 'high' });
  });
});

describe('diffBuilds', () => {
  it('covers every site of either side, sorted, with its lint note', () => {
    const f = new Map([['a.txt', 'x']]);
    const r = diffBuilds({
      baseLabel: 'b',
      headLabel: 'h',
      base: new Map([
        ['z', f],
        ['a', f],
      ]),
      head: new Map([['a', f]]),
      lint: new Map([['a', { base: [], head: [], note: 'files only' }]]),
    });
    expect(r.sites.map((s) => [s.site, s.status, s.notes])).toEqual([
      ['a', 'unchanged', ['files only']],
      ['z', 'removed', []],
    ]);
  });
});
