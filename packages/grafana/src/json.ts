/**
 * A deep copy with object keys sorted, so output is stable whatever order the SDK sets fields in.
 * Functions (the SDK puts marker methods such as `_implementsDataqueryVariant` on queries) are
 * dropped, as JSON.stringify would: the result is plain data.
 */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined && typeof v !== 'function') out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}
