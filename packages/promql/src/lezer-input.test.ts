import { describe, expect, it } from 'vitest';
import { lezerInput } from './lezer-input.js';

describe('lezerInput', () => {
  it('rewrites number spellings lezer lacks, keeping every offset', () => {
    expect(lezerInput('1. + 0X1f')).toBe('1  + 0x1f');
    expect(lezerInput('up * 2.')).toBe('up * 2 ');
    expect(lezerInput('1.e3 + 2.E-1')).toBe('10e3 + 20E-1');
    expect(lezerInput('0x_1f + 0X_1')).toBe('0x01f + 0x01');
    expect(lezerInput('offset{a="offset"} offset 5m')).toBe('offse_{a="offset"} offset 5m');
  });

  it('leaves strings, comments, identifiers and ordinary numbers alone', () => {
    for (const e of ['up{a="1."}', 'a0X1', '1.5 + .5', '# 1.\nup', "'0X1'", 'x[5m]', 'foo offset 5m']) expect(lezerInput(e)).toBe(e);
  });
});
