import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { secretFieldAt } from '../../readers/secret-fields.js';
import { walkScalars } from '../../readers/walk.js';

/** Keys that hold a credential in files without an upstream schema (Ansible variables, Helm values, Grafana). */
const SECRET_KEYS =
  /^(password|passwd|auth_password|bearer_token|credentials|api_key|apikey|api_token|token|secret|client_secret|auth_token|routing_key|service_key|access_key|secret_key|webhook_secret|admin_password)$/i;
/** URLs that are secrets themselves (the token is part of the path). */
const SECRET_URL =
  /hooks\.slack\.com\/services\/|discord(app)?\.com\/api\/webhooks\/|outlook\.office\.com\/webhook|api\.telegram\.org\/bot/i;
const SECRET_QUERY = /[?&](token|key|apikey|api_key|secret|password|access_token|auth)=/i;
const USERINFO = /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i;
/** A placeholder or reference rather than a value: `${VAR}`, `$VAR`, `<secret>`. */
const REFERENCE = /\$\{?[A-Z_]+\}?|^<.*>$/;

export default createRule({
  id: 'security/no-inline-secret',
  meta: {
    description: 'No password, token or credential-bearing URL is written inline; reference it by file, env or Secret.',
    rationale:
      'Configuration is committed, reviewed, copied into CI logs and backups. A secret inline is a secret published. ' +
      'In prometheus.yml and alertmanager.yml every field upstream types as `Secret` or `SecretURL` is checked, by its place in the schema ' +
      '(`global.smtp_auth_password`, `pagerduty_configs[].routing_key`, `basic_auth.password`, `authorization.credentials`, `oauth2.client_secret`, `consul_sd_configs[].token`, …), ' +
      'and the message names the `_file` field upstream offers instead. Other files (Ansible variables, Helm values) are checked by key name; ' +
      'in every file, URLs with a password in their userinfo and URLs whose path is a token (Slack, Discord, Teams, Telegram) are reported. Kubernetes Secrets are exempt.',
    summary: 'inline secret',
    severity: 'error',
    messages: {
      url: 'receiver `{{receiver}}`: webhook URL {{why}}; keep the URL free of secrets and put the token in a file referenced by `bearerTokenFile`',
      field: '`{{path}}` is an inline secret ({{source}} types `{{key}}` as `{{type}}`); {{instead}}',
      key: '`{{key}}` holds an inline secret; use `{{key}}_file` (or an env/Secret reference) instead',
      value: '`{{key}}` contains {{why}}; move the secret to a file or Secret and reference it',
    },
    options: z.strictObject({}),
    reads: ['site', 'files'],
  },
  check({ site, files, report }) {
    for (const r of site?.receivers ?? []) {
      r.webhooks.forEach((w, i) => {
        const why = SECRET_URL.test(w.url)
          ? 'is itself a secret (the token is in its path)'
          : SECRET_QUERY.test(w.url)
            ? 'carries a credential in its query string'
            : undefined;
        if (why)
          report({
            messageId: 'url',
            data: { receiver: r.name, why },
            entity: { kind: 'receiver', name: r.name },
            location: { modelPath: `receivers.${r.name}.webhooks[${i}].url` },
          });
      });
    }
    // Generated files mirror the site, which is checked above; scan files only when linting them alone.
    for (const file of site ? [] : files) {
      const schema = file.kind === 'prometheus-config' || file.kind === 'alertmanager-config';
      file.values.forEach((value, doc) => {
        // Kubernetes Secrets are where secrets belong; their data is base64 by design.
        if (file.kind === 'kubernetes' && (value as { kind?: unknown } | null)?.kind === 'Secret') return;
        walkScalars(value, (path, key, v) => {
          if (typeof v !== 'string' || v === '') return;
          const entity = { kind: 'file', name: file.path };
          const location = () => ({ file: file.path, ...file.position([...path], doc) });
          const field = schema ? secretFieldAt(path) : undefined;
          if (field && !REFERENCE.test(v)) {
            const instead = field.file
              ? `put the value in a file and reference it with \`${field.file}\``
              : 'upstream has no file alternative: render this file from a secret store at deploy time and keep it out of the repository';
            report({
              messageId: 'field',
              data: {
                path: path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join(''),
                source: field.source,
                key: field.key,
                type: field.type,
                instead,
              },
              entity,
              location: location(),
            });
          } else if (!schema && SECRET_KEYS.test(key) && !REFERENCE.test(v))
            report({ messageId: 'key', data: { key }, entity, location: location() });
          else if (!v.includes('://')) return;
          else if (USERINFO.test(v))
            report({ messageId: 'value', data: { key, why: 'a URL with a password' }, entity, location: location() });
          else if (SECRET_URL.test(v))
            report({ messageId: 'value', data: { key, why: 'a URL whose path is a token' }, entity, location: location() });
        });
      });
    }
  },
});
