/**
 * Turns zod issues into site issues an author can act on, for every field alike: a missing field
 * says what it expects (with the allowed values of an enum), an unknown field suggests the closest
 * valid one and lists the rest, a wrong type says what was found, an invalid name says which rule
 * it broke. The schema at an issue's path is looked up to know what the field expects.
 */
import type { z } from 'zod';
import { closest, entityAt, type SiteIssue } from './errors.js';
import { shown } from './names.js';

type Path = (string | number)[];
type Issue = z.core.$ZodIssue;
type Schema = z.core.$ZodType;

const defOf = (s: Schema) => s._zod.def as unknown as Record<string, unknown> & { type: string };

/** The schema with optional/default/pipe wrappers removed. */
function unwrap(s: Schema): Schema {
  let cur = s;
  for (let i = 0; i < 16; i++) {
    const d = defOf(cur);
    if (['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch'].includes(d.type))
      cur = d['innerType'] as Schema;
    else if (d.type === 'pipe') cur = d['in'] as Schema;
    else break;
  }
  return cur;
}

/** The schema that validates the value at `path` below `root`, when the path leads anywhere. */
export function schemaAt(root: Schema, path: Path): Schema | undefined {
  let cur: Schema | undefined = root;
  for (const key of path) {
    if (!cur) return undefined;
    const s = unwrap(cur);
    const d = defOf(s);
    if (d.type === 'object') {
      const shape = d['shape'] as Record<string, Schema>;
      cur = typeof key === 'string' && Object.hasOwn(shape, key) ? shape[key] : undefined;
    } else if (d.type === 'record') cur = d['valueType'] as Schema;
    else if (d.type === 'array') cur = d['element'] as Schema;
    else if (d.type === 'union') {
      cur = (d['options'] as Schema[]).map((o) => schemaAt(o, [key])).find((x) => x !== undefined);
    } else return undefined;
  }
  return cur;
}

const description = (s: Schema): string | undefined => (s as unknown as { description?: string }).description;

const list = (values: readonly unknown[]) => values.map((v) => `\`${String(v)}\``).join(', ');

/** What a schema expects, in words: "one of `a`, `b`", "a number", "an object with fields …". */
export function expectation(s: Schema): string {
  const u = unwrap(s);
  const d = defOf(u);
  switch (d.type) {
    case 'enum':
      return `one of ${list(Object.values(d['entries'] as Record<string, string>))}`;
    case 'literal':
      return `\`${String((d['values'] as unknown[])[0])}\``;
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return '`true` or `false`';
    case 'array':
      return 'a list';
    case 'record':
      return 'a map of names to entries';
    case 'object':
      return `an object with ${list(Object.keys(d['shape'] as object))}`;
    case 'union':
      return (d['options'] as Schema[]).map(expectation).join(', or ');
    default:
      return d.type;
  }
}

/** The keys an object or an enum-keyed record accepts. */
function knownKeys(s: Schema): string[] {
  const d = defOf(unwrap(s));
  if (d.type === 'object') return Object.keys(d['shape'] as object);
  if (d.type === 'record') {
    const k = defOf(unwrap(d['keyType'] as Schema));
    if (k.type === 'enum') return Object.values(k['entries'] as Record<string, string>);
  }
  return [];
}

/** What the author wrote, in words, for "must be X, not Y". */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : Number.isFinite(value) ? `the number ${value}` : `${value}`;
  if (typeof value === 'string') return `the text ${shown(value)}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'boolean') return `\`${value}\``;
  return typeof value === 'undefined' ? 'nothing' : `a ${typeof value}`;
}

/** The raw value at `path`, and whether its last key exists at all. */
function lookup(input: unknown, path: Path): { present: boolean; value: unknown } {
  let cur: unknown = input;
  for (const key of path) {
    if (typeof cur !== 'object' || cur === null || !Object.hasOwn(cur, key)) return { present: false, value: undefined };
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return { present: true, value: cur };
}

const withDescription = (s: Schema | undefined) => {
  if (!s) return '';
  const text = description(s) ?? description(unwrap(s));
  return text ? `: ${text.replace(/\.$/, '')}` : '';
};

function message(issue: Issue, path: Path, root: Schema, input: unknown): SiteIssueDraft[] {
  const field = schemaAt(root, path);
  switch (issue.code) {
    case 'invalid_type':
    case 'invalid_value': {
      const at = lookup(input, path);
      const last = path[path.length - 1];
      if ((!at.present || at.value === undefined) && typeof last === 'string') {
        return [
          {
            path,
            message: `missing required field \`${last}\` (${field ? expectation(field) : issue.code === 'invalid_type' ? issue.expected : 'a value'}${withDescription(field)})`,
          },
        ];
      }
      if (issue.code === 'invalid_value') {
        const values = issue.values.map(String);
        const near = typeof at.value === 'string' ? closest(at.value, values) : undefined;
        return [{ path, message: `${shown(at.value)} is not one of ${list(values)}${near ? `; did you mean \`${near}\`?` : ''}` }];
      }
      if (issue.expected === 'int') return [{ path, message: `must be a whole number, not ${kindOf(at.value)}` }];
      const expected = field ? expectation(field) : issue.expected;
      return [{ path, message: `must be ${expected}, not ${kindOf(at.value)}` }];
    }
    case 'unrecognized_keys': {
      const known = field ? knownKeys(field) : [];
      return issue.keys.map((key) => {
        const near = closest(key, known);
        const hint = near ? `did you mean \`${near}\`?` : known.length > 0 ? `valid fields here: ${list(known)}` : 'remove it';
        return { path: [...path, key], message: `unknown field; ${hint}` };
      });
    }
    case 'invalid_key':
      return issue.issues.flatMap((inner) => message(inner, path, root, input));
    case 'invalid_element':
      return issue.issues.flatMap((inner) => message(inner, [...path, ...inner.path.map(key)], root, input));
    case 'invalid_union': {
      // The branch that got furthest into the value is the one the author meant.
      const branches = issue.errors.filter((b) => b.length > 0);
      const depth = (b: z.core.$ZodIssue[]) => Math.max(...b.map((i) => i.path.length + (i.code === 'invalid_type' ? 0 : 0.5)));
      const best = branches.sort((a, b) => depth(b) - depth(a))[0];
      if (!best || depth(best) === 0) {
        return [{ path, message: `must be ${field ? expectation(field) : 'another value'}, not ${kindOf(lookup(input, path).value)}` }];
      }
      return best.flatMap((inner) => message(inner, [...path, ...inner.path.map(key)], root, input));
    }
    case 'too_small': {
      if (issue.message && !issue.message.startsWith('Too small')) return [{ path, message: issue.message }];
      const n = Number(issue.minimum);
      if (issue.origin === 'array' || issue.origin === 'set')
        return [{ path, message: `must list at least ${n} item${n === 1 ? '' : 's'}` }];
      if (issue.origin === 'string') return [{ path, message: n <= 1 ? 'must not be empty' : `must be at least ${n} characters long` }];
      return [{ path, message: `must be ${issue.inclusive ? 'at least' : 'greater than'} ${n}, not ${kindOf(lookup(input, path).value)}` }];
    }
    case 'too_big': {
      if (issue.message && !issue.message.startsWith('Too big')) return [{ path, message: issue.message }];
      const n = Number(issue.maximum);
      if (issue.origin === 'array' || issue.origin === 'set') return [{ path, message: `must list at most ${n} items` }];
      if (issue.origin === 'string') return [{ path, message: `must be at most ${n} characters long` }];
      return [{ path, message: `must be ${issue.inclusive ? 'at most' : 'less than'} ${n}, not ${kindOf(lookup(input, path).value)}` }];
    }
    default:
      return [{ path, message: issue.message }];
  }
}

interface SiteIssueDraft {
  path: Path;
  message: string;
}

const key = (p: PropertyKey): string | number => (typeof p === 'symbol' ? String(p) : p);

/** Site issues for a failed parse of `input` against `root`, one per problem, in the order zod found them. */
export function zodIssuesToSiteIssues(siteName: string, error: z.ZodError, input: unknown, root: Schema): SiteIssue[] {
  const seen = new Set<string>();
  const out: SiteIssue[] = [];
  for (const issue of error.issues) {
    for (const d of message(issue, issue.path.map(key), root, input)) {
      const id = `${JSON.stringify(d.path)} ${d.message}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ entity: entityAt(siteName, d.path), path: d.path, message: d.message });
    }
  }
  return out;
}
