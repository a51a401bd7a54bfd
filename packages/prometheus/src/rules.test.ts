import { planWithoutDashboards } from '@kiln/plan';
import { resolve } from '@kiln/model';
import { siteWithWorkers, smallSite } from '@kiln/model/testing';
import { describe, expect, it } from 'vitest';
import { generatePrometheus } from './generate.js';
import { MAX_RULES_PER_GROUP, splitGroup } from './rules.js';

interface R {
  host?: string;
  id: number;
}
const rules = (...hosts: (string | undefined)[]): R[] => hosts.map((host, id) => ({ ...(host !== undefined && { host }), id }));
const split = (list: R[], max: number) => splitGroup('storage', list, (r) => r.host, max).map((c) => [c.name, c.rules.map((r) => r.id)]);

describe('splitGroup', () => {
  it.each([
    ['a group at the limit keeps its name', rules('a', 'b', 'a', 'b'), 4, [['storage', [0, 1, 2, 3]]]],
    [
      "a host's rules stay in one chunk, in their order; hosts in the order of their first rule",
      rules('a', 'b', 'c', 'a', 'b', 'c'),
      4,
      [
        ['storage-01', [0, 1, 3, 4]],
        ['storage-02', [2, 5]],
      ],
    ],
    [
      'a rule without a host is a unit of its own, in its place',
      rules(undefined, 'a', undefined, 'b'),
      3,
      [
        ['storage-01', [0, 1, 2]],
        ['storage-02', [3]],
      ],
    ],
    [
      'a host with more rules than the limit gets a chunk of its own',
      rules('a', 'b', 'b', 'b', 'c'),
      2,
      [
        ['storage-01', [0]],
        ['storage-02', [1, 2, 3]],
        ['storage-03', [4]],
      ],
    ],
  ] as const)('%s', (_, list, max, expected) => {
    expect(split([...list], max)).toEqual(expected);
  });

  it('splits by weight too: a chunk holds at most maxBytes, a unit over it stands alone', () => {
    const list = rules('a', 'a', 'b', undefined, undefined, 'c');
    const weights = [300, 300, 500, 200, 200, 900];
    const chunks = splitGroup(
      'custom',
      list,
      (r) => r.host,
      1000,
      (r) => weights[r.id]!,
      800,
    );
    expect(chunks.map((c) => [c.name, c.rules.map((r) => r.id)])).toEqual([
      ['custom-01', [0, 1]],
      ['custom-02', [2, 3]],
      ['custom-03', [4]],
      ['custom-04', [5]],
    ]);
  });

  it('numbers chunks as wide as their count needs', () => {
    const list = rules(...Array.from({ length: 101 }, (_, i) => `h${i}`));
    const names = splitGroup('storage', list, (r) => r.host, 1).map((c) => c.name);
    expect([names[0], names[99], names[100]]).toEqual(['storage-001', 'storage-100', 'storage-101']);
  });
});

describe('rule groups of a large site', () => {
  const artifacts = generatePrometheus(planWithoutDashboards(resolve(siteWithWorkers(MAX_RULES_PER_GROUP / 2 + 10))));
  const at = (path: string) => artifacts.find((a) => a.path === path)?.value as Record<string, unknown> | undefined;
  const ruleFiles = (at('prometheus/prometheus.yml')!['rule_files'] as string[]).filter((f) => f.startsWith('rules/storage'));

  it('split the storage group into files of at most MAX_RULES_PER_GROUP rules, named in prometheus.yml', () => {
    expect(ruleFiles).toEqual(['rules/storage-01.yml', 'rules/storage-02.yml']);
    expect(at('prometheus/rules/storage.yml')).toBeUndefined();
    const groups = ruleFiles.map(
      (f) => (at(`prometheus/${f}`)!['groups'] as { name: string; rules: { labels: { host: string } }[] }[])[0]!,
    );
    expect(groups.map((g) => g.name)).toEqual(['lab-storage-01', 'lab-storage-02']);
    expect(groups.every((g) => g.rules.length <= MAX_RULES_PER_GROUP)).toBe(true);
    // No host has rules in both chunks.
    const hosts = groups.map((g) => new Set(g.rules.map((r) => r.labels.host)));
    expect([...hosts[0]!].filter((h) => hosts[1]!.has(h))).toEqual([]);
  });

  it('give each chunk its own unit tests, reading that chunk', () => {
    for (const f of ruleFiles) {
      const name = f.slice('rules/'.length, -'.yml'.length);
      expect(at(`prometheus/tests/${name}.test.yml`)!['rule_files']).toEqual([`../${f}`]);
    }
  });

  it("leave a small site's storage group whole", () => {
    const small = generatePrometheus(planWithoutDashboards(resolve(smallSite()))).map((a) => a.path);
    expect(small).toContain('prometheus/rules/storage.yml');
    expect(small.filter((p) => p.startsWith('prometheus/rules/storage-'))).toEqual([]);
  });
});
