/**
 * The lint YAML reader for what yaml-fast.ts (tried first, one pass for the usual shapes) declines:
 * js-yaml (a maintained parser several times faster than `yaml`'s composer
 * on every shape — block and flow collections, multi-line plain, quoted and block scalars, anchors)
 * for the values, and its parse events for positions. Positions are only needed for findings, so
 * they are computed on demand by a second parse that records, for every node, where it starts and
 * ends ("frames"). The frames are checked against the values; where they disagree (rare shapes such
 * as an empty sequence entry) the caller falls back to `yaml`'s full parse. The schema is YAML
 * 1.2's core schema plus merge keys (`<<`), as Prometheus' and Alertmanager's go-yaml read them.
 */
import jsyaml from 'js-yaml';

// `types` is exported by js-yaml 4 but missing from @types/js-yaml.
const { merge } = (jsyaml as unknown as { types: { merge: jsyaml.Type } }).types;
export const SCHEMA = jsyaml.CORE_SCHEMA.extend({ implicit: [merge] });

/** One composed node: where it starts (possibly before separating space), ends, and its children in source order. */
export interface Frame {
  pos: number;
  end: number;
  kind: string | null;
  result: unknown;
  children: Frame[];
}

/** The documents' values, or undefined when js-yaml rejects the text (the caller reports errors with `yaml`). */
export function readValues(text: string): unknown[] | undefined {
  try {
    return jsyaml.loadAll(text, undefined, { schema: SCHEMA });
  } catch {
    return undefined;
  }
}

/** One root frame per document. */
export function readFrames(text: string): Frame[] | undefined {
  const roots: Frame[] = [];
  const stack: Frame[] = [];
  try {
    jsyaml.loadAll(text, undefined, {
      schema: SCHEMA,
      listener(event, state) {
        if (event === 'open') {
          stack.push({ pos: state.position, end: state.position, kind: null, result: undefined, children: [] });
          return;
        }
        const f = stack.pop()!;
        f.end = state.position;
        f.kind = state.kind;
        f.result = state.result;
        if (stack.length > 0) stack[stack.length - 1]!.children.push(f);
        else roots.push(f);
      },
    });
  } catch {
    return undefined;
  }
  return roots;
}

/** A frame whose only child composed the same value stands for that child (a node first tried as a mapping key). */
function innermost(f: Frame): Frame {
  for (let depth = 0; depth < 8 && f.children.length === 1 && f.children[0]!.result === f.result; depth++) f = f.children[0]!;
  return f;
}

/** A frame that composed nothing: an empty value. (An alias has no kind either, but a value.) */
const isEmpty = (f: Frame) => f.kind === null && (f.result === null || f.result === undefined);

/** Key and value frames of a mapping frame, by key; undefined when they do not match its value. */
function pairs(f: Frame): Map<string, { key: Frame; value: Frame | undefined }> | undefined {
  const out = new Map<string, { key: Frame; value: Frame | undefined }>();
  const value = f.result as Record<string, unknown>;
  const kids = f.children;
  for (let i = 0; i < kids.length;) {
    const k = kids[i]!;
    if (isEmpty(k)) {
      i++; // the attempt to read a key after the last entry
      continue;
    }
    const key = innermost(k);
    if (typeof key.result === 'string') {
      // Keys of other types (`true:`, `1:`) are not looked up by the readers, as with `yaml`.
      if (key.result !== '<<' && !(key.result in value)) return undefined;
      out.set(key.result, { key, value: kids[i + 1] });
    } else if (key.result !== null && typeof key.result === 'object') return undefined;
    i += 2;
  }
  return out;
}

/** The item frames of a sequence frame; undefined when they do not match its value (an empty `-` entry has none). */
function items(f: Frame): Frame[] | undefined {
  const list = f.children;
  return Array.isArray(f.result) && list.length === f.result.length ? list : undefined;
}

export interface Located {
  /** The frame of the deepest node found along the path. */
  node: Frame;
  /** The key frame when the whole path was found and it ends in a map key. */
  key?: Frame;
  /** Whether the whole path was found. */
  complete: boolean;
}

/**
 * The frames along `path`: the deepest node that exists, and the key of the last step when it is
 * a map entry. Undefined when the frames cannot be trusted for this path (the caller falls back).
 */
export function locate(root: Frame, path: readonly (string | number)[]): Located | undefined {
  let node = innermost(root);
  let key: Frame | undefined;
  for (let i = 0; i < path.length; i++) {
    const step = path[i]!;
    if (node.kind === 'mapping') {
      const map = pairs(node);
      if (!map) return undefined;
      const entry = typeof step === 'string' ? map.get(step) : undefined;
      if (!entry) return { node, complete: false };
      if (i === path.length - 1) key = entry.key;
      // An empty value has no frame of its own: only `yaml` knows where it is.
      if (!entry.value || isEmpty(entry.value)) return i === path.length - 1 ? { node, key: entry.key, complete: true } : undefined;
      node = innermost(entry.value);
    } else if (node.kind === 'sequence') {
      const list = items(node);
      if (!list) return undefined;
      const index = typeof step === 'number' ? step : step === '' ? NaN : Number(step);
      const item = Number.isInteger(index) && index >= 0 ? list[index] : undefined;
      if (!item) return { node, complete: false };
      if (isEmpty(item)) return undefined;
      node = innermost(item);
    } else return { node, complete: false }; // a scalar, or an alias (whose content is placed at its anchor)
  }
  return { node, ...(key && { key }), complete: true };
}

/** The offset of a node's content, as `yaml` ranges start: after separating spaces, line breaks, comments and properties (`&anchor`, `!tag`). */
export function contentStart(text: string, from: number, end = text.length): number {
  let i = from;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) i++;
    else if (c === 35 /* # */ && (i === 0 || /\s/.test(text[i - 1]!))) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? end : nl + 1;
    } else if ((c === 38 /* & */ || c === 33) /* ! */ && i + 1 < end) {
      while (i < end && !/[\s,[\]{}]/.test(text[i]!)) i++;
    } else break;
  }
  return i;
}
