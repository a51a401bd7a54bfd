/** Kubernetes memory quantities, in a module of their own (no zod): the `kiln lint` bundle needs them without the cluster schema. */
const UNITS: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };
/** Bytes of a binary memory quantity (`64Mi`). */
export function memoryBytes(q: string): number {
  const m = /^(\d+)(Ki|Mi|Gi|Ti)$/.exec(q);
  return m ? Number(m[1]) * UNITS[m[2]!]! : NaN;
}
/** A byte count in the largest binary unit that divides it (`1792Mi`). */
export function formatMemory(bytes: number): string {
  for (const u of ['Ti', 'Gi', 'Mi', 'Ki']) if (bytes % UNITS[u]! === 0 && bytes >= UNITS[u]!) return `${bytes / UNITS[u]!}${u}`;
  return `${bytes}`;
}
