import { describe, expect, it } from 'vitest';
import { lezerInput } from './lezer-input.js';

describe('lezerInput', () => {
  it('rewrites number spellings lezer lacks, keeping every offset', () => {
    expect(lezerInput('1. + 0X1f')).toBe('1  + 0x1f');
    expect(lezerInput('up * 2.')).toBe('up * 2 ');
  });

  it('leaves strings, comments, identifiers and ordinary numbers alone', () => {
    for (const e of ['up{a="1."}', 'a0X1', '1.5 + .5', '# 1.\nup', "'0X1'", 'x[5m]', '1.e3']) expect(lezerInput(e)).toBe(e);
  });
});
