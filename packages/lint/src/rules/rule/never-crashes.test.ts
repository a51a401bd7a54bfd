/**
 * pint's promise: every check survives any input. Each rule that reads Prometheus rule files runs
 * over deliberately broken files — loose and in a site, with and without options — and must
 * report findings, never crash (the engine turns a throw into a `crash` diagnostic).
 */
import { resolve } from '@kiln/model';
import { smallSite } from '@kiln/model/testing';
import { describe, expect, it } from 'vitest';
import { lint } from '../../engine.js';
import { loadLintFile } from '../../files.js';
import { RULES } from '../index.js';

const OURS = RULES.filter((r) => /^(promql|alerts|rule)\//.test(r.id));

const rule = (fields: string) => `groups:\n  - name: g\n    rules:\n      - ${fields}\n`;
const nested = `${'('.repeat(300)}up${')'.repeat(300)}`;

const BROKEN: Record<string, string> = {
  empty: '',
  comments: '# nothing here\n',
  'groups null': 'groups:\n',
  'groups a string': 'groups: foo\n',
  'groups of junk': 'groups: [1, null, "x", [], {}]\n',
  'rules a string': 'groups:\n  - name: g\n    rules: foo\n',
  'rules of junk': 'groups:\n  - name: [g]\n    rules: [null, 1, "x", [], {}]\n',
  'no expr': rule('alert: A'),
  'null alert name': rule('alert:\n        expr: up'),
  'list alert name': rule('alert: [a]\n        expr: up'),
  'null expr': rule('alert: A\n        expr:'),
  'number expr': rule('alert: A\n        expr: 5'),
  'list expr': rule('alert: A\n        expr: [up]'),
  'map expr': rule('record: a:b:c\n        expr: {a: 1}'),
  'empty expr': rule("alert: A\n        expr: ''"),
  'blank expr': rule("alert: A\n        expr: '   '"),
  'unfinished expr': rule('alert: A\n        expr: "sum(rate(x[5m]"'),
  'template-looking expr': rule('alert: A\n        expr: "{{ $labels.x }}"'),
  'deeply nested expr': rule(`alert: A\n        expr: "${nested}"`),
  'odd durations': rule('alert: A\n        expr: rate(x[1y]) + rate(y_total[5m + 1m]) + rate(z_total[0s])\n        for: -5m'),
  'odd regexps': rule('alert: A\n        expr: x{a=~"\\\\\\\\", b=~"^", c=~"$", d=~"(", e!~""}'),
  'bad for values': `groups:\n  - name: g\n    rules:\n      - {alert: A, expr: up, for: [1]}\n      - {alert: B, expr: up, for: {}}\n      - {alert: C, expr: up, for: 1e309}\n      - {alert: D, expr: up, for: ''}\n`,
  'bad labels and annotations': `groups:\n  - name: g\n    rules:\n      - {alert: A, expr: up, labels: foo, annotations: 5}\n      - {alert: B, expr: up, labels: [a], annotations: [b]}\n      - {alert: C, expr: up, labels: {a: {b: c}, d: null}, annotations: {summary: [x], description: null}}\n`,
  'broken templates': `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: sum(up)\n        annotations:\n${[
    '{{',
    '}}',
    '{{ "unterminated',
    '{{ ((( }}',
    '{{ ) }}',
    '{{ end }}{{ end }}',
    '{{ else }}',
    '{{ $ }}{{ . }}{{ .Labels }}{{ index }}{{ index $labels }}{{ index $labels 1 }}',
    '{{ $labels. }}{{ $labels.a.b.c }}{{ .Labels.a }}',
    '{{ /* unclosed comment }}',
    '{{ `raw }}',
    "{{ 'c' }}{{ '' }}",
    '{{ range }}{{ break }}{{ continue }}{{ end }}',
    '{{ define "x" }}{{ template "x" . }}{{ end }}{{ block "y" . }}{{ end }}',
    '{{- -}}{{-}}',
    '{{ @ }}',
    '\u0000{{ \u2028 }}',
  ]
    .map((t, i) => `          a${i}: ${JSON.stringify(t)}\n`)
    .join('')}`,
  'odd record names': `groups:\n  - name: g\n    rules:\n      - {record: "", expr: up}\n      - {record: "::", expr: up}\n      - {record: 5, expr: up}\n      - {record: "a:b:c", expr: up}\n      - {record: "a:b:c", expr: up}\n`,
  'repeated and missing group names': 'groups:\n  - name: g\n  - name: g\n    rules: []\n  - rules: []\n  - name: null\n',
  'PrometheusRule without spec': 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\n',
  'PrometheusRule with null spec': 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nspec:\n',
  'PrometheusRule with groups a number': 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nspec: {groups: 5}\n',
  'prometheus.yml with odd values': 'global: 5\nscrape_configs: foo\n',
  'prometheus.yml with a bad interval':
    'global: {scrape_interval: banana}\nscrape_configs: [null, 5, {job_name: 5, scrape_interval: []}, {job_name: x, scrape_interval: 0s}]\n',
  'invalid YAML': 'groups: [\n  - name: g\n',
  'duplicate keys': 'groups:\n  - name: g\n    name: h\n    rules: []\n',
  'several documents, some empty': '---\n---\ngroups: []\n---\n42\n---\n- a\n- b\n',
  'a top-level list': '- alert: A\n  expr: up\n',
  'a top-level scalar': 'just text\n',
};

const OPTION_SETS: Record<string, Record<string, unknown>> = {
  'promql/series': { catalog: ['node', 'nvidia-gpu'] },
  'promql/rate': { scrapeInterval: '1m' },
  'alerts/for': { scrapeInterval: '1m' },
};

describe('rules over Prometheus rule files never crash', () => {
  it('covers every promql/, alerts/ and rule/ rule', () => {
    expect(OURS.map((r) => r.id).sort()).toEqual([
      'alerts/annotation',
      'alerts/for',
      'alerts/template',
      'promql/job-exists',
      'promql/rate',
      'promql/regexp',
      'promql/series',
      'promql/syntax',
      'rule/duplicate',
      'rule/format',
      'rule/label',
      'rule/name',
      'rule/result-type',
    ]);
  });

  const site = resolve(smallSite());
  it.each(Object.entries(BROKEN))('%s', (_, text) => {
    const files = [loadLintFile('broken.yml', text), loadLintFile('prometheus.yml', BROKEN['prometheus.yml with a bad interval']!)];
    for (const withSite of [false, true]) {
      for (const withOptions of [false, true]) {
        const rules = withOptions ? Object.fromEntries(Object.entries(OPTION_SETS).map(([id, options]) => [id, { options }])) : {};
        const found = lint({ ...(withSite && { site }), files, registry: OURS, rules });
        expect(found.filter((d) => d.messageId === 'crash').map((d) => d.message)).toEqual([]);
      }
    }
  });
});
