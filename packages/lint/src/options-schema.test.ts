import { describe, expect, it } from 'vitest';
import { z } from './options-schema.js';

const schema = z.strictObject({
  names: z.array(z.string()).default(['a']).describe('Names.'),
  flag: z.boolean().default(false).describe('A flag.'),
  interval: z
    .string()
    .refine((s) => /^\d+[smh]$/.test(s), 'must be a duration')
    .optional()
    .describe('An interval.'),
  nodes: z.number().int().min(1).optional(),
  level: z.enum(['low', 'high']).default('low'),
  types: z.record(z.string(), z.enum(['counter', 'gauge'])).default({}),
});

describe('lint rule option schemas', () => {
  it('fills defaults, leaves out optional options that are not given, and keeps what is given', () => {
    expect(schema.parse({})).toEqual({ names: ['a'], flag: false, level: 'low', types: {} });
    expect(Object.keys(schema.parse({}))).not.toContain('interval');
    expect(schema.parse({ names: [], flag: true, interval: '30s', nodes: 3, level: 'high', types: { up: 'gauge' } })).toEqual({
      names: [],
      flag: true,
      interval: '30s',
      nodes: 3,
      level: 'high',
      types: { up: 'gauge' },
    });
  });

  it('names every wrong option by its path, with what was expected', () => {
    const r = schema.safeParse({
      names: ['x', 2],
      flag: 'yes',
      interval: '5 minutes',
      nodes: 0.5,
      level: 'mid',
      types: { up: 'histogram' },
      nope: 1,
    });
    expect(r.success).toBe(false);
    const issues = r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues).toEqual([
      'nope: unknown option; known: names, flag, interval, nodes, level, types',
      'names.1: expected a string, got a number (2)',
      'flag: expected a boolean, got a string ("yes")',
      'interval: must be a duration',
      'nodes: must be a whole number',
      'nodes: must be at least 1',
      'level: expected one of "low", "high", got a string ("mid")',
      'types.up: expected one of "counter", "gauge", got a string ("histogram")',
    ]);
    expect(schema.safeParse({ nodes: 0 }).success).toBe(false);
    expect(schema.safeParse([]).success).toBe(false);
    expect(() => z.strictObject({}).parse({ a: 1 })).toThrow('a: unknown option; this rule has no options');
  });

  it('keeps a record key `__proto__` a key (hostile --rule-option JSON)', () => {
    const parsed = schema.parse({ types: JSON.parse('{"__proto__": "gauge", "up": "counter"}') as unknown });
    expect(Object.keys(parsed.types)).toEqual(['__proto__', 'up']);
    expect(Object.getPrototypeOf(parsed.types)).toBe(Object.prototype);
    expect(schema.safeParse({ types: JSON.parse('{"__proto__": []}') as unknown }).success).toBe(false);
  });

  it('describes the options as JSON Schema for the docs pages', () => {
    expect(schema.toJSONSchema()).toEqual({
      type: 'object',
      additionalProperties: false,
      required: [],
      properties: {
        names: { type: 'array', items: { type: 'string' }, default: ['a'], description: 'Names.' },
        flag: { type: 'boolean', default: false, description: 'A flag.' },
        interval: { type: 'string', description: 'An interval.' },
        nodes: { type: 'integer' },
        level: { type: 'string', enum: ['low', 'high'], default: 'low' },
        types: { type: 'object', additionalProperties: { type: 'string', enum: ['counter', 'gauge'] }, default: {} },
      },
    });
  });
});
