/**
 * The API server refuses a ConfigMap over 1 MiB: a build whose manifests hold one fails, naming it
 * (kubernetes/object-size among the build's checks), and writes nothing.
 */
import { resolve } from '@kiln/model';
import { operatorSite } from '@kiln/model/testing';
import { describe, expect, it } from 'vitest';
import { BuildError, buildResolved } from './pipeline.js';

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
  it('a rule file of 1.4 MB alone in a ConfigMap fails the build, naming the ConfigMap and the limit', () => {
    let error: unknown;
    try {
      buildResolved(withAlerts(700, 1800));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BuildError);
    const problems = (error as BuildError).problems.filter((p) => p.ruleId === 'kubernetes/object-size');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(
      /^ConfigMap `prometheus-rules(-1)?` holds 1,\d{3} KiB of data; the API server refuses more than 1 MiB/,
    );
  });

  it('the same alerts with short descriptions build', () => {
    const { files } = buildResolved(withAlerts(700, 100));
    expect([...files.keys()].some((p) => p.startsWith('kubernetes/') && p.includes('prometheus-rules'))).toBe(true);
  });
});
