import { z } from 'zod';
import { createRule } from '../../create-rule.js';
import { walk } from '../net/no-wildcard-bind.js';

/** Keys whose value is a credential in Prometheus, Alertmanager, Grafana and Kubernetes configs. */
const SECRET_KEYS = /^(password|passwd|auth_password|bearer_token|credentials|api_key|apikey|api_token|token|secret|client_secret|auth_token|routing_key|service_key|access_key|secret_key|webhook_secret|admin_password)$/i;
/** URLs that are secrets themselves (the token is part of the path). */
const SECRET_URL = /hooks\.slack\.com\/services\/|discord(app)?\.com\/api\/webhooks\/|outlook\.office\.com\/webhook|api\.telegram\.org\/bot/i;
const SECRET_QUERY = /[?&](token|key|apikey|api_key|secret|password|access_token|auth)=/i;
const USERINFO = /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i;

export default createRule({
  id: 'security/no-inline-secret',
  meta: {
    description: 'No password, token or credential-bearing URL is written inline; reference it by file, env or Secret.',
    rationale:
      'Configuration is committed, reviewed, copied into CI logs and backups. A secret inline is a secret published. Prometheus, Alertmanager and Kubernetes all accept a file or Secret reference (`password_file`, `credentials_file`, `api_url_file`, secretKeyRef).',
    summary: 'inline secret',
    severity: 'error',
    messages: {
      url: 'receiver `{{receiver}}`: webhook URL {{why}}; keep the URL free of secrets and put the token in a file referenced by `bearerTokenFile`',
      key: '`{{key}}` holds an inline secret; use `{{key}}_file` (or an env/Secret reference) instead',
      value: '`{{key}}` contains {{why}}; move the secret to a file or Secret and reference it',
    },
    options: z.strictObject({}),
    reads: ['site', 'files'],
  },
  check({ site, files, report }) {
    for (const r of site?.receivers ?? []) {
      r.webhooks.forEach((w, i) => {
        const why = SECRET_URL.test(w.url) ? 'is itself a secret (the token is in its path)' : SECRET_QUERY.test(w.url) ? 'carries a credential in its query string' : undefined;
        if (why) report({ messageId: 'url', data: { receiver: r.name, why }, entity: { kind: 'receiver', name: r.name }, location: { modelPath: `receivers.${r.name}.webhooks[${i}].url` } });
      });
    }
    // Generated files mirror the site, which is checked above; scan files only when linting them alone.
    for (const file of site ? [] : files) {
      file.values.forEach((value, doc) => {
        walk(value, [], (path, key, v) => {
          if (typeof v !== 'string' || v === '') return;
          const location = { file: file.path, ...file.position(path, doc) };
          const entity = { kind: 'file', name: file.path };
          // Kubernetes Secrets are where secrets belong; their data is base64 by design.
          const obj = value as { kind?: string };
          if (file.kind === 'kubernetes' && obj?.kind === 'Secret') return;
          if (SECRET_KEYS.test(key) && !/\$\{?[A-Z_]+\}?|^<.*>$/.test(v)) report({ messageId: 'key', data: { key }, entity, location });
          else if (USERINFO.test(v)) report({ messageId: 'value', data: { key, why: 'a URL with a password' }, entity, location });
          else if (SECRET_URL.test(v)) report({ messageId: 'value', data: { key, why: 'a URL whose path is a token' }, entity, location });
        });
      });
    }
  },
});
