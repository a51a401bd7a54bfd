/**
 * The API server refuses a ConfigMap over 1 MiB: rule groups are split by weight (MAX_GROUP_BYTES) and
 * their files spread over ConfigMaps; kubernetes/object-size, among the build's checks, is the guard.
 */
import { resolve } from '@kiln/model';
import { operatorSite } from '@kiln/model/testing';
import { describe, expect, it } from 'vitest';
import { buildResolved } from './pipeline.js';

const withAlerts = (n: number, descriptionBytes: number) => {
  const input = operatorSite();
  const k = input.kubernetes!;
  k.flavour = 'manifests';
  // Kiln's own manifests run one replica of each.
  for (const c of ['prometheus', 'alertmanager'] as const) k.stack[c] = { ...k.stack[c], replicas: 1 };
  input.alerts = Object.fromEntries(
    Array.from({ length: n }, (_, i) => [
      `Big${i}`,
      { expr: `up{job="x${i}"} == 0`, for: '5m', severity: 'warning' as const, summary: 'x', description: 'y'.repeat(descriptionBytes) },
    ]),
  );
  return resolve(input);
};

describe('Kubernetes objects the API server would refuse for their size', () => {
  it('1.3 MB of hand-written alerts: the rule group is split by weight, its files spread over ConfigMaps the API server stores', () => {
    const { files } = buildResolved(withAlerts(700, 1800));
    const ruleFiles = [...files.keys()].filter((p) => /^prometheus\/rules\/custom(-\d+)?\.yml$/.test(p));
    expect(ruleFiles.length).toBeGreaterThanOrEqual(2);
    const maps = [...files].filter(([p]) => /^kubernetes\/04-prometheus-rules(-\d+)?-configmap\.yaml$/.test(p));
    expect(maps.length).toBeGreaterThanOrEqual(2);
    for (const [p, text] of maps) expect(Buffer.byteLength(text), p).toBeLessThan(1024 * 1024);
  });

  it('a small site keeps its one ConfigMap and its one custom group', () => {
    const { files } = buildResolved(withAlerts(3, 100));
    expect([...files.keys()].filter((p) => p.includes('prometheus-rules'))).toEqual(['kubernetes/04-prometheus-rules-configmap.yaml']);
    expect(files.has('prometheus/rules/custom.yml')).toBe(true);
  });
});
