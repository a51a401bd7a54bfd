// Writes a Prometheus rule file with N alerting rules of realistic shape (~180-character expressions,
// labels, annotations with templates) — the input of the lint benchmark — in one of several YAML
// shapes, all of which promtool loads to the same rules:
//   plain    one-line plain and single-quoted scalars (Kiln's original benchmark)
//   folded   long values as multi-line plain scalars, wrapped at 80 columns as PyYAML writes them
//   block    expressions as `|` literal and descriptions as `>` folded block scalars
//   quoted   double-quoted scalars wrapped over several lines, with escapes
//   flow     labels and annotations as flow mappings (`{severity: warning, …}`)
//   anchors  shared labels through anchors and aliases (`&team` / `*team`)
//   mixed    a rule of each shape in turn
export const SHAPES = ['plain', 'folded', 'block', 'quoted', 'flow', 'anchors', 'mixed'];

function rule(k) {
  return {
    alert: `BenchAlert${k}`,
    expr: `sum by (job, instance) (rate(http_requests_total{job="svc-${k % 50}",code=~"5.."}[5m])) / sum by (job, instance) (rate(http_requests_total{job="svc-${k % 50}"}[5m])) > 0.0${(k % 9) + 1}`,
    for: `${(k % 10) + 1}m`,
    severity: ['critical', 'warning', 'info'][k % 3],
    team: `team-${k % 7}`,
    summary: `High error ratio on {{ $labels.instance }} (rule ${k})`,
    description: `Job {{ $labels.job }} answers {{ $value | humanizePercentage }} of requests with 5xx, which is above the threshold of this rule for the last few minutes.`,
  };
}

/** Wraps words at `width` columns as PyYAML does for plain scalars: continuation lines indented. */
function wrap(first, text, indent, width = 80) {
  const words = text.split(' ');
  const lines = [];
  let line = first;
  let fresh = true;
  for (const w of words) {
    if (!fresh && line.length + 1 + w.length > width) {
      lines.push(line);
      line = ' '.repeat(indent) + w;
    } else line += (fresh ? '' : ' ') + w;
    fresh = false;
  }
  lines.push(line);
  return lines.map((l) => l.replace(/ +$/, ''));
}

const dq = (s) => JSON.stringify(s);

function lines(r, shape, k, ordinal) {
  const out = [`      - alert: ${r.alert}`];
  switch (shape) {
    case 'plain':
      out.push(
        `        expr: ${r.expr}`,
        `        for: ${r.for}`,
        '        labels:',
        `          severity: ${r.severity}`,
        `          team: ${r.team}`,
        '        annotations:',
        `          summary: '${r.summary}'`,
        `          description: '${r.description}'`,
      );
      break;
    case 'folded':
      out.push(
        ...wrap('        expr: ', r.expr, 10),
        `        for: ${r.for}`,
        '        labels:',
        `          severity: ${r.severity}`,
        `          team: ${r.team}`,
        '        annotations:',
        // PyYAML quotes scalars that start with `{`; these do not, so they stay plain.
        ...wrap('          summary: ', r.summary, 12),
        ...wrap('          description: ', r.description, 12),
      );
      break;
    case 'block':
      out.push(
        '        expr: |',
        `          sum by (job, instance) (rate(http_requests_total{job="svc-${k % 50}",code=~"5.."}[5m]))`,
        '            /',
        `          sum by (job, instance) (rate(http_requests_total{job="svc-${k % 50}"}[5m]))`,
        `            > 0.0${(k % 9) + 1}`,
        `        for: ${r.for}`,
        '        labels:',
        `          severity: ${r.severity}`,
        `          team: ${r.team}`,
        '        annotations:',
        `          summary: ${dq(r.summary)}`,
        '          description: >',
        ...wrap('            ', r.description, 12),
      );
      break;
    case 'quoted': {
      const q = (first, s, indent) => {
        const body = dq(s).slice(1, -1);
        const parts = wrap(first + '"', body, indent);
        parts[parts.length - 1] += '"';
        return parts;
      };
      out.push(
        ...q('        expr: ', r.expr, 10),
        `        for: "${r.for}"`,
        '        labels:',
        `          severity: "${r.severity}"`,
        `          team: "${r.team}"`,
        '        annotations:',
        ...q('          summary: ', r.summary, 12),
        ...q('          description: ', `${r.description}\tTab\\and backslash.`, 12),
      );
      break;
    }
    case 'flow':
      out.push(
        `        expr: ${dq(r.expr)}`,
        `        for: ${r.for}`,
        `        labels: {severity: ${r.severity}, team: ${r.team}}`,
        `        annotations: {summary: ${dq(r.summary)}, description: ${dq(r.description)}}`,
      );
      break;
    case 'anchors':
      out.push(
        `        expr: ${r.expr}`,
        `        for: ${r.for}`,
        ordinal < 3 ? `        labels: &labels${ordinal}` : `        labels: *labels${ordinal % 3}`,
        ...(ordinal < 3 ? [`          severity: ${r.severity}`, `          team: ${r.team}`] : []),
        '        annotations:',
        `          summary: '${r.summary}'`,
        `          description: '${r.description}'`,
      );
      break;
    default:
      throw new Error(`unknown shape ${shape}`);
  }
  return out;
}

export function makeRules(n, shape = 'plain') {
  if (!SHAPES.includes(shape)) throw new Error(`unknown shape ${shape}; one of ${SHAPES.join(', ')}`);
  const out = ['groups:'];
  let anchored = 0;
  for (let g = 0; g < n / 100; g++) {
    out.push(`  - name: bench-${g}`, '    rules:');
    for (let i = 0; i < 100; i++) {
      const k = g * 100 + i;
      const s = shape === 'mixed' ? SHAPES[k % 6] : shape;
      // The first three anchored rules define the anchors; every later one refers to them.
      out.push(...lines(rule(k), s, k, s === 'anchors' ? anchored++ : 0));
    }
  }
  return out.join('\n') + '\n';
}
