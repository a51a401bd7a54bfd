import { describe, expect, it } from 'vitest';
import { matchersDisjoint, regexMatches, regexesDisjoint } from './label-sets.js';

describe('label value sets', () => {
  it.each([
    ['2..', '3..'],
    ['LIST|GET', 'POST|PUT|PATCH|DELETE'],
    ['a+', 'b*c'],
    ['[0-4]\\d', '[5-9]\\d'],
    ['foo.*', 'bar.*'],
    ['(?:api|web)-1', 'db-.+'],
    ['x{2}', 'x{3}'],
  ])('%s and %s match no common value', (a, b) => {
    expect(regexesDisjoint(a, b)).toBe(true);
    expect(regexesDisjoint(b, a)).toBe(true);
  });

  it.each([
    ['2..', '2.*'],
    ['.+/compactor.*', '.*compactor'],
    ['GET|LIST', 'LIST'],
    ['[^a]', 'b'],
    ['x{2,}', 'x{3}'],
    ['(?i)get', 'GET'], // flags are not understood: never called disjoint
    ['\\pL+', '1'],
  ])('%s and %s may match a common value', (a, b) => {
    expect(regexesDisjoint(a, b)).toBe(false);
  });

  it('matches whole values, as Prometheus anchors them', () => {
    expect(regexMatches('2..', '200')).toBe(true);
    expect(regexMatches('2..', '2000')).toBe(false);
    expect(regexMatches('a|b', 'ab')).toBe(false);
    expect(regexMatches('(?i)a', 'A')).toBeUndefined();
  });

  it.each([
    [{ op: '=', value: 'a' }, { op: '=', value: 'b' }, true],
    [{ op: '=', value: 'a' }, { op: '!=', value: 'a' }, true],
    [{ op: '=', value: '/healthz' }, { op: '!=', value: '/metrics' }, false],
    [{ op: '=', value: '200' }, { op: '=~', value: '5..' }, true],
    [{ op: '=', value: '500' }, { op: '!~', value: '5..' }, true],
    [{ op: '=~', value: '5..' }, { op: '!~', value: '5..' }, true],
    [{ op: '!=', value: 'a' }, { op: '!=', value: 'b' }, false],
  ] as const)('%j and %j: disjoint %s', (a, b, expected) => {
    expect(matchersDisjoint(a, b)).toBe(expected);
  });
});
