import { outputLabels, selectors } from '@kiln/promql';
import { z } from 'zod';
import { createRule } from '../../create-rule.js';
import { exprAst } from '../../readers/expr.js';
import { at, describeRule, type GroupRef, promRules, ruleEntity, ruleGroups, type RuleRef } from '../../readers/rules.js';

const labelText = (labels: Record<string, string>) => {
  const keys = Object.keys(labels).sort();
  return keys.length === 0 ? 'no static labels' : `labels {${keys.map((k) => `${k}=${JSON.stringify(labels[k])}`).join(', ')}}`;
};

/**
 * Labels the result of an expression is pinned to: every selector that matches the label with `=`
 * uses the same value, and the label survives to the result. `up{job="a"} == 0` is pinned to `job="a"`.
 */
function pinned(r: RuleRef): Map<string, string> {
  const out = new Map<string, string>();
  const ast = exprAst(r);
  const ol = ast ? outputLabels(ast) : undefined;
  if (!ast || !ol) return out;
  const values = new Map<string, Set<string>>();
  for (const s of selectors(ast)) {
    for (const m of s.matchers) if (m.op === '=') values.set(m.name, (values.get(m.name) ?? new Set()).add(m.value));
  }
  for (const [label, vs] of values) {
    const survives = ol.kind === 'only' ? ol.labels.includes(label) : !ol.dropped.includes(label);
    if (vs.size === 1 && survives) out.set(label, [...vs][0]!);
  }
  return out;
}

/** Whether the series of two rules can be told apart by a label their expressions pin to different values. */
function distinct(a: RuleRef, b: RuleRef): boolean {
  const pa = pinned(a);
  const pb = pinned(b);
  return [...pa].some(([label, value]) => pb.has(label) && pb.get(label) !== value);
}

export default createRule({
  id: 'rule/duplicate',
  meta: {
    description:
      'No two alerting or recording rules with the same name and static labels produce the same series, in one file (in a site: across its rule files, which one Prometheus loads together); no file repeats a group name.',
    rationale:
      'Two recording rules with the same name and labels write the same series, and Prometheus drops samples as duplicates or out of order, so the series flaps between two definitions. ' +
      'Two such alerts produce the same alert identity: Alertmanager merges them and one definition silently wins. ' +
      'Rules whose expressions pin a label to different values (`up{job="a"}` and `up{job="b"}`) are told apart and not reported. ' +
      'A repeated group name makes Prometheus refuse the whole file.',
    summary: 'duplicate rule',
    severity: 'error',
    messages: {
      duplicate: '{{rule}} with {{labels}} is defined again (first at {{first}}{{same}}); both write the same {{what}}. Remove one, or tell them apart with a static label',
      group: 'rule group `{{group}}` is defined twice in this file (first at line {{first}}); Prometheus refuses to load the file. Rename or merge the groups',
    },
    options: z.strictObject({
      acrossFiles: z
        .boolean()
        .default(false)
        .describe('Compare rules of different files too, as when they are loaded by one Prometheus. Always on when linting a site.'),
    }),
    reads: ['files'],
  },
  check({ site, files, options, report }) {
    const seen = new Map<string, RuleRef[]>();
    const across = options.acrossFiles || site !== undefined;
    for (const r of promRules(files)) {
      const key = JSON.stringify([across ? '' : r.file.path, r.kind, r.name, Object.entries(r.labels).sort(([a], [b]) => a.localeCompare(b))]);
      const earlier = seen.get(key) ?? [];
      seen.set(key, [...earlier, r]);
      const first = earlier.find((e) => !distinct(e, r));
      if (!first) continue;
      const firstAt = at(first, first.kind);
      report({
        messageId: 'duplicate',
        data: {
          rule: describeRule(r),
          labels: labelText(r.labels),
          first: first.file === r.file ? `line ${firstAt.line}` : `${first.file.path}:${firstAt.line}`,
          same: first.expr === r.expr ? ', with the same expression' : '; nothing in the expressions tells their series apart',
          what: r.kind === 'alert' ? 'alert identity' : 'series',
        },
        entity: ruleEntity(r),
        location: at(r, r.kind),
      });
    }
    const groups = new Map<string, GroupRef>();
    for (const g of ruleGroups(files)) {
      if (g.name === undefined) continue;
      const key = JSON.stringify([g.file.path, g.doc, g.name]);
      const first = groups.get(key);
      if (!first) {
        groups.set(key, g);
        continue;
      }
      report({
        messageId: 'group',
        data: { group: g.name, first: g.file.position([...first.path, 'name'], first.doc).line },
        entity: { kind: 'rule group', name: g.name },
        location: { file: g.file.path, ...g.file.position([...g.path, 'name'], g.doc) },
      });
    }
  },
});
