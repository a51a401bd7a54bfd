import { addRoutedReceiver } from '@kiln/model/testing';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../engine.js';
import { loadLintFile } from '../../files.js';
import { testRule } from '../../rule-tester.js';
import rule from './no-inline-secret.js';

testRule(rule, {
  valid: [
    {
      name: 'webhook with a token file',
      site: (s) => addRoutedReceiver(s, 'push', { webhooks: [{ url: 'https://push.example/a', bearerTokenFile: '/run/secrets/t' }] }),
    },
    { name: 'password_file in a file', files: { 'alertmanager.yml': 'global:\n  smtp_auth_password_file: /run/secrets/smtp\n' } },
    { name: 'an env reference', files: { 'values.yml': 'grafana:\n  admin_password: ${GRAFANA_ADMIN_PASSWORD}\n' } },
    {
      name: 'the _file alternatives',
      files: {
        'alertmanager.yml':
          'global:\n  slack_api_url_file: /run/s\nreceivers:\n  - name: x\n    pagerduty_configs: [{routing_key_file: /run/pd}]\n    webhook_configs: [{url: "http://alert-receiver:8080/hook"}]\n',
      },
    },
    {
      name: 'keys the schema does not type as secrets (a Prometheus `token` label, an Alertmanager webhook url)',
      files: { 'prometheus.yml': 'global:\n  external_labels: {token: abc, password: x}\nscrape_configs: []\n' },
    },
    {
      name: 'a Kubernetes Secret holds secrets by design',
      files: { 's.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: x}\nstringData:\n  password: hunter2\n' },
    },
  ],
  invalid: [
    {
      // (In a site the model already refuses it; an alertmanager.yml written by hand is linted.)
      name: 'a Slack webhook URL is itself a secret',
      files: {
        'alertmanager.yml':
          'route:\n  receiver: slack\nreceivers:\n  - name: slack\n    webhook_configs:\n      - url: https://hooks.slack.com/services/T000/B000/XXXX\n',
      },
      errors: [{ messageId: 'value', file: 'alertmanager.yml', line: 6 }],
    },
    {
      name: 'a token in the query string',
      site: (s) => addRoutedReceiver(s, 'ntfy', { webhooks: [{ url: 'https://ntfy.example/alerts?auth=abc' }] }),
      errors: [{ messageId: 'url', modelPath: 'receivers.ntfy.webhooks[0].url' }],
    },
    {
      name: "inline SMTP password (global, as in Alertmanager's documented example) and bearer token",
      files: {
        'alertmanager.yml':
          'global:\n  smtp_auth_password: hunter2\nreceivers:\n  - name: x\n    email_configs:\n      - auth_password: hunter2\n',
        'prometheus.yml': 'scrape_configs:\n  - job_name: a\n    bearer_token: abc\n    static_configs: [{targets: ["a:1"]}]\n',
      },
      errors: [
        {
          messageId: 'field',
          file: 'alertmanager.yml',
          line: 2,
          message:
            '`global.smtp_auth_password` is an inline secret (Alertmanager global types `smtp_auth_password` as `Secret`); put the value in a file and reference it with `smtp_auth_password_file`',
        },
        { messageId: 'field', file: 'alertmanager.yml', line: 6, message: 'use `auth_password_file`'.replace('use', 'reference it with') },
        { messageId: 'field', file: 'prometheus.yml', line: 3, message: '`bearer_token_file`' },
      ],
    },
    {
      name: 'every receiver secret by schema, with its _file alternative',
      files: {
        'alertmanager.yml': [
          'global:',
          '  slack_api_url: https://hooks.slack.com/services/T/B/X',
          '  opsgenie_api_key: k1',
          '  victorops_api_key: k2',
          'receivers:',
          '  - name: all',
          '    pagerduty_configs: [{routing_key: r1}, {service_key: s1}]',
          '    pushover_configs: [{user_key: u1, token: t1}]',
          '    telegram_configs: [{bot_token: b1, chat_id: 1}]',
          '    discord_configs: [{webhook_url: "https://discord.com/api/webhooks/1/x"}]',
          '    msteams_configs: [{webhook_url: "https://example.webhook.office.com/x"}]',
          '    wechat_configs: [{api_secret: w1}]',
          '    webhook_configs:',
          '      - url: http://recv:9000/',
          '        http_config: {basic_auth: {username: u, password: p}, authorization: {credentials: c}, oauth2: {client_id: i, client_secret: s, token_url: "http://t/"}}',
          '',
        ].join('\n'),
      },
      errors: [
        {
          messageId: 'field',
          line: 2,
          message:
            '`global.slack_api_url` is an inline secret (Alertmanager global types `slack_api_url` as `SecretURL`); put the value in a file and reference it with `slack_api_url_file`',
        },
        { messageId: 'field', line: 3, message: '`opsgenie_api_key_file`' },
        { messageId: 'field', line: 4, message: '`victorops_api_key_file`' },
        { messageId: 'field', line: 7, message: '`routing_key_file`' },
        { messageId: 'field', line: 7, message: '`service_key_file`' },
        {
          messageId: 'field',
          line: 8,
          message:
            '`receivers[0].pushover_configs[0].user_key` is an inline secret (Alertmanager pushover_configs types `user_key` as `Secret`); put the value in a file and reference it with `user_key_file`',
        },
        { messageId: 'field', line: 8, message: '`token_file`' },
        { messageId: 'field', line: 9, message: '`bot_token_file`' },
        { messageId: 'field', line: 10, message: '`webhook_url_file`' },
        { messageId: 'field', line: 11, message: '`webhook_url_file`' },
        { messageId: 'field', line: 12, message: '`api_secret_file`' },
        { messageId: 'field', line: 15, message: '`password_file`' },
        { messageId: 'field', line: 15, message: '`credentials_file`' },
        { messageId: 'field', line: 15, message: '`client_secret_file`' },
      ],
    },
    {
      name: 'service discovery secrets without a file alternative',
      files: {
        'prometheus.yml': 'scrape_configs:\n  - job_name: c\n    consul_sd_configs:\n      - server: consul:8500\n        token: abc\n',
      },
      errors: [{ messageId: 'field', line: 5, message: 'upstream has no file alternative' }],
    },
    {
      name: 'other files: by key name',
      files: { 'group_vars/all.yml': 'grafana_admin_password: x\nsmtp:\n  password: hunter2\n' },
      errors: [{ messageId: 'key', line: 3 }],
    },
    {
      name: 'a URL with user:password',
      files: { 'remote.yml': 'remote_write:\n  - url: https://user:secret@mimir.example/api/v1/push\n' },
      errors: [{ messageId: 'value', line: 2 }],
    },
  ],
});

/** Every secret field Alertmanager 0.25 knows, inline: amtool loads the file, so each path is a real field. */
const AM_SECRETS = `global:
  smtp_auth_password: hunter2
  smtp_auth_secret: s
  slack_api_url: https://hooks.slack.com/services/T/B/X
  opsgenie_api_key: k1
  victorops_api_key: k2
  wechat_api_secret: w
route:
  receiver: all
receivers:
  - name: all
    email_configs: [{to: a@b.c, from: x@b.c, smarthost: 'smtp:25', auth_password: p, auth_secret: s}]
    pagerduty_configs: [{routing_key: r1}, {service_key: s1}]
    pushover_configs: [{user_key: u1, token: t1}]
    telegram_configs: [{bot_token: b1, chat_id: 1}]
    discord_configs: [{webhook_url: "https://discord.com/api/webhooks/1/x"}]
    wechat_configs: [{api_secret: w1, corp_id: c}]
    opsgenie_configs: [{api_key: o}]
    victorops_configs: [{api_key: v, routing_key: r}]
    slack_configs: [{api_url: "https://hooks.slack.com/services/T/B/Y", channel: "#a"}]
    webhook_configs:
      - url: http://recv:9000/
        http_config: {basic_auth: {username: u, password: p}}
      - url: http://recv:9001/
        http_config: {authorization: {credentials: c}}
      - url: http://recv:9002/
        http_config: {oauth2: {client_id: i, client_secret: s, token_url: "http://t/"}}
`;

describe('secrets by schema, on a config amtool accepts', () => {
  it('amtool check-config loads the file: every field is one Alertmanager reads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiln-secrets-'));
    try {
      writeFileSync(join(dir, 'alertmanager.yml'), AM_SECRETS);
      const r = spawnSync('amtool', ['check-config', join(dir, 'alertmanager.yml')], { encoding: 'utf8' });
      expect(r.error).toBeUndefined();
      expect(r.status, r.stdout + r.stderr).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("reports each Secret/SecretURL field once, and not VictorOps' routing_key (a plain string upstream)", () => {
    const found = lint({ files: [loadLintFile('alertmanager.yml', AM_SECRETS)], registry: [rule] });
    expect(found.every((d) => d.messageId === 'field')).toBe(true);
    expect(found.map((d) => d.location.line)).toEqual([2, 3, 4, 5, 6, 7, 12, 12, 13, 13, 14, 14, 15, 16, 17, 18, 19, 20, 23, 25, 27]);
    expect(found.filter((d) => d.location.line === 19).map((d) => d.message)).toEqual([
      expect.stringContaining('victorops_configs[0].api_key'),
    ]);
  });
});
