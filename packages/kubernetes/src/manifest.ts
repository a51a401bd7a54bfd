/**
 * A manifest: one typed Kubernetes object, validated against the upstream schema, then turned into
 * the plain data the one serializer writes. Files are named `<order>-<name>-<kind>.yaml`: the order
 * is the kind's place in the dependency order, so `kubectl apply -f kubernetes/ --recursive` (which
 * reads files in name order) creates the namespace first and the workloads after their config.
 */
import type { Artifact } from '@kiln/model';
import { layout } from '@kiln/plan';

/** Kinds in the order they must be applied. */
export const KIND_ORDER = [
  'Namespace',
  'ServiceAccount',
  'ClusterRole',
  'ClusterRoleBinding',
  'ConfigMap',
  'PersistentVolumeClaim',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'Service',
  'Ingress',
  'NetworkPolicy',
  // The operator flavour: its configuration, then the custom resources that use it.
  'Secret',
  'PrometheusRule',
  'ServiceMonitor',
  'PodMonitor',
  'Alertmanager',
  'Prometheus',
  // Last so that adding it kept the other files' names.
  'ScrapeConfig',
] as const;
export type Kind = (typeof KIND_ORDER)[number];

/** What kubernetes-models classes have in common: validate() against the schema, toJSON() the data. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string };
  validate(): void;
  toJSON(): unknown;
}

export interface Manifest {
  path: string;
  kind: Kind;
  name: string;
  value: Record<string, unknown>;
}

/** Plain data of a model object: no class instances left, apiVersion/kind/metadata first. */
export function plain(object: KubeObject): Record<string, unknown> {
  const data = JSON.parse(JSON.stringify(object.toJSON())) as Record<string, unknown>;
  const { apiVersion, kind, metadata, ...rest } = data;
  return { apiVersion, kind, metadata, ...rest };
}

/**
 * Validates every object and returns them as artifacts sorted by path; throws one error listing
 * every invalid object (each message prefixed with its file), not just the first.
 */
export function manifests(objects: readonly KubeObject[]): Artifact[] {
  const errors: string[] = [];
  const out: Artifact[] = [];
  const seen = new Set<string>();
  for (const o of objects) {
    const kind = o.kind as Kind;
    const name = o.metadata?.name ?? '';
    const path = layout.kubernetes.manifest(KIND_ORDER.indexOf(kind), name, kind);
    if (!KIND_ORDER.includes(kind)) errors.push(`${path}: kind ${o.kind} has no place in the apply order`);
    if (seen.has(path)) errors.push(`${path}: two objects named \`${name}\` of kind ${kind}`);
    seen.add(path);
    try {
      o.validate();
    } catch (e) {
      errors.push(`${path}: ${(e as Error).message}`);
    }
    out.push({ path, format: 'yaml', value: plain(o) });
  }
  if (errors.length > 0) throw new Error(`invalid Kubernetes objects (a bug in Kiln's Kubernetes target):\n  ${errors.join('\n  ')}`);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
