import { testRule } from '../../rule-tester.js';
import rule from './template.js';

const q = (s: string) => JSON.stringify(s);
/** One alert; annotations are written double-quoted so templates need no YAML care. Line 8 is the first annotation. */
const alert = (expr: string, annotations: Record<string, string>, labels = 'severity: warning') =>
  `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: ${q(expr)}\n        labels: {${labels}}\n        annotations:\n` +
  Object.entries(annotations)
    .map(([k, v]) => `          ${k}: ${q(v)}\n`)
    .join('');

testRule(rule, {
  valid: [
    {
      name: 'labels of a selector survive a comparison',
      files: { 'r.yml': alert('up{job="node"} == 0', { summary: '{{ $labels.instance }} of job {{ $labels.job }} is down' }) },
    },
    {
      name: 'functions, pipelines, conditionals, comments, trim markers',
      files: {
        'r.yml': alert('x > 0.9', {
          a: '{{ $value | humanizePercentage }} and {{ printf "%.2f" $value }} {{ humanize1024 $value }}B',
          b: '{{ if gt $value 0.95 }}critical{{ else if gt $value 0.9 }}high{{ else }}ok{{ end }}',
          c: '{{- /* a comment with }} inside */ -}} {{ "a string with }} in it" | toUpper }}',
          d: '{{ $x := 1 }}{{ $x }} {{ range $i, $v := query "up" }}{{ $v.Labels.job }}{{ end }} {{ with $labels.host }}{{ . }}{{ end }}',
          e: 'see {{ $externalURL }}/graph and {{ $externalLabels.site }} {{ .Value }} {{ index $labels "job" }}',
        }),
      },
    },
    {
      name: 'a label kept by the aggregation',
      files: { 'r.yml': alert('sum by (job, host) (rate(x_total[5m])) > 1', { summary: '{{ $labels.host }}' }) },
    },
    {
      name: 'a label added by label_replace',
      files: { 'r.yml': alert('label_replace(sum(x), "host", "a", "", "") > 1', { summary: '{{ $labels.host }}' }) },
    },
    {
      name: 'recording rules are not templated',
      files: {
        'r.yml': 'groups:\n  - name: g\n    rules:\n      - record: job:x:sum\n        expr: sum by (job) (x)\n        labels: {a: "{{"}\n',
      },
    },
    {
      name: 'an unparseable expression leaves labels unjudged',
      files: { 'r.yml': alert('sum by (job) (x', { summary: '{{ $labels.host }}' }) },
    },
    { name: 'text without actions', files: { 'r.yml': alert('up == 0', { summary: 'plain text, 100% {fine}' }) } },
  ],
  invalid: [
    {
      name: '`$labels.alertname`, empty in annotation templates',
      files: { 'r.yml': alert('up == 0', { dashboard: 'https://g/d/x?var-alertname={{ $labels.alertname }}' }) },
      errors: [{ messageId: 'lostLabel', message: 'Prometheus adds `alertname` only after it has expanded the templates' }],
    },
    {
      name: 'an action never closed',
      files: { 'r.yml': alert('up == 0', { summary: 'down: {{ $labels.instance' }) },
      errors: [
        {
          messageId: 'syntax',
          line: 8,
          message: 'annotation `summary`: template unclosed action: the double brace at column 7 is never closed',
        },
      ],
    },
    {
      name: 'an unknown function, with a suggestion',
      files: { 'r.yml': alert('x > 1', { summary: '{{ $value | humanise }}' }) },
      errors: [
        { messageId: 'unknownFunction', line: 8, message: 'template function `humanise` is not defined (did you mean `humanize`?)' },
      ],
    },
    {
      name: 'an undefined variable',
      files: { 'r.yml': alert('up == 0', { summary: '{{ $lables.instance }}' }) },
      errors: [{ messageId: 'undefinedVariable', line: 8, message: 'template variable `$lables` is undefined' }],
    },
    {
      name: 'an end without an opening block, and an if never ended',
      files: { 'r.yml': alert('up == 0', { a: 'x {{ end }}', b: '{{ if $value }}y' }) },
      errors: [
        { messageId: 'syntax', line: 8, message: 'unexpected `end` at column 3' },
        { messageId: 'syntax', line: 9, message: '`if` is never closed with `end`' },
      ],
    },
    {
      name: 'a block without its pipeline',
      files: { 'r.yml': alert('up == 0', { a: '{{ range }}x{{ end }}' }) },
      errors: [{ messageId: 'syntax', line: 8, message: 'missing value for range (action at column 1)' }],
    },
    {
      name: 'an unterminated string inside an action',
      files: { 'r.yml': alert('up == 0', { a: '{{ printf "abc }}' }) },
      errors: [{ messageId: 'syntax', line: 8, message: 'unterminated quoted string' }],
    },
    {
      name: 'a stray closing brace pair is printed as text',
      files: { 'r.yml': alert('up == 0', { summary: '{ $labels.instance }} is down' }) },
      errors: [{ messageId: 'strayClose', line: 8, message: 'at column 20 closes no action' }],
    },
    {
      name: 'a template in a label value',
      files: { 'r.yml': alert('up == 0', {}, 'severity: warning, team: "{{ tolower $labels.team }}"') },
      errors: [
        {
          messageId: 'unknownFunction',
          line: 6,
          message: 'label `team`: template function `tolower` is not defined (did you mean `toLower`?)',
        },
      ],
    },
    {
      name: 'a label the aggregation drops',
      files: { 'r.yml': alert('sum by (job) (rate(x_total[5m])) > 1', { summary: 'on {{ $labels.host }}' }) },
      errors: [
        {
          messageId: 'lostLabel',
          line: 8,
          message: "uses `$labels.host`, but the expression's result carries only `job`, so it renders empty. Keep `host`",
        },
      ],
    },
    {
      name: 'a static label is not in $labels',
      files: { 'r.yml': alert('count(up == 0) > 3', { summary: 'many down on {{ .Labels.host }}' }, 'severity: warning, host: nas') },
      errors: [
        {
          messageId: 'lostLabel',
          line: 8,
          message:
            "result has no labels, so it renders empty. `host` is a static label of this alert, but `$labels` holds only the expression's labels: write `nas` directly",
        },
      ],
    },
    {
      name: 'a label dropped by without, referenced by index',
      files: { 'r.yml': alert('sum without (instance) (x) > 1', { summary: '{{ index $labels "instance" }}' }) },
      errors: [{ messageId: 'lostLabel', line: 8, message: 'uses `index $labels "instance"`, but the expression drops `instance`' }],
    },
    {
      name: 'a label removed by on() matching',
      files: { 'r.yml': alert('x > on() group_left y', { summary: '{{ $labels.instance }}' }).replace('group_left y', 'y') },
      errors: [{ messageId: 'lostLabel', line: 8, message: "uses `$labels.instance`, but the expression's result has no labels" }],
    },
    {
      name: 'absent() keeps only the equality matchers of its selector (as in the "Down" alerts of the nodejs and promscale mixins)',
      files: { 'r.yml': alert('absent(up{job="node"})', { summary: '{{ $labels.job }} on {{ $labels.instance }}' }) },
      errors: [{ messageId: 'lostLabel', line: 8, message: "uses `$labels.instance`, but the expression's result carries only `job`" }],
    },
  ],
});
