import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { exprAst, exprPosition, walkExpr } from '../../readers/expr.js';
import { describeRule, exprLocation, promRules, ruleEntity } from '../../readers/rules.js';

const META = /[.+*?()[\]{}|^$\\]/;

/** The literal a regular expression matches when it has no unescaped metacharacters (`foo\.bar` → `foo.bar`), else undefined. */
function literalOf(re: string): string | undefined {
  let out = '';
  for (let i = 0; i < re.length; i++) {
    const c = re[i]!;
    if (c === '\\') {
      const next = re[i + 1];
      if (next === undefined || /[A-Za-z0-9]/.test(next)) return undefined;
      out += next;
      i++;
    } else if (META.test(c)) return undefined;
    else out += c;
  }
  return out;
}

/** The regular expression without a leading `^` and an unescaped trailing `$`. */
function unanchored(re: string): string {
  let out = re.startsWith('^') ? re.slice(1) : re;
  const trailingBackslashes = /(\\*)\$$/.exec(out)?.[1]?.length ?? -1;
  if (trailingBackslashes >= 0 && trailingBackslashes % 2 === 0) out = out.slice(0, -1);
  return out;
}

const quote = (v: string) => JSON.stringify(v);

export default createRule({
  id: 'promql/regexp',
  meta: {
    description: 'Regular expression matchers are needed and minimal: no `^`/`$` anchors, no `=~` without metacharacters, no `=~".*"`.',
    rationale:
      'Prometheus anchors every label regular expression at both ends, so `^…$` only adds noise and suggests the author expected a substring match. ' +
      'A regular expression without metacharacters is an equality match written the slow way, and `=~".*"` matches every series, including those without the label, so it filters nothing. ' +
      'Each of these hides what the selector really does.',
    summary: 'unneeded regular expression',
    severity: 'warning',
    messages: {
      anchored:
        '{{rule}}: `expr` {{position}}: `{{matcher}}` has anchors, but Prometheus anchors label regular expressions already. Write `{{fix}}`',
      literal: '{{rule}}: `expr` {{position}}: `{{matcher}}` has no regular expression metacharacters. Write the equality match `{{fix}}`',
      matchesAll:
        '{{rule}}: `expr` {{position}}: `{{matcher}}` matches every series, with or without `{{label}}`, so it filters nothing. Drop the matcher',
    },
    options: z.strictObject({}),
    reads: ['files'],
  },
  check({ files, report }) {
    for (const r of promRules(files)) {
      const ast = exprAst(r);
      if (!ast) continue;
      for (const node of walkExpr(ast)) {
        if (node.type !== 'VectorSelector') continue;
        for (const m of node.matchers) {
          if (m.op !== '=~' && m.op !== '!~') continue;
          const found = (messageId: 'anchored' | 'literal' | 'matchesAll', data: Record<string, string>) =>
            report({
              messageId,
              data: { rule: describeRule(r), position: exprPosition(r, m.from), matcher: `${m.name}${m.op}${quote(m.value)}`, ...data },
              entity: ruleEntity(r),
              location: exprLocation(r, m.from),
            });
          const stripped = unanchored(m.value);
          const literal = literalOf(stripped);
          const equality = literal === undefined ? undefined : `${m.name}${m.op === '=~' ? '=' : '!='}${quote(literal)}`;
          if (m.op === '=~' && (m.value === '.*' || stripped === '.*')) found('matchesAll', { label: m.name });
          else if (stripped !== m.value) found('anchored', { fix: equality ?? `${m.name}${m.op}${quote(stripped)}` });
          else if (equality !== undefined) found('literal', { fix: equality });
        }
      }
    }
  },
});
