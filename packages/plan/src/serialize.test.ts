import { describe, expect, it } from 'vitest';
import { sanitize, serialize } from './serialize.js';

describe('sanitize', () => {
  it('drops undefined fields, keeping key order, and copies only what changes', () => {
    const clean = { b: [1, 'x', { c: true }], d: null };
    const input = { a: undefined, keep: clean, z: { y: undefined, x: 1, w: [2] } };
    const out = sanitize(input) as Record<string, unknown>;
    expect(JSON.stringify(out)).toBe('{"keep":{"b":[1,"x",{"c":true}],"d":null},"z":{"x":1,"w":[2]}}');
    expect(Object.keys(out)).toEqual(['keep', 'z']);
    expect(out['keep']).toBe(clean);
    expect(input.z).toEqual({ y: undefined, x: 1, w: [2] });
    expect(sanitize(clean)).toBe(clean);
    const nested = { list: [{ a: 1 }, { a: 2, gone: undefined }, { a: 3 }] };
    const copied = sanitize(nested) as typeof nested;
    expect(copied).toEqual({ list: [{ a: 1 }, { a: 2 }, { a: 3 }] });
    expect(copied.list[0]).toBe(nested.list[0]);
    expect(copied.list).not.toBe(nested.list);
  });

  it('names the path of what cannot be serialized', () => {
    expect(() => sanitize({ a: [{ b: 1 }, { b: Number.NaN }] }, 'x.yml')).toThrow(
      'x.yml.a[1].b: non-finite number NaN cannot be serialized',
    );
    expect(() => sanitize({ when: new Date(0) })).toThrow('$.when: Date instance cannot be serialized');
    expect(() => sanitize({ list: [1, undefined] })).toThrow('$.list[1]: undefined cannot be serialized');
    expect(() => sanitize({ f: () => 1 })).toThrow('$.f: function cannot be serialized');
  });

  it('serializes an artifact with undefined fields as if they were absent', () => {
    const value = { groups: [{ name: 'g', rules: [{ alert: 'A', for: undefined, expr: 'up == 0' }] }] };
    const withoutUndefined = { groups: [{ name: 'g', rules: [{ alert: 'A', expr: 'up == 0' }] }] };
    expect(serialize({ path: 'r.yml', format: 'yaml', value } as never)).toBe(
      serialize({ path: 'r.yml', format: 'yaml', value: withoutUndefined } as never),
    );
    expect(serialize({ path: 'r.json', format: 'json', value } as never)).toBe(JSON.stringify(withoutUndefined, null, 2) + '\n');
  });
});
