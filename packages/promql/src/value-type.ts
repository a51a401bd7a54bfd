/**
 * The value types of PromQL expressions, named as in Prometheus' promql/parser (`ValueType`),
 * plus the wording Prometheus uses for them in error messages (`DocumentedType`).
 */
export type ValueType = 'none' | 'scalar' | 'vector' | 'matrix' | 'string';

/** "instant vector" and "range vector" for vector and matrix; the type name otherwise. */
export function documentedType(type: ValueType): string {
  if (type === 'vector') return 'instant vector';
  if (type === 'matrix') return 'range vector';
  return type;
}
