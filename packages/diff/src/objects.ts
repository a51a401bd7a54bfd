/**
 * Kubernetes objects (any YAML/JSON document with apiVersion and kind, keyed by kind, namespace
 * and name) and Docker Compose services (files named compose*.y(a)ml or docker-compose*.y(a)ml,
 * keyed by service name): added, removed, and the fields that changed.
 */
import { documents, isRecord, text as asText } from './parse.js';
import { code } from './show.js';
import type { Change, SiteFiles } from './types.js';
import { fieldChanges, fieldLines, keyed, partition } from './values.js';

interface Obj {
  file: string;
  label: string;
  value: unknown;
}

const COMPOSE = /(^|\/)(docker-)?compose[^/]*\.ya?ml$/;
/** Outputs of Kiln's other targets, compared by their own modules. */
const NOT_MANIFESTS = /^(prometheus|alertmanager|grafana\/dashboards)\//;

export function objectsOf(files: SiteFiles): { objects: Map<string, Obj>; read: Set<string> } {
  const list: Obj[] = [];
  const read = new Set<string>();
  for (const [file, text] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!/\.(ya?ml|json)$/.test(file)) continue;
    // Parse only what can be a manifest or a compose file: rule and test files are large.
    const compose = COMPOSE.test(file);
    if (!compose && (NOT_MANIFESTS.test(file) || !(text.includes('apiVersion') && text.includes('kind')))) continue;
    const docs = documents(file, text) ?? [];
    if (compose && docs.length === 1 && isRecord(docs[0]) && isRecord(docs[0].services)) {
      read.add(file);
      for (const [name, svc] of Object.entries(docs[0].services))
        list.push({ file, label: `compose service ${code(name)} (${file})`, value: svc });
      continue;
    }
    const k8s = docs.filter(
      (d): d is Record<string, unknown> => isRecord(d) && typeof d.apiVersion === 'string' && typeof d.kind === 'string',
    );
    if (k8s.length === 0 || k8s.length !== docs.length) continue;
    read.add(file);
    for (const d of k8s) {
      const meta = isRecord(d.metadata) ? d.metadata : {};
      const ns = typeof meta.namespace === 'string' ? `${meta.namespace}/` : '';
      list.push({ file, label: `${asText(d.kind)} ${code(`${ns}${asText(meta.name, '(unnamed)')}`)}`, value: d });
    }
  }
  return { objects: keyed(list, (o) => (o.label.startsWith('compose') ? o.label : `${o.label}`)), read };
}

export function diffObjects(base: SiteFiles, head: SiteFiles): { changes: Change[]; read: Set<string> } {
  const b = objectsOf(base);
  const a = objectsOf(head);
  const { removed, added, common } = partition(b.objects, a.objects);
  const changes: Change[] = [
    ...removed.map((k): Change => ({
      subject: 'object',
      kind: 'removed',
      risk: 'medium',
      summary: `removed ${b.objects.get(k)!.label}`,
      details: [],
    })),
    ...added.map((k): Change => ({
      subject: 'object',
      kind: 'added',
      risk: 'low',
      summary: `new ${a.objects.get(k)!.label}`,
      details: [],
    })),
    ...common.flatMap((k): Change[] => {
      const fields = fieldChanges(b.objects.get(k)!.value, a.objects.get(k)!.value);
      return fields.length
        ? [{ subject: 'object', kind: 'changed', risk: 'low', summary: `${a.objects.get(k)!.label} changed`, details: fieldLines(fields) }]
        : [];
    }),
  ];
  return { changes, read: new Set([...b.read, ...a.read]) };
}
