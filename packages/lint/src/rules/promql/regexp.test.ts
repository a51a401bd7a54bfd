import { testRule } from '../../rule-tester.js';
import rule from './regexp.js';

const rules = (...exprs: string[]) =>
  `groups:\n  - name: g\n    rules:\n${exprs.map((e, i) => `      - alert: A${i}\n        expr: ${e}\n`).join('')}`;

testRule(rule, {
  valid: [
    {
      name: 'regular expressions that need to be ones',
      files: { 'r.yml': rules(`x{fstype=~"nfs.*", device!~"tmpfs|overlay", a=~"b+", c=~".+"}`, `up{job=~'node|gpu'} == 0`) },
    },
    { name: 'an escaped dollar is not an anchor', files: { 'r.yml': rules('x{a=~`cost.*\\$`}') } },
    { name: 'equality matchers', files: { 'r.yml': rules('x{a="b", c!=""}') } },
    { name: '!~".*" selects series without the label, which is deliberate', files: { 'r.yml': rules('x{a!~".*"}') } },
  ],
  invalid: [
    {
      name: 'anchors around a literal',
      files: { 'r.yml': rules('x{job=~"^node$"} == 0') },
      errors: [
        {
          messageId: 'anchored',
          line: 5,
          message: '`expr` 1:3: `job=~"^node$"` has anchors, but Prometheus anchors label regular expressions already. Write `job="node"`',
        },
      ],
    },
    {
      name: 'an anchor on a real regular expression',
      files: { 'r.yml': rules('x{a!~"^tmp.*"}') },
      errors: [{ messageId: 'anchored', line: 5, message: 'Write `a!~"tmp.*"`' }],
    },
    {
      name: 'no metacharacters',
      files: { 'r.yml': rules('x{job=~"node"}') },
      errors: [{ messageId: 'literal', line: 5, message: 'Write the equality match `job="node"`' }],
    },
    {
      name: 'only escaped metacharacters',
      files: { 'r.yml': rules('x{host!~`db\\.lan`}') },
      errors: [{ messageId: 'literal', line: 5, message: '`host!="db.lan"`' }],
    },
    {
      name: 'matches everything',
      files: { 'r.yml': rules('x{a=~".*", b="c"}') },
      errors: [{ messageId: 'matchesAll', line: 5, message: 'matches every series, with or without `a`' }],
    },
    {
      name: 'one finding per matcher, on the line of the block scalar',
      files: {
        'r.yml':
          'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: |-\n          x{a="b"}\n          or y{a=~"^b$", c=~".*"}\n',
      },
      errors: [
        { messageId: 'anchored', line: 7 },
        { messageId: 'matchesAll', line: 7 },
      ],
    },
  ],
});
