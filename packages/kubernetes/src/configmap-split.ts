/**
 * Files that one ConfigMap would carry, in as many ConfigMaps as they need: the API server refuses a
 * ConfigMap whose data exceeds 1 MiB, and a 10,000-host site's rule files are 17 MB. Small sites keep
 * their single ConfigMap (`name`); past the limit the files go, in name order, into `name-1`, `name-2`…
 * each below BUDGET, and the pod mounts them all through one projected volume.
 */
import type { IProjectedVolumeSource } from 'kubernetes-models/v1/ProjectedVolumeSource';
import type { IVolume } from 'kubernetes-models/v1/Volume';

/** What a ConfigMap's data may hold (1 MiB), less room for its metadata and the `kubectl` annotations. */
export const CONFIGMAP_BUDGET = 1024 * 1024 - 64 * 1024;

export interface ConfigMapPart {
  name: string;
  data: Record<string, string>;
}

const sizeOf = (key: string, value: string) => Buffer.byteLength(key) + Buffer.byteLength(value);

/** The ConfigMaps for `data`; a single file larger than the budget is left alone, for the object-size check to name it. */
export function splitConfigMap(name: string, data: Record<string, string>): ConfigMapPart[] {
  const keys = Object.keys(data).sort();
  const total = keys.reduce((n, k) => n + sizeOf(k, data[k]!), 0);
  if (total <= CONFIGMAP_BUDGET) return [{ name, data }];
  const parts: ConfigMapPart[] = [];
  let current: Record<string, string> = {};
  let size = 0;
  for (const key of keys) {
    const s = sizeOf(key, data[key]!);
    if (size > 0 && size + s > CONFIGMAP_BUDGET) {
      parts.push({ name: `${name}-${parts.length + 1}`, data: current });
      current = {};
      size = 0;
    }
    current[key] = data[key]!;
    size += s;
  }
  parts.push({ name: `${name}-${parts.length + 1}`, data: current });
  return parts;
}

/** Projected-volume sources mounting every part's files, each under `dir` (`rules/x.yml`), or at the top when `dir` is ''. */
export function projectedSources(parts: ConfigMapPart[], dir: string): NonNullable<IProjectedVolumeSource['sources']> {
  return parts.map((p) => ({
    configMap: {
      name: p.name,
      items: Object.keys(p.data)
        .sort()
        .map((key) => ({ key, path: dir ? `${dir}/${key}` : key })),
    },
  }));
}

/** A volume of the parts: the ConfigMap itself when there is one, else a projected volume of all of them. */
export function configMapVolume(volume: string, parts: ConfigMapPart[]): IVolume {
  return parts.length === 1
    ? { name: volume, configMap: { name: parts[0]!.name } }
    : { name: volume, projected: { sources: projectedSources(parts, '') } };
}
