import { describe, expect, it } from 'vitest';
import { checkRe2 } from './re2-syntax.js';

describe('checkRe2', () => {
  it.each([
    ['(', 'missing closing ): `(`'],
    ['a)', 'unexpected ): `a)`'],
    ['[a', 'missing closing ]: `[a`'],
    ['x[]', 'missing closing ]: `[]`'],
    ['*', 'missing argument to repetition operator: `*`'],
    ['a**', 'invalid nested repetition operator: `**`'],
    ['a*??', 'invalid nested repetition operator: `*??`'],
    ['a{1001}', 'invalid repeat count: `{1001}`'],
    ['a{2,1}', 'invalid repeat count: `{2,1}`'],
    ['(a{500}){3}', 'invalid repeat count: `{3}`'],
    ['a(?=b)', 'invalid or unsupported Perl syntax: `(?=`'],
    ['(?P=n)', 'invalid or unsupported Perl syntax: `(?P`'],
    ['(?P<>a)', 'invalid named capture: `(?P<>`'],
    ['\\q', 'invalid escape sequence: `\\q`'],
    ['(a)\\1', 'invalid escape sequence: `\\1`'],
    ['[z-a]', 'invalid character class range: `z-a`'],
    ['[[:foo:]]', 'invalid character class range: `[:foo:]`'],
    ['\\p{Foo}', 'invalid character class range: `\\p{Foo}`'],
    ['a\\', 'trailing backslash at end of expression: ``'],
  ])('%j: %s', (source, message) => {
    expect(checkRe2(source)).toEqual({ ok: false, message: `error parsing regexp: ${message}` });
  });

  it.each([
    ['', true],
    ['.*', true],
    ['a*', true],
    ['a?', true],
    ['(a|)', true],
    ['a{0}', true],
    ['^$', true],
    ['\\B', true],
    ['(?i)', true],
    ['a|b*', true],
    ['a', false],
    ['.+', false],
    ['a+', false],
    ['[^a]', false],
    ['\\b', false],
    ['a|b', false],
    ['(a|b)c*', false],
    ['a{1,}', false],
    ['\\d', false],
  ])('%j matches the empty string: %s', (source, matchesEmpty) => {
    expect(checkRe2(source)).toEqual({ ok: true, matchesEmpty });
  });

  it('accepts RE2 features that JavaScript lacks or spells differently', () => {
    for (const s of [
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
    ]) {
      expect(checkRe2(s).ok, s).toBe(true);
    }
  });
});
