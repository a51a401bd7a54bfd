import { testRule } from '../../rule-tester.js';
import rule from './no-inline-secret.js';

const grafana = (env: string) => `services:\n  grafana:\n    image: grafana/grafana:12.4.0\n    environment:\n${env}`;

testRule(rule, {
  valid: [
    {
      name: 'a file reference (Grafana __FILE)',
      files: { 'compose.yaml': grafana('      GF_SECURITY_ADMIN_PASSWORD__FILE: /run/secrets/grafana-admin-password\n') },
    },
    {
      name: 'interpolated from the environment',
      files: { 'compose.yaml': grafana('      GF_SECURITY_ADMIN_PASSWORD: ${GRAFANA_ADMIN_PASSWORD:?set it in .env}\n') },
    },
    {
      name: 'list form passing the shell value through',
      files: { 'compose.yaml': grafana('      - GF_SECURITY_ADMIN_PASSWORD\n      - GF_SERVER_ROOT_URL=http://grafana.lan:3000/\n') },
    },
    {
      name: 'non-secret names',
      files: { 'compose.yaml': grafana('      GF_SERVER_ROOT_URL: http://grafana.lan:3000/\n      GF_USERS_ALLOW_SIGN_UP: "false"\n') },
    },
  ],
  invalid: [
    {
      name: 'a literal admin password',
      files: { 'compose.yaml': grafana('      GF_SERVER_ROOT_URL: http://grafana.lan:3000/\n      GF_SECURITY_ADMIN_PASSWORD: hunter2\n') },
      errors: [
        {
          messageId: 'inline',
          file: 'compose.yaml',
          line: 6,
          message: 'service `grafana`: environment `GF_SECURITY_ADMIN_PASSWORD` holds a literal secret',
        },
      ],
    },
    {
      name: 'list form token and API key',
      files: { 'compose.yaml': grafana('      - NTFY_TOKEN=tk_abc\n      - SMTP_API_KEY=xyz\n') },
      errors: [
        { messageId: 'inline', line: 5 },
        { messageId: 'inline', line: 6, message: 'use `${SMTP_API_KEY}`' },
      ],
    },
  ],
});
