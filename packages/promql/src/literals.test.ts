import { describe, expect, it } from 'vitest';
import { formatNumber, parseDuration, parseNumber, quoteString, unquoteString } from './literals.js';

describe('unquoteString', () => {
  it('reads the three quote styles and Go escapes', () => {
    expect(unquoteString('"a\\"b\\n"')).toEqual({ ok: true, value: 'a"b\n' });
    expect(unquoteString("'it\\'s'")).toEqual({ ok: true, value: "it's" });
    expect(unquoteString('`raw\\q`')).toEqual({ ok: true, value: 'raw\\q' });
    expect(unquoteString('"\\x41\\101\\u00e9\\U0001F600"')).toEqual({ ok: true, value: 'AAé😀' });
  });

  it.each([
    ['"\\q"', "unknown escape sequence U+0071 'q'"],
    ['"\\\'"', "unknown escape sequence U+0027 '''"],
    ['"\\400"', 'escape sequence is an invalid Unicode code point'],
    ['"\\ud800"', 'escape sequence is an invalid Unicode code point'],
    ['"\\x4"', "illegal character U+0022 '\"' in escape sequence"],
    ['"abc', 'unterminated quoted string'],
    ['"a\nb"', 'unterminated quoted string'],
    ['`abc', 'unterminated raw string'],
  ])('%j: %s', (raw, message) => {
    expect(unquoteString(raw)).toEqual({ ok: false, message });
  });
});

describe('quoteString', () => {
  it('double-quotes with Go escapes and round-trips', () => {
    expect(quoteString('a"b\\c\n\u0001é')).toBe('"a\\"b\\\\c\\n\\x01é"');
    for (const s of ['', 'plain', "it's", 'tab\there', '日本']) expect(unquoteString(quoteString(s))).toEqual({ ok: true, value: s });
  });
});

describe('parseNumber', () => {
  it.each([
    ['1', 1],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['1.', 1],
    ['1e3', 1000],
    ['0x1F', 31],
    ['0X1f', 31],
    ['017', 15],
    ['019', 19],
    ['1_000', 1000],
    ['Inf', Infinity],
    ['-inf', -Infinity],
    ['99999999999999999999', 1e20],
  ])('%s is %d', (text, value) => {
    expect(parseNumber(text)).toEqual({ ok: true, value });
  });

  it('reads NaN case-insensitively', () => {
    const parsed = parseNumber('nAn');
    expect(parsed.ok && Number.isNaN(parsed.value)).toBe(true);
  });

  it('rejects what strconv rejects', () => {
    expect(parseNumber('1e400')).toEqual({
      ok: false,
      message: 'error parsing number: strconv.ParseFloat: parsing "1e400": value out of range',
    });
    expect(parseNumber('0x').ok).toBe(false);
    expect(parseNumber('0xFFFFFFFFFFFFFFFFF').ok).toBe(false);
    expect(parseNumber('1__0').ok).toBe(false);
  });
});

describe('parseDuration', () => {
  it.each([
    ['5m', 300],
    ['1h30m', 5400],
    ['1y', 31536000],
    ['1w2d', 777600],
    ['100ms', 0.1],
    ['0', 0],
    ['0s', 0],
  ])('%s is %d s', (text, seconds) => {
    expect(parseDuration(text)).toEqual({ ok: true, value: seconds });
  });

  it('rejects units out of order, unknown units and overflow', () => {
    expect(parseDuration('5m1h')).toEqual({ ok: false, message: 'not a valid duration string: "5m1h"' });
    expect(parseDuration('5x')).toEqual({ ok: false, message: 'unknown unit "x" in duration "5x"' });
    expect(parseDuration('300y')).toEqual({ ok: false, message: 'duration out of range' });
  });
});

describe('formatNumber', () => {
  it('spells numbers as Prometheus does', () => {
    expect([1000, 0.5, Infinity, -Infinity, NaN].map(formatNumber)).toEqual(['1000', '0.5', 'Inf', '-Inf', 'NaN']);
  });
});
