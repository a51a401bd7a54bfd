import { testRule } from '../../rule-tester.js';
import rule from './links-resolve.js';

const rules = (runbook: string, dashboard: string) => `groups:
  - name: g
    rules:
      - alert: HostDown
        expr: up == 0
        labels: {severity: critical}
        annotations:
          summary: down
          runbook_url: ${runbook}
          dashboard_url: ${dashboard}
`;
const dashboard = JSON.stringify({ uid: 'lab-overview', panels: [{ id: 1, type: 'row', panels: [] }, { id: 2 }] });
const withGrafana = (s: { grafana?: { url: string } }) => (s.grafana = { url: 'https://grafana.example' });
const ok = rules(
  'https://wiki.example/runbooks/HostDown',
  'https://grafana.example/d/lab-overview/overview?viewPanel=2&var-host={{ $labels.host }}',
);

testRule(rule, {
  valid: [
    {
      name: 'links to an emitted panel and the runbook base',
      site: withGrafana,
      files: { 'rules.yml': ok, 'grafana/dashboards/lab-overview.json': dashboard },
    },
  ],
  invalid: [
    {
      name: 'a dashboard that is not emitted',
      site: withGrafana,
      files: { 'rules.yml': ok.replace('lab-overview/overview', 'lab-old/overview'), 'grafana/dashboards/lab-overview.json': dashboard },
      errors: [
        {
          messageId: 'dashboard',
          file: 'rules.yml',
          line: 10,
          message: 'names dashboard `lab-old`, which this build does not emit (dashboards: lab-overview)',
        },
      ],
    },
    {
      name: 'a panel the dashboard does not have, and a runbook elsewhere',
      site: withGrafana,
      files: {
        'rules.yml': ok.replace('viewPanel=2', 'viewPanel=9').replace('wiki.example/runbooks', 'old-wiki.example/rb'),
        'grafana/dashboards/lab-overview.json': dashboard,
      },
      errors: [
        { messageId: 'runbook', file: 'rules.yml', line: 9 },
        { messageId: 'panel', file: 'rules.yml', line: 10 },
      ],
    },
    {
      name: 'a dashboard link without a Grafana URL in the site',
      site: () => {},
      files: { 'rules.yml': ok, 'grafana/dashboards/lab-overview.json': dashboard },
      errors: [{ messageId: 'base', line: 10 }],
    },
  ],
});
