/**
 * A walk over every scalar of a parsed YAML/JSON value, with its path; the path array is reused, so
 * copy it to keep it. A collection reached again through a YAML alias is walked once (at its
 * first path), so a file of nested aliases ("billion laughs") cannot make the walk explode.
 */
export function walkScalars(value: unknown, visit: (path: readonly (string | number)[], key: string, v: unknown) => void): void {
  const path: (string | number)[] = [];
  const seen = new WeakSet<object>();
  const go = (v: unknown, key: string): void => {
    if (v !== null && typeof v === 'object') {
      if (seen.has(v)) return;
      seen.add(v);
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        go(v[i], key);
        path.pop();
      }
    } else if (v !== null && typeof v === 'object') {
      for (const k in v) {
        path.push(k);
        go((v as Record<string, unknown>)[k], k);
        path.pop();
      }
    } else visit(path, key, v);
  };
  go(value, '');
}
