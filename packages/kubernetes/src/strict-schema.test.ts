/**
 * A strict schema check: `validate()` of kubernetes-models accepts unknown fields, so every
 * generated manifest is also type-checked by the TypeScript compiler as an object literal of its
 * upstream type (`IDeployment`, `IService`, …), where an unknown field anywhere is an error.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { operatorSite } from '@kiln/model/testing';
import { build, holmos, portkey, victoriaMetricsVariant } from './fixture.js';

/** TypeScript diagnostics of the objects typed as their kubernetes-models interface. */
function typeCheck(objects: Record<string, any>[]): string[] {
  // Inside the package, so `kubernetes-models` resolves from its node_modules.
  const dir = mkdtempSync(join(import.meta.dirname, '..', '.strict-check-'));
  try {
    const lines = objects.flatMap((o, i) => {
      const type = `I${o['kind']}`;
      const from = o['apiVersion'].startsWith('monitoring.coreos.com/') ? '@kubernetes-models/prometheus-operator/' : 'kubernetes-models/';
      return [
        `import type { ${type} as T${i} } from '${from}${o['apiVersion']}/${o['kind']}';`,
        `export const o${i}: T${i} = ${JSON.stringify(o)};`,
      ];
    });
    const file = join(dir, 'manifests.ts');
    writeFileSync(file, lines.join('\n') + '\n');
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      skipLibCheck: true,
      types: [],
    });
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The model's type insists on a TypeMeta the CRD leaves optional and Kiln leaves out (operator.ts `claim`). */
function withClaimTypeMeta(objects: Record<string, any>[]): void {
  for (const o of objects.filter((x) => x['kind'] === 'Prometheus' || x['kind'] === 'Alertmanager'))
    Object.assign(o['spec'].storage.volumeClaimTemplate, { apiVersion: 'monitoring.coreos.com/v1', kind: 'EmbeddedPersistentVolumeClaim' });
}

const manifests = () =>
  build()
    .artifacts.filter((a) => a.path.endsWith('.yaml'))
    .map((a) => a.value as Record<string, any>);

describe('strict schema check (unknown fields rejected)', { timeout: 60_000 }, () => {
  it('accepts every generated manifest', () => {
    const objects = manifests();
    expect(objects.length).toBeGreaterThan(25);
    expect(typeCheck(objects)).toEqual([]);
  });

  it('accepts every manifest of Portkey (seed 004: the operator flavour, namespace monitoring-system, a ScrapeConfig for ceph-mgr)', () => {
    const objects = build(portkey)
      .artifacts.filter((a) => a.path.endsWith('.yaml'))
      .map((a) => structuredClone(a.value) as Record<string, any>);
    expect(objects.map((o) => o['kind'])).toEqual(expect.arrayContaining(['Prometheus', 'PrometheusRule', 'ScrapeConfig']));
    withClaimTypeMeta(objects);
    expect(typeCheck(objects)).toEqual([]);
  });

  it('accepts every manifest of the VictoriaMetrics option', () => {
    expect(
      typeCheck(
        build(victoriaMetricsVariant)
          .artifacts.filter((a) => a.path.endsWith('.yaml'))
          .map((a) => a.value as Record<string, any>),
      ),
    ).toEqual([]);
  });

  it('accepts every manifest of the operator flavour', () => {
    // The fixture, and HolmOS switched to the operator flavour (its annotation-based jobs make a PodMonitor).
    const holmosOperator = { ...holmos, kubernetes: { ...holmos.kubernetes!, flavour: 'operator' as const } };
    const objects = [build(operatorSite()), build(holmosOperator)]
      .flatMap((b) => b.artifacts)
      .filter((a) => a.path.endsWith('.yaml'))
      .map((a) => structuredClone(a.value) as Record<string, any>);
    withClaimTypeMeta(objects);
    expect(objects.map((o) => o['kind'])).toEqual(
      expect.arrayContaining(['Prometheus', 'Alertmanager', 'PrometheusRule', 'ServiceMonitor', 'PodMonitor']),
    );
    expect(typeCheck(objects)).toEqual([]);
  });

  it('rejects an unknown field deep inside a manifest (the check can fail)', () => {
    const deployment = manifests().find((o) => o['kind'] === 'Deployment')!;
    const broken = structuredClone(deployment);
    broken['spec'].template.spec.containers[0].readinesProbe = broken['spec'].template.spec.containers[0].readinessProbe;
    const errors = typeCheck([broken]);
    expect(errors.join('\n')).toMatch(/known properties, and '"readinesProbe"' does not exist in type 'IContainer'/);
  });
});
