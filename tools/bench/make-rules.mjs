// Writes a Prometheus rule file with N alerting rules of realistic shape (~180-character expressions,
// labels, annotations with templates) — the input of the lint benchmark.
export function makeRules(n) {
  const lines = ['groups:'];
  for (let g = 0; g < n / 100; g++) {
    lines.push(`  - name: bench-${g}`, '    rules:');
    for (let i = 0; i < 100; i++) {
      const k = g * 100 + i;
      lines.push(
        `      - alert: BenchAlert${k}`,
        `        expr: sum by (job, instance) (rate(http_requests_total{job="svc-${k % 50}",code=~"5.."}[5m])) / sum by (job, instance) (rate(http_requests_total{job="svc-${k % 50}"}[5m])) > 0.0${(k % 9) + 1}`,
        `        for: ${(k % 10) + 1}m`,
        '        labels:',
        `          severity: ${['critical', 'warning', 'info'][k % 3]}`,
        `          team: team-${k % 7}`,
        '        annotations:',
        `          summary: 'High error ratio on {{ $labels.instance }} (rule ${k})'`,
        `          description: 'Job {{ $labels.job }} answers {{ $value | humanizePercentage }} of requests with 5xx.'`,
      );
    }
  }
  return lines.join('\n') + '\n';
}
