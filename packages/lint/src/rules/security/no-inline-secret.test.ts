import { addRoutedReceiver } from '@kiln/model/testing';
import { testRule } from '../../rule-tester.js';
import rule from './no-inline-secret.js';

testRule(rule, {
  valid: [
    { name: 'webhook with a token file', site: (s) => addRoutedReceiver(s, 'push', { webhooks: [{ url: 'https://push.example/a', bearerTokenFile: '/run/secrets/t' }] }) },
    { name: 'password_file in a file', files: { 'alertmanager.yml': 'global:\n  smtp_auth_password_file: /run/secrets/smtp\n' } },
    { name: 'an env reference', files: { 'values.yml': 'grafana:\n  admin_password: ${GRAFANA_ADMIN_PASSWORD}\n' } },
    { name: 'a Kubernetes Secret holds secrets by design', files: { 's.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: x}\nstringData:\n  password: hunter2\n' } },
  ],
  invalid: [
    {
      name: 'a Slack webhook URL is itself a secret',
      site: (s) => addRoutedReceiver(s, 'slack', { webhooks: [{ url: 'https://hooks.slack.com/services/T000/B000/XXXX' }] }),
      errors: [{ messageId: 'url', modelPath: 'receivers.slack.webhooks[0].url' }],
    },
    {
      name: 'a token in the query string',
      site: (s) => addRoutedReceiver(s, 'ntfy', { webhooks: [{ url: 'https://ntfy.example/alerts?auth=abc' }] }),
      errors: [{ messageId: 'url', modelPath: 'receivers.ntfy.webhooks[0].url' }],
    },
    {
      name: 'inline SMTP password and bearer token in files',
      files: {
        'alertmanager.yml': 'global:\n  smtp_auth_password: hunter2\nreceivers:\n  - name: x\n    email_configs:\n      - auth_password: hunter2\n',
        'prometheus.yml': 'scrape_configs:\n  - job_name: a\n    bearer_token: abc\n    static_configs: [{targets: ["a:1"]}]\n',
      },
      errors: [
        { messageId: 'key', file: 'alertmanager.yml', line: 6 },
        { messageId: 'key', file: 'prometheus.yml', line: 3 },
      ],
    },
    {
      name: 'a URL with user:password',
      files: { 'remote.yml': 'remote_write:\n  - url: https://user:secret@mimir.example/api/v1/push\n' },
      errors: [{ messageId: 'value', line: 2 }],
    },
  ],
});
