/** Where an offset of a rule expression lands in the YAML file, for each scalar style. */
import { describe, expect, it } from 'vitest';
import { loadLintFile } from '../../files.js';
import { exprLocation, promRules } from '../../readers/rules.js';

const locate = (yaml: string, token: string) => {
  const [r] = promRules([loadLintFile('r.yml', yaml)]);
  const { line, column } = exprLocation(r!, r!.expr!.indexOf(token));
  return `${line}:${column}`;
};
const rule = (expr: string) => `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: ${expr}\n`;

describe('exprLocation', () => {
  it.each([
    ['plain', rule('sum(rate(y[5m])) > 1'), 'y', '5:24'],
    ['double-quoted with an escape', rule('"x{a=\\"b\\"} > on() y"'), 'y', '5:34'],
    ['single-quoted with a doubled quote', rule(`'x{a=''b''} > y'`), 'y', '5:29'],
    ['literal block', rule('|-\n          x\n            / rate(y)'), 'y', '7:20'],
    ['literal block with a blank first line', rule('|\n\n          x or y'), 'y', '7:16'],
    ['folded block', rule('>-\n          x\n          or y'), 'y', '7:14'],
    ['plain, continued on the next line', rule('x\n          or y'), 'y', '6:14'],
  ])('%s', (_, yaml, token, expected) => {
    expect(locate(yaml, token)).toBe(expected);
  });

  it('falls back to the expr key when the expression is not a scalar string', () => {
    const [r] = promRules([loadLintFile('r.yml', rule('5'))]);
    expect(exprLocation(r!, 0)).toEqual({ file: 'r.yml', line: 5, column: 9 });
  });
});
