/** Reading generated files back into values: YAML (possibly several documents) or JSON. */
import { parseAllDocuments } from 'yaml';

export type Labels = Record<string, string>;

/** The documents of a file, or undefined when it is not YAML/JSON or does not parse. */
export function documents(path: string, text: string | undefined): unknown[] | undefined {
  if (text === undefined) return undefined;
  try {
    if (path.endsWith('.json')) return [JSON.parse(text) as unknown];
    if (/\.ya?ml$/.test(path)) {
      const docs = parseAllDocuments(text);
      if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return undefined;
      return docs.map((d) => d.toJS() as unknown).filter((v) => v !== null && v !== undefined);
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** The first document of a file, when it is an object. */
export function object(path: string, text: string | undefined): Record<string, unknown> | undefined {
  const first = documents(path, text)?.[0];
  return isRecord(first) ? first : undefined;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function asLabels(v: unknown): Labels {
  if (!isRecord(v)) return {};
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)]));
}

/** Paths of a file set under a folder with a suffix, sorted. */
export function pathsUnder(files: ReadonlyMap<string, string>, folder: string, suffix: string): string[] {
  return [...files.keys()].filter((p) => p.startsWith(folder) && p.endsWith(suffix)).sort();
}

/** A YAML value as text: strings as they are, other scalars spelled out, objects as JSON, absent as `fallback`. */
export function text(v: unknown, fallback = ''): string {
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}
