/**
 * When a site fails to parse, the parts that did parse are still worth checking: each top-level
 * field is parsed on its own, and each entry of a collection (hosts, shares, …) too. Entries that
 * fail are left out but remembered as "broken", so a reference to them is not reported as unknown
 * (their own schema errors already are). List entries that fail leave a hole at their index, so
 * the positions in messages (`mounts[3]`) stay the author's.
 */
import type { z } from 'zod';
import { Site } from './schema.js';

export interface Broken {
  /** Top-level fields that failed to parse as a whole (then every name in them counts as broken). */
  readonly whole: ReadonlySet<string>;
  has(collection: string, name: string): boolean;
}

export const NOTHING_BROKEN: Broken = { whole: new Set(), has: () => false };

const RECORDS = new Set(['vlans', 'hosts', 'shares', 'services', 'scrapeJobs', 'alerts', 'receivers']);
const LISTS = new Set(['mounts', 'routingTests']);
/** Stand-ins for required fields that failed; the resolver skips the checks of a broken field. */
const STUBS: Record<string, unknown> = {
  name: '(unnamed)',
  runbookUrl: '',
  vlans: {},
  hosts: {},
  receivers: {},
  routing: { receiver: '' },
  prometheus: { host: '' },
  alertmanager: { host: '' },
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

type Def = { type: string; innerType?: z.ZodType; keyType?: z.ZodType; valueType?: z.ZodType; element?: z.ZodType };
const defOf = (s: z.ZodType) => s._zod.def as unknown as Def;
const unwrapOptional = (s: z.ZodType) => (defOf(s).type === 'optional' ? defOf(s).innerType! : s);

export function parsePartially(input: unknown): { site: Record<string, unknown>; broken: Broken } | undefined {
  if (!isObject(input)) return undefined;
  const site: Record<string, unknown> = {};
  const whole = new Set<string>();
  const names = new Map<string, Set<string>>();
  for (const [key, schema] of Object.entries(Site.shape) as [string, z.ZodType][]) {
    const value = Object.hasOwn(input, key) ? input[key] : undefined;
    const inner = unwrapOptional(schema);
    if (RECORDS.has(key) && isObject(value)) {
      const { keyType, valueType } = defOf(inner);
      const ok: Record<string, unknown> = {};
      const bad = new Set<string>();
      for (const [name, entry] of Object.entries(value)) {
        const parsed = name === '__proto__' || !keyType!.safeParse(name).success ? undefined : valueType!.safeParse(entry);
        if (parsed?.success) ok[name] = parsed.data;
        else bad.add(name);
      }
      site[key] = ok;
      names.set(key, bad);
    } else if (LISTS.has(key) && Array.isArray(value)) {
      const element = defOf(inner).element!;
      const out: unknown[] = new Array(value.length);
      value.forEach((entry, i) => {
        const parsed = element.safeParse(entry);
        if (parsed.success) out[i] = parsed.data;
      });
      site[key] = out;
    } else {
      const parsed = schema.safeParse(value);
      if (parsed.success) site[key] = parsed.data;
      else {
        whole.add(key);
        site[key] = STUBS[key];
      }
    }
  }
  return { site, broken: { whole, has: (collection, name) => whole.has(collection) || (names.get(collection)?.has(name) ?? false) } };
}
