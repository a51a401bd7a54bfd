import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { diffObjects } from './objects.js';

const deployment = (replicas: number, image = 'prom/prometheus:v2.42.0') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'prometheus', namespace: 'monitoring' },
  spec: { replicas, template: { spec: { containers: [{ name: 'prometheus', image }] } } },
});
const k8s = (...docs: unknown[]) => new Map([['kubernetes/prometheus-deployment.yaml', docs.map((d) => stringify(d)).join('---\n')]]);

describe('diffObjects', () => {
  it('Kubernetes objects by kind, namespace and name, with the changed fields', () => {
    const { changes, read } = diffObjects(
      k8s(deployment(1)),
      k8s(deployment(2, 'prom/prometheus:v2.45.0'), {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'prometheus', namespace: 'monitoring' },
      }),
    );
    expect(changes.map((c) => [c.kind, c.summary, c.details])).toEqual([
      ['added', 'new Service `monitoring/prometheus`', []],
      [
        'changed',
        'Deployment `monitoring/prometheus` changed',
        ['`spec.replicas`: `1` → `2`', '`spec.template.spec.containers[0].image`: `prom/prometheus:v2.42.0` → `prom/prometheus:v2.45.0`'],
      ],
    ]);
    expect([...read]).toEqual(['kubernetes/prometheus-deployment.yaml']);
  });

  it('Compose services by name', () => {
    const compose = (services: Record<string, unknown>) => new Map([['compose/docker-compose.yml', stringify({ services })]]);
    const { changes } = diffObjects(
      compose({ prometheus: { image: 'a' }, grafana: { image: 'g' } }),
      compose({ prometheus: { image: 'b' } }),
    );
    expect(changes.map((c) => c.summary)).toEqual([
      'removed compose service `grafana` (compose/docker-compose.yml)',
      'compose service `prometheus` (compose/docker-compose.yml) changed',
    ]);
  });
});
