/**
 * checkRe2 against re2js (a maintained JavaScript port of RE2 that reports Go's regexp/syntax
 * messages): the same verdict, message and empty-match answer on every pattern of the tests and of
 * the PromQL case table, and on generated patterns. re2js is the oracle, not the implementation:
 * it compiled 20,000 distinct patterns in 865 ms where checkRe2 took 73 ms (tools/bench/RESULTS.md).
 */
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { checkRe2 } from './re2-syntax.js';
import { PROMQL_CASES } from './test-fixtures/promql-cases.js';

function oracle(source: string) {
  try {
    return { ok: true, matchesEmpty: RE2JS.compile(source).matches('') };
  } catch (err) {
    const message = (err as Error).message;
    // Go's syntax.Error prints ": `expr`" even when expr is empty, as for a trailing backslash; re2js omits it.
    return { ok: false, message: message.endsWith('trailing backslash at end of expression') ? `${message}: \`\`` : message };
  }
}

const FIXED = [
  '(',
  'a)',
  '[a',
  'x[]',
  '*',
  'a**',
  'a*??',
  'a{1001}',
  'a{2,1}',
  '(a{500}){3}',
  'a(?=b)',
  '(?P=n)',
  '(?P<>a)',
  '\\q',
  '(a)\\1',
  '[z-a]',
  '[[:foo:]]',
  '\\p{Foo}',
  'a\\',
  '',
  '.*',
  'a*',
  'a?',
  '(a|)',
  'a{0}',
  '^$',
  '\\B',
  '(?i)',
  'a|b*',
  'a',
  '.+',
  'a+',
  '[^a]',
  '\\b',
  'a|b',
  '(a|b)c*',
  'a{1,}',
  '\\d',
  '(?i)abc',
  '(?P<name>a)',
  '(?<name>a)',
  '\\pL\\p{Greek}\\PN',
  '[[:alpha:][:^digit:]]',
  '\\Qa.b\\E',
  '\\A\\z',
  '\\x{263a}',
  'a(?i)*',
  '(?s-i:a)',
  'a{,3}',
  'a{',
  '\\pX',
  '\\8',
  '(?U)a',
  '(?z)a',
  '[a-\\d]',
  '\\C',
  '[^\\x00-\\x{10FFFF}]',
  '2..',
  'GET|LIST',
  '.+/compactor.*',
];

/** The regex of every `=~`/`!~` matcher in the PromQL case table. */
const FROM_CASES = PROMQL_CASES.flatMap((c) =>
  [...c.expr.matchAll(/[=!]~\s*"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string),
);

describe('checkRe2 agrees with re2js', () => {
  it.each([...new Set([...FIXED, ...FROM_CASES])].map((s) => [s]))('%j', (source) => {
    expect(checkRe2(source)).toEqual(oracle(source));
  });

  it('on generated patterns', () => {
    const atoms = [
      'a',
      '.',
      '\\d',
      '[a-z]',
      '[^x]',
      '(',
      ')',
      '|',
      '*',
      '+',
      '?',
      '{2}',
      '{1,3}',
      '{,2}',
      '(?:',
      '(?i)',
      '\\',
      '[',
      ']',
      '^',
      '$',
      '\\pL',
      '{',
      '}',
    ];
    let seed = 11;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const disagreements: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const source = Array.from({ length: 1 + rnd(6) }, () => atoms[rnd(atoms.length)]).join('');
      if (JSON.stringify(checkRe2(source)) !== JSON.stringify(oracle(source))) disagreements.push(source);
    }
    expect(disagreements).toEqual([]);
  });
});
