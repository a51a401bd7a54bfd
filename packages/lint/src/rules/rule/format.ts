import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import type { LintFile } from '../../files.js';
import { isRecord, scalarText } from '../../readers/rules.js';
import { durationProblem, durationSeconds, invalidAt, typeName } from '../../readers/shape.js';

type Path = (string | number)[];

/**
 * The fields Prometheus' rule file format has (model/rulefmt: RuleGroups, RuleGroup, Rule). Prometheus
 * reads a rule file with unknown fields refused, so any other key fails the whole file.
 */
const GROUP_FIELDS = ['name', 'interval', 'query_offset', 'limit', 'rules', 'labels'];
/**
 * Fields of the other rulers that read this format — Thanos Ruler (`partial_response_strategy`), Cortex
 * and Mimir (`source_tenants`, `evaluation_delay`, `align_evaluation_time_on_interval`), VictoriaMetrics'
 * vmalert (`concurrency`, `type`, `params`, `headers`, `notifier_headers`, `eval_offset`, `eval_delay`,
 * `eval_alignment`, `tenant`, `debug`; on rules `debug`, `update_entries_limit`): a file with them is
 * written for those, not a mistake; Prometheus itself would refuse it.
 */
const OTHER_RULERS_GROUP_FIELDS = [
  'partial_response_strategy',
  'source_tenants',
  'evaluation_delay',
  'align_evaluation_time_on_interval',
  'concurrency',
  'type',
  'params',
  'headers',
  'notifier_headers',
  'eval_offset',
  'eval_delay',
  'eval_alignment',
  'tenant',
  'debug',
];
const OTHER_RULERS_RULE_FIELDS = ['debug', 'update_entries_limit'];
const RULE_FIELDS = ['record', 'alert', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations'];

const LEGACY_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const LEGACY_METRIC = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

export default createRule({
  id: 'rule/format',
  meta: {
    description: "Rule files have the shape Prometheus' rule file format requires (`promtool check rules`, model/rulefmt).",
    rationale:
      'Prometheus refuses to load a rule file with an unknown field, a value of the wrong YAML type, a group without a name or with a name used twice, ' +
      'a rule that is both or neither of `alert` and `record`, a rule without `expr`, `annotations` or `for` on a recording rule, an invalid label or annotation name, ' +
      'or a duration it cannot read — and it refuses the whole file, every group in it. It reads only the first YAML document of a rule file: groups after `---` are silently ignored. ' +
      'Fields of Thanos Ruler, Cortex, Mimir and vmalert are not reported. PrometheusRule manifests get the same checks except for unknown fields, which the API server drops. Expressions are `promql/syntax`, templates `alerts/template`.',
    summary: 'rule file Prometheus refuses',
    severity: 'error',
    messages: {
      invalid: '{{where}}: {{problem}}; Prometheus refuses to load the rule file. {{fix}}',
      laterDocument:
        'document {{doc}} of this rule file has rule groups, but Prometheus reads only the first document of a rule file and ignores the rest. Move the groups into the first document, or into a file of their own',
    },
    options: z.strictObject({
      names: z
        .enum(['utf8', 'legacy'])
        .default('utf8')
        .describe(
          'Label and metric name validation: `utf8` (Prometheus 3: any non-empty name) or `legacy` (Prometheus 2, and 3 with `metric_name_validation_scheme: legacy`: `[a-zA-Z_][a-zA-Z0-9_]*`).',
        ),
    }),
    reads: ['files'],
  },
  check({ files, options, report }) {
    const legacy = options.names === 'legacy';
    for (const file of files) {
      if (file.kind === 'kubernetes') {
        file.values.forEach((value, doc) => {
          if (!isRecord(value) || value['kind'] !== 'PrometheusRule' || !isRecord(value['spec'])) return;
          const groups = value['spec']['groups'];
          if (groups !== undefined) checkGroups(file, doc, ['spec', 'groups'], groups, false);
        });
        continue;
      }
      if (file.kind !== 'rules') continue;
      file.values.forEach((value, doc) => {
        if (doc > 0) {
          if (isRecord(value) && 'groups' in value)
            report({
              messageId: 'laterDocument',
              data: { doc: String(doc + 1) },
              entity: { kind: 'file', name: file.path },
              location: { file: file.path, ...file.position([], doc) },
            });
          return;
        }
        if (!isRecord(value)) return;
        for (const key of Object.keys(value)) {
          if (key !== 'groups')
            invalid(
              file,
              doc,
              [key],
              'the file',
              `has a field \`${key}\`, which a rule file does not have`,
              'Remove it; a rule file has only `groups`',
            );
        }
        checkGroups(file, doc, ['groups'], value['groups'], true);
      });
    }

    function invalid(file: LintFile, doc: number, path: Path, where: string, problem: string, fix: string) {
      report(invalidAt(file, doc, path, where, problem, fix));
    }

    function checkGroups(file: LintFile, doc: number, path: Path, groups: unknown, strict: boolean) {
      if (groups === null || groups === undefined) return;
      if (!Array.isArray(groups)) {
        invalid(
          file,
          doc,
          path,
          'the file',
          `\`groups\` is ${typeName(groups)}, not a list`,
          'Write the groups as a list: `groups: [{ name: …, rules: […] }]`',
        );
        return;
      }
      const seen = new Set<string>();
      groups.forEach((g, gi) => {
        const at: Path = [...path, gi];
        if (!isRecord(g)) {
          invalid(file, doc, at, `group ${gi + 1}`, `is ${typeName(g)}, not a map`, 'A group is a map with `name` and `rules`');
          return;
        }
        const name = scalarText(g['name']);
        const where = name ? `group \`${name}\`` : `group ${gi + 1}`;
        if (strict)
          for (const key of Object.keys(g))
            if (!GROUP_FIELDS.includes(key) && !OTHER_RULERS_GROUP_FIELDS.includes(key))
              invalid(
                file,
                doc,
                [...at, key],
                where,
                `has a field \`${key}\`, which a rule group does not have`,
                `A group has ${GROUP_FIELDS.map((f) => `\`${f}\``).join(', ')}`,
              );
        if (g['name'] !== undefined && g['name'] !== null && name === undefined)
          invalid(file, doc, [...at, 'name'], where, `\`name\` is ${typeName(g['name'])}, not a string`, 'Give the group a name');
        else if (!name) invalid(file, doc, at, where, 'has no name', 'Give the group a `name`, unique in the file');
        else if (seen.has(name))
          invalid(
            file,
            doc,
            [...at, 'name'],
            where,
            'has the name of an earlier group of this file',
            'Rename one of them: group names are unique per file',
          );
        if (name) seen.add(name);
        for (const key of ['interval', 'query_offset']) {
          const problem = key in g ? durationProblem(g[key]) : undefined;
          if (problem) invalid(file, doc, [...at, key], where, `\`${key}\` ${problem}`, 'Write a duration with units, e.g. `1m`');
        }
        const limit = g['limit'];
        if (limit !== undefined && limit !== null && !(typeof limit === 'number' && Number.isInteger(limit)))
          invalid(
            file,
            doc,
            [...at, 'limit'],
            where,
            `\`limit\` is ${typeof limit === 'string' ? `the string \`${limit}\`` : typeName(limit)}, not an integer`,
            'Write a plain number, e.g. `limit: 100`',
          );
        checkLabels(file, doc, [...at, 'labels'], where, 'labels', g['labels']);
        const rules = g['rules'];
        if (rules === null || rules === undefined) return;
        if (!Array.isArray(rules)) {
          invalid(
            file,
            doc,
            [...at, 'rules'],
            where,
            `\`rules\` is ${typeName(rules)}, not a list`,
            'Write the rules as a list of `- alert: …` / `- record: …` entries',
          );
          return;
        }
        rules.forEach((r, ri) => checkRule(file, doc, [...at, 'rules', ri], `${where}, rule ${ri + 1}`, r, strict));
      });
    }

    function checkRule(file: LintFile, doc: number, at: Path, position: string, r: unknown, strict: boolean) {
      if (!isRecord(r)) {
        invalid(file, doc, at, position, `is ${typeName(r)}, not a map`, 'A rule is a map with `alert` or `record`, and `expr`');
        return;
      }
      const alert = 'alert' in r ? scalarText(r['alert']) : undefined;
      const record = 'record' in r ? scalarText(r['record']) : undefined;
      const where = alert ? `${position} (alert \`${alert}\`)` : record ? `${position} (recording rule \`${record}\`)` : position;
      if (strict)
        for (const key of Object.keys(r))
          if (!RULE_FIELDS.includes(key) && !OTHER_RULERS_RULE_FIELDS.includes(key))
            invalid(
              file,
              doc,
              [...at, key],
              where,
              `has a field \`${key}\`, which a rule does not have`,
              `A rule has ${RULE_FIELDS.map((f) => `\`${f}\``).join(', ')}`,
            );
      for (const key of ['alert', 'record', 'expr'])
        if (r[key] !== undefined && r[key] !== null && scalarText(r[key]) === undefined)
          invalid(
            file,
            doc,
            [...at, key],
            where,
            `\`${key}\` is ${typeName(r[key])}, not a string`,
            key === 'expr' ? 'Write the expression as a string (a `|-` block for several lines)' : 'Write a name',
          );
      if (alert && record)
        invalid(file, doc, at, where, 'has both `alert` and `record`', 'Make it an alerting rule or a recording rule, not both');
      const named = (k: string) => r[k] === undefined || r[k] === null || scalarText(r[k]) !== undefined;
      if (!alert && !record && named('alert') && named('record'))
        invalid(
          file,
          doc,
          at,
          where,
          'has neither `alert` nor `record`',
          'Name it: `alert: <AlertName>` or `record: <level:metric:operations>`',
        );
      // An empty string is `promql/syntax`'s ("no expression found").
      if (r['expr'] === undefined || r['expr'] === null) invalid(file, doc, at, where, 'has no `expr`', 'Add the expression');
      if (record) {
        for (const key of ['annotations', 'for', 'keep_firing_for']) {
          const v = r[key];
          const set =
            key === 'annotations' ? isRecord(v) && Object.keys(v).length > 0 : v !== undefined && v !== null && durationSeconds(v) !== 0;
          if (set)
            invalid(
              file,
              doc,
              [...at, key],
              where,
              `has \`${key}\`, which only alerting rules have`,
              `Remove \`${key}\`, or make it an alerting rule`,
            );
        }
        if (legacy ? !LEGACY_METRIC.test(record) : false)
          invalid(
            file,
            doc,
            [...at, 'record'],
            where,
            'is not a valid metric name (`[a-zA-Z_:][a-zA-Z0-9_:]*`)',
            'Rename it, e.g. `job:http_requests:rate5m`',
          );
        if (/[{}]/.test(record))
          invalid(
            file,
            doc,
            [...at, 'record'],
            where,
            'has braces in its name',
            'Selectors belong in `expr`; the name is only the new metric name',
          );
      }
      for (const key of ['for', 'keep_firing_for']) {
        const problem = key in r ? durationProblem(r[key]) : undefined;
        if (problem) invalid(file, doc, [...at, key], where, `\`${key}\` ${problem}`, 'Write a duration with units, e.g. `10m`');
      }
      checkLabels(file, doc, [...at, 'labels'], where, 'labels', r['labels']);
      checkLabels(file, doc, [...at, 'annotations'], where, 'annotations', r['annotations']);
    }

    function checkLabels(file: LintFile, doc: number, at: Path, where: string, field: 'labels' | 'annotations', v: unknown) {
      if (v === undefined || v === null) return;
      if (!isRecord(v)) {
        invalid(
          file,
          doc,
          at,
          where,
          `\`${field}\` is ${typeName(v)}, not a map`,
          `Write ${field} as a map, e.g. \`${field}: { ${field === 'labels' ? 'severity: warning' : 'summary: …'} }\``,
        );
        return;
      }
      for (const [k, value] of Object.entries(v)) {
        const what = field === 'labels' ? 'label' : 'annotation';
        if (value !== null && scalarText(value) === undefined)
          invalid(file, doc, [...at, k], where, `${what} \`${k}\` is ${typeName(value)}, not a string`, 'Write the value as a string');
        const badName = k === '' || (legacy && !LEGACY_NAME.test(k)) || (field === 'labels' && k === '__name__');
        if (badName)
          invalid(
            file,
            doc,
            [...at, k],
            where,
            k === '__name__' ? 'sets the label `__name__`' : `has the invalid ${what} name \`${k}\``,
            k === '__name__'
              ? 'The metric name is not a label a rule may set'
              : 'Use letters, digits and underscores, not starting with a digit',
          );
      }
    }
  },
});
