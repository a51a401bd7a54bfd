/**
 * The pod specs of Kubernetes manifests, wherever the kind keeps them, with their paths, so a rule
 * can point at the manifest line of a container field.
 */
import type { LintFile } from './files.js';

type Path = (string | number)[];
export type Obj = Record<string, any>;

export interface PodSpecRef {
  file: LintFile;
  doc: number;
  /** `Deployment prometheus`, for messages and the finding's entity. */
  workload: string;
  kind: string;
  name: string;
  /** Path of the pod spec in the document. */
  path: Path;
  spec: Obj;
  /** Annotations of the pod template (or the Pod). */
  annotations: Record<string, string>;
}

export interface ContainerRef extends PodSpecRef {
  container: Obj;
  containerPath: Path;
}

const TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'ReplicationController']);
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export function podSpecs(files: LintFile[]): PodSpecRef[] {
  const out: PodSpecRef[] = [];
  for (const file of files) {
    if (file.kind !== 'kubernetes') continue;
    file.values.forEach((value, doc) => {
      if (!isObj(value)) return;
      const kind = String(value['kind'] ?? '');
      const name = String(value['metadata']?.name ?? '');
      let tpl: Path | undefined;
      if (TEMPLATE_KINDS.has(kind)) tpl = ['spec', 'template'];
      else if (kind === 'CronJob') tpl = ['spec', 'jobTemplate', 'spec', 'template'];
      const base = tpl ? tpl.reduce<any>((o, k) => (isObj(o) ? o[k] : undefined), value) : kind === 'Pod' ? value : undefined;
      if (!isObj(base) || !isObj(base['spec'])) return;
      out.push({
        file,
        doc,
        workload: `${kind} ${name}`,
        kind,
        name,
        path: [...(tpl ?? []), 'spec'],
        spec: base['spec'],
        annotations: isObj(base['metadata']?.annotations) ? base['metadata'].annotations : {},
      });
    });
  }
  return out;
}

export function containers(files: LintFile[]): ContainerRef[] {
  return podSpecs(files).flatMap((p) =>
    (['initContainers', 'containers'] as const).flatMap((key) =>
      (Array.isArray(p.spec[key]) ? (p.spec[key] as unknown[]) : []).flatMap((c, i) =>
        isObj(c) ? [{ ...p, container: c, containerPath: [...p.path, key, i] }] : [],
      ),
    ),
  );
}

/** The finding's entity and location for a field of a pod spec or container. */
export const where = (p: PodSpecRef, path: Path) => ({
  entity: { kind: 'workload', name: p.workload },
  location: { file: p.file.path, ...p.file.position(path, p.doc) },
});

/** The annotation a pod template carries to give the reason for an exception (Kiln writes it from the site). */
export const reasonOf = (p: PodSpecRef, annotation: string): string | undefined => {
  const r = p.annotations[annotation];
  return typeof r === 'string' && r.trim().length >= 10 ? r : undefined;
};
