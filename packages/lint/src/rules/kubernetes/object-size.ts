import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { isRecord } from '../../readers/rules.js';

/** The API server refuses a ConfigMap or Secret whose data exceeds 1 MiB. */
const DATA_LIMIT = 1024 * 1024;
/** etcd's default request limit (1.5 MiB): no object larger is stored. */
const OBJECT_LIMIT = 1.5 * 1024 * 1024;

const kib = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString('en-US')} KiB`;

/** Bytes of a ConfigMap's or Secret's data as the API server counts them (keys and values; base64 for Secret `data`). */
function dataBytes(o: Record<string, unknown>): number {
  let n = 0;
  for (const field of ['data', 'binaryData', 'stringData']) {
    const d = o[field];
    if (!isRecord(d)) continue;
    for (const [k, v] of Object.entries(d)) {
      if (typeof v !== 'string') continue;
      const base64 = field === 'binaryData' || (o['kind'] === 'Secret' && field === 'data');
      n += Buffer.byteLength(k) + (base64 ? Math.floor((v.replace(/\s/g, '').length * 3) / 4) : Buffer.byteLength(v));
    }
  }
  return n;
}

export default createRule({
  id: 'kubernetes/object-size',
  meta: {
    description: 'Kubernetes objects fit what the API server stores: ConfigMap and Secret data at most 1 MiB, any object at most 1.5 MiB.',
    rationale:
      '`kubectl apply` of a larger object fails ("Too long: must have at most 1048576 bytes", or etcd\'s "request is too large"), and the pods that mount it never get the new files. ' +
      'Rule files grow with the inventory: split them over several ConfigMaps (Kiln does past 1 MiB) and mount them through a projected volume.',
    summary: 'Kubernetes object too large',
    severity: 'error',
    messages: {
      data: '{{kind}} `{{name}}` holds {{size}} of data; the API server refuses more than 1 MiB. Split the files over several {{kind}}s and mount them through a projected volume (Kiln does so itself; a single file this large is one rule group: split the group)',
      object: '{{kind}} `{{name}}` is {{size}}; etcd stores objects of at most 1.5 MiB. Split it',
    },
    options: z.strictObject({}),
    reads: ['files'],
  },
  check({ files, report }) {
    for (const file of files) {
      if (file.kind !== 'kubernetes') continue;
      file.values.forEach((o, doc) => {
        if (!isRecord(o) || typeof o['kind'] !== 'string') return;
        const meta = isRecord(o['metadata']) ? o['metadata'] : {};
        const name = typeof meta['name'] === 'string' ? meta['name'] : '(unnamed)';
        const location = { file: file.path, ...file.position([], doc) };
        const entity = { kind: o['kind'], name };
        const data = o['kind'] === 'ConfigMap' || o['kind'] === 'Secret' ? dataBytes(o) : 0;
        if (data > DATA_LIMIT) report({ messageId: 'data', data: { kind: o['kind'], name, size: kib(data) }, entity, location });
        else {
          const size = Buffer.byteLength(JSON.stringify(o));
          if (size > OBJECT_LIMIT) report({ messageId: 'object', data: { kind: o['kind'], name, size: kib(size) }, entity, location });
        }
      });
    }
  },
});
