/** Small rule and Alertmanager files for the alerting rules' tests. */
export const rulesFile = `groups:
  - name: g
    rules:
      - alert: HostDown
        expr: up == 0
        labels:
          severity: critical
      - alert: DiskFull
        expr: disk > 0.9
        labels:
          severity: warning
`;

export const amFile = (extra = '') => `route:
  receiver: mail
  routes:
    - receiver: pager
      matchers: ['severity="critical"']
    - receiver: mail
      matchers: ['severity="warning"']
receivers:
  - name: mail
    email_configs: [{to: a@b.c}]
  - name: pager
    webhook_configs: [{url: 'http://pager.example/'}]
${extra}`;
