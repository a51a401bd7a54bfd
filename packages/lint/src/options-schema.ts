/**
 * Schemas of the lint rules' options: the few zod-style builders they use — strict objects of
 * strings, booleans, numbers, enums, lists and records, with defaults, descriptions and checks —
 * with `safeParse`/`parse`, the static type of a parsed value (`Output<S>`) and the JSON Schema the
 * docs pages show. Why not zod itself: `kiln lint` on a pre-commit hook's few files is a short run,
 * and loading zod and building the ~50 rules' schemas was 10–20 ms of every run (zod is more than
 * half of the lint bundle). The site model, which is parsed once per build, keeps zod.
 *
 * Semantics follow zod's where the rules rely on them: an object rejects unknown keys; a missing or
 * `undefined` value takes the default (not checked) or, when optional, is left out; checks
 * (`refine`, `int`, `min`) run after the type check.
 */

export interface Issue {
  path: (string | number)[];
  message: string;
}

export type SafeParseResult<T> = { success: true; data: T } | { success: false; error: { issues: Issue[] } };

/** The JSON Schema of an option, as far as the docs pages read it. */
export interface JsonSchema {
  type?: string;
  enum?: readonly string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | false;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  default?: unknown;
  description?: string;
}

interface Check {
  test: (v: never) => boolean;
  message: string;
}

type Kind =
  | { type: 'string' }
  | { type: 'boolean' }
  | { type: 'number'; integer: boolean }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'array'; item: Schema<unknown> }
  | { type: 'record'; value: Schema<unknown> }
  | { type: 'object'; shape: Record<string, Schema<unknown>> };

const got = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `a ${typeof v} (${JSON.stringify(v)})`;

export class Schema<T> {
  /** The type of a parsed value; for `Output<S>` only. */
  declare readonly _output: T;

  constructor(
    private readonly kind: Kind,
    readonly checks: readonly Check[] = [],
    private readonly fallback: { value: unknown } | undefined = undefined,
    private readonly optionalValue = false,
    readonly description: string | undefined = undefined,
  ) {}

  private with(o: { checks?: readonly Check[]; fallback?: { value: unknown }; optional?: boolean; description?: string }): Schema<never> {
    return new Schema<never>(
      this.kind,
      o.checks ?? this.checks,
      o.fallback ?? this.fallback,
      o.optional ?? this.optionalValue,
      o.description ?? this.description,
    );
  }

  /** The value used when the input is missing; it is not checked. */
  default(value: Exclude<T, undefined>): Schema<Exclude<T, undefined>> {
    return this.with({ fallback: { value } });
  }

  optional(): Schema<T | undefined> {
    return this.with({ optional: true });
  }

  describe(description: string): Schema<T> {
    return this.with({ description });
  }

  refine(test: (v: T) => boolean, message: string): Schema<T> {
    return this.with({ checks: [...this.checks, { test, message }] });
  }

  int(): Schema<T> {
    const checked = this.refine((v) => Number.isInteger(v), 'must be a whole number');
    return new Schema({ type: 'number', integer: true }, checked.checks, this.fallback, this.optionalValue, this.description);
  }

  min(n: number): Schema<T> {
    return this.refine((v) => (v as number) >= n, `must be at least ${n}`);
  }

  safeParse(input: unknown): SafeParseResult<T> {
    const issues: Issue[] = [];
    const data = this.run(input, [], issues);
    return issues.length === 0 ? { success: true, data: data as T } : { success: false, error: { issues } };
  }

  parse(input: unknown): T {
    const r = this.safeParse(input);
    if (!r.success) throw new Error(r.error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`).join('; '));
    return r.data;
  }

  /** Whether a missing value is accepted (it has a default or is optional). */
  get acceptsMissing(): boolean {
    return this.fallback !== undefined || this.optionalValue;
  }

  private run(v: unknown, path: (string | number)[], issues: Issue[]): unknown {
    if (v === undefined) {
      if (this.fallback) return this.fallback.value;
      if (this.optionalValue) return undefined;
      issues.push({ path, message: 'is required' });
      return undefined;
    }
    const before = issues.length;
    const out = this.typed(v, path, issues);
    if (issues.length > before) return undefined;
    for (const c of this.checks) if (!(c.test as (x: unknown) => boolean)(out)) issues.push({ path, message: c.message });
    return out;
  }

  private typed(v: unknown, path: (string | number)[], issues: Issue[]): unknown {
    const k = this.kind;
    const expected = (what: string) => issues.push({ path, message: `expected ${what}, got ${got(v)}` });
    switch (k.type) {
      case 'string':
      case 'boolean':
        if (typeof v !== k.type) expected(`a ${k.type}`);
        return v;
      case 'number':
        if (typeof v !== 'number' || !Number.isFinite(v)) expected('a number');
        return v;
      case 'enum':
        if (typeof v !== 'string' || !k.values.includes(v)) expected(`one of ${k.values.map((x) => JSON.stringify(x)).join(', ')}`);
        return v;
      case 'array':
        if (!Array.isArray(v)) {
          expected('a list');
          return v;
        }
        return v.map((x, i) => k.item.run(x, [...path, i], issues));
      case 'record': {
        if (v === null || typeof v !== 'object' || Array.isArray(v)) {
          expected('an object');
          return v;
        }
        const out: Record<string, unknown> = {};
        // Defined, not assigned: a key `__proto__` (JSON.parse makes it an own key) stays a key.
        for (const [key, x] of Object.entries(v))
          Object.defineProperty(out, key, {
            value: k.value.run(x, [...path, key], issues),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        return out;
      }
      case 'object': {
        if (v === null || typeof v !== 'object' || Array.isArray(v)) {
          expected('an object');
          return v;
        }
        const known = Object.keys(k.shape);
        for (const key of Object.keys(v))
          if (!known.includes(key))
            issues.push({
              path: [...path, key],
              message: `unknown option; ${known.length === 0 ? 'this rule has no options' : `known: ${known.join(', ')}`}`,
            });
        const out: Record<string, unknown> = {};
        for (const [key, field] of Object.entries(k.shape)) {
          const x = field.run((v as Record<string, unknown>)[key], [...path, key], issues);
          if (x !== undefined) out[key] = x; // an optional option not given is left out
        }
        return out;
      }
    }
  }

  /** The JSON Schema of the input this schema accepts (the docs pages' options tables). */
  toJSONSchema(): JsonSchema {
    const k = this.kind;
    const own: JsonSchema =
      k.type === 'number'
        ? { type: k.integer ? 'integer' : 'number' }
        : k.type === 'enum'
          ? { type: 'string', enum: k.values }
          : k.type === 'array'
            ? { type: 'array', items: k.item.toJSONSchema() }
            : k.type === 'record'
              ? { type: 'object', additionalProperties: k.value.toJSONSchema() }
              : k.type === 'object'
                ? {
                    type: 'object',
                    properties: Object.fromEntries(Object.entries(k.shape).map(([key, s]) => [key, s.toJSONSchema()])),
                    required: Object.entries(k.shape)
                      .filter(([, s]) => !s.acceptsMissing)
                      .map(([key]) => key),
                    additionalProperties: false,
                  }
                : { type: k.type };
    return {
      ...own,
      ...(this.fallback && { default: this.fallback.value }),
      ...(this.description !== undefined && { description: this.description }),
    };
  }
}

/** The type of what a schema parses to. */
export type Output<S> = S extends Schema<infer T> ? T : never;

type OptionalKeys<S> = { [K in keyof S]: undefined extends Output<S[K]> ? K : never }[keyof S];
type ObjectOutput<S extends Record<string, Schema<unknown>>> = {
  [K in Exclude<keyof S, OptionalKeys<S>>]: Output<S[K]>;
} & { [K in OptionalKeys<S>]?: Output<S[K]> };

/** The builders, named as zod's so that a rule reads the same. */
export const z = {
  string: (): Schema<string> => new Schema({ type: 'string' }),
  boolean: (): Schema<boolean> => new Schema({ type: 'boolean' }),
  number: (): Schema<number> => new Schema({ type: 'number', integer: false }),
  enum: <const V extends readonly string[]>(values: V): Schema<V[number]> => new Schema({ type: 'enum', values }),
  array: <T>(item: Schema<T>): Schema<T[]> => new Schema({ type: 'array', item }),
  record: <T>(_key: Schema<string>, value: Schema<T>): Schema<Record<string, T>> => new Schema({ type: 'record', value }),
  strictObject: <S extends Record<string, Schema<unknown>>>(shape: S): Schema<ObjectOutput<S>> => new Schema({ type: 'object', shape }),
};
