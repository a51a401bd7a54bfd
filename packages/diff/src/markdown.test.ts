import { describe, expect, it } from 'vitest';
import { GITHUB_COMMENT_LIMIT, MARKER, renderMarkdown } from './markdown.js';
import type { Change, DiffReport } from './types.js';

const change = (over: Partial<Change>): Change => ({
  subject: 'alert rule',
  kind: 'changed',
  risk: 'medium',
  summary: 'alert `A` changed',
  details: [],
  ...over,
});
const report = (changes: Change[], more: DiffReport['sites'] = []): DiffReport => ({
  base: 'origin/main @ 1234567',
  head: 'working tree',
  sites: [{ site: 'lab', status: changes.length ? 'changed' : 'unchanged', changes, notes: [] }, ...more],
});

describe('renderMarkdown', () => {
  it('opens with the marker, then a summary table, then risky changes before the details', () => {
    const md = renderMarkdown(
      report([
        change({ summary: 'alert `A`: threshold `> 4` → `> 8`' }),
        change({ subject: 'target', kind: 'removed', risk: 'high', summary: 'removed target `t:1` of job `node`' }),
        change({ subject: 'panel', kind: 'added', risk: 'low', summary: 'new panel `P`' }),
        change({ subject: 'lint finding', kind: 'removed', risk: 'low', summary: 'fixes warning `a/b`: x' }),
      ]),
    );
    const lines = md.split('\n');
    expect(lines[0]).toBe(MARKER);
    expect(md).toContain('**4 changes in 1 site, 1 risky.**');
    expect(md).toContain('| alert rules |  |  | 1 |');
    expect(md).toContain('| scrape targets |  | 1 |  |');
    expect(md).toContain('| lint findings | 0 introduced | 1 fixed | |');
    const attention = md.indexOf('Needs attention');
    expect(attention).toBeGreaterThan(md.indexOf('| panels |'));
    expect(attention).toBeLessThan(md.indexOf('<details'));
    expect(md.slice(attention, md.indexOf('<details'))).toContain('- removed target `t:1` of job `node`');
    // The section holding a risky change is open; the others are collapsed.
    expect(md).toContain('<details open><summary>Scraping: 1 removed — 🔴 1 risky</summary>');
    expect(md).toContain('<details><summary>Dashboards: 1 added</summary>');
    expect(md).toContain('<details><summary>Lint: 0 introduced, 1 fixed</summary>');
  });

  it('says so when nothing changed, and lists unchanged sites', () => {
    expect(renderMarkdown(report([]))).toContain('No changes to the generated configuration of 1 site.');
    const md = renderMarkdown(report([change({})], [{ site: 'other', status: 'unchanged', changes: [], notes: [] }]));
    expect(md).toContain('Unchanged: `other`.');
  });

  it('prefixes risky lines with their site when several sites have some', () => {
    const md = renderMarkdown(
      report(
        [change({ risk: 'high', summary: 'x' })],
        [{ site: 'b', status: 'changed', changes: [change({ risk: 'high', summary: 'y' })], notes: ['a note'] }],
      ),
    );
    expect(md).toContain('- **lab**: x\n- **b**: y');
    expect(md).toContain('_a note_');
  });

  it('stays within the comment limit, closes open tags and says how much was cut', () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      change({ summary: `alert \`A${i}\` changed: ${'x'.repeat(40)}`, details: ['`for`: `5m` → `10m`'] }),
    );
    const md = renderMarkdown(report(many));
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(md.split('<details').length).toBe(md.split('</details>').length);
    const shown = md.split('\n').filter((l) => l.startsWith('- 🟠 alert')).length;
    expect(shown).toBeGreaterThan(500);
    expect(md).toContain(`${3000 - shown} more changes not shown`);
    expect(md).toMatch(/Cut to fit GitHub's 65,536-character comment limit/);
  });

  it('is not cut when it fits', () => {
    const md = renderMarkdown(report([change({})]), { limit: 10_000 });
    expect(md).not.toContain('Cut to fit');
    expect(renderMarkdown(report([change({})]), { limit: 300 })).toContain('Cut to fit');
  });
});
