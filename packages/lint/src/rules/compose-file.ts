/**
 * Compose files among the files lint reads: recognised by content (a top-level `services` map whose
 * entries run an `image` or a `build`), whatever the file is called. Shared by the `compose/*` rules.
 */
import type { LintFile } from '../files.js';

export interface ComposeServiceAt {
  name: string;
  service: Record<string, unknown>;
  doc: number;
  /** Path of the service in its document: `['services', name]`. */
  path: (string | number)[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export function isComposeDocument(value: unknown): value is { services: Record<string, Record<string, unknown>> } {
  if (!isRecord(value) || 'apiVersion' in value || !isRecord(value['services'])) return false;
  const services = Object.values(value['services']);
  return services.length > 0 && services.every((s) => isRecord(s) && ('image' in s || 'build' in s));
}

/** Every service of every Compose document of the files. */
export function* composeServices(files: readonly LintFile[]): Generator<ComposeServiceAt & { file: LintFile }> {
  for (const file of files) {
    for (const [doc, value] of file.values.entries()) {
      if (!isComposeDocument(value)) continue;
      for (const [name, service] of Object.entries(value.services)) yield { file, name, service, doc, path: ['services', name] };
    }
  }
}

/** Where a finding about `path` (below the service) is, as a report location. */
export function locate(at: ComposeServiceAt & { file: LintFile }, ...rest: (string | number)[]) {
  return { file: at.file.path, ...at.file.position([...at.path, ...rest], at.doc) };
}
