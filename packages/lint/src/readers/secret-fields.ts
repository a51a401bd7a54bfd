/**
 * The fields Prometheus and Alertmanager type as `Secret` or `SecretURL` in their configuration
 * structs, with the `_file` field each offers instead. Taken from the upstream Go types:
 * prometheus/common `config/http_config.go` and `config/headers.go` (d2417e2), prometheus/prometheus
 * `discovery/**` and `storage/remote/azuread` (d15adb9ad7), prometheus/alertmanager `config/config.go`,
 * `config/notifiers.go` and `notify/<integration>/config.go` (68fb2d575). Webhook `url` is typed
 * `SecretURL` too, but a plain in-cluster address is not a secret: it is left to the URL heuristics.
 */

export interface SecretField {
  /** The YAML key. */
  key: string;
  /** The struct it belongs to, as the key (or list) that holds it: `basic_auth`, `pagerduty_configs`, `global`. */
  within: string;
  /** The upstream Go type, for the message: `Secret` or `SecretURL`. */
  type: 'Secret' | 'SecretURL';
  /** The field that reads the value from a file instead, when upstream has one. */
  file?: string;
  /** Where the type is declared, for the message. */
  source: string;
}

const COMMON = 'prometheus/common';
const PROM = 'Prometheus';
const AM = 'Alertmanager';

const f = (
  within: string,
  key: string,
  source: string,
  file: string | null = `${key}_file`,
  type: SecretField['type'] = 'Secret',
): SecretField => ({
  key,
  within,
  type,
  source,
  ...(file !== null && { file }),
});

const AWS_SD = [
  'ec2_sd_configs',
  'lightsail_sd_configs',
  'ecs_sd_configs',
  'elasticache_sd_configs',
  'msk_sd_configs',
  'rds_sd_configs',
  'aws_sd_configs',
  'sigv4',
];

export const SECRET_FIELDS: readonly SecretField[] = [
  // prometheus/common HTTP client configuration: scrape, remote write/read, alerting, every SD with an HTTP client, every Alertmanager http_config.
  f('basic_auth', 'password', `${COMMON} BasicAuth`),
  f('authorization', 'credentials', `${COMMON} Authorization`),
  f('oauth2', 'client_secret', `${COMMON} OAuth2`),
  f('oauth2', 'client_certificate_key', `${COMMON} OAuth2`),
  f('*', 'bearer_token', `${COMMON} HTTPClientConfig`),
  f('tls_config', 'key', `${COMMON} TLSConfig`),
  f('http_headers', 'secrets', `${COMMON} Header`, 'files'),
  // Prometheus service discovery and remote write.
  ...AWS_SD.map((within) => f(within, 'secret_key', `${PROM} ${within}`, null)),
  f('scaleway_sd_configs', 'secret_key', `${PROM} scaleway_sd_configs`),
  f('outscale_sd_configs', 'secret_key', `${PROM} outscale_sd_configs`, null),
  f('azure_sd_configs', 'client_secret', `${PROM} azure_sd_configs`, null),
  f('azuread', 'client_secret', `${PROM} remote write azuread`, null),
  f('certificate', 'certificate_password', `${PROM} remote write azuread`, null),
  f('consul_sd_configs', 'token', `${PROM} consul_sd_configs`, null),
  f('consul_sd_configs', 'password', `${PROM} consul_sd_configs`, null),
  f('marathon_sd_configs', 'auth_token', `${PROM} marathon_sd_configs`),
  f('openstack_sd_configs', 'password', `${PROM} openstack_sd_configs`, null),
  f('openstack_sd_configs', 'application_credential_secret', `${PROM} openstack_sd_configs`, null),
  f('ovhcloud_sd_configs', 'application_secret', `${PROM} ovhcloud_sd_configs`, null),
  f('ovhcloud_sd_configs', 'consumer_key', `${PROM} ovhcloud_sd_configs`, null),
  f('uyuni_sd_configs', 'password', `${PROM} uyuni_sd_configs`, null),
  f('oci_sd_configs', 'key_passphrase', `${PROM} oci_sd_configs`),
  f('stackit_sd_configs', 'private_key', `${PROM} stackit_sd_configs`, null),
  f('stackit_sd_configs', 'service_account_key', `${PROM} stackit_sd_configs`, null),
  // Alertmanager global defaults.
  f('global', 'smtp_auth_password', `${AM} global`),
  f('global', 'smtp_auth_secret', `${AM} global`),
  f('global', 'slack_api_url', `${AM} global`, 'slack_api_url_file', 'SecretURL'),
  f('global', 'slack_app_token', `${AM} global`),
  f('global', 'opsgenie_api_key', `${AM} global`),
  f('global', 'victorops_api_key', `${AM} global`),
  f('global', 'wechat_api_secret', `${AM} global`),
  f('global', 'telegram_bot_token', `${AM} global`),
  f('global', 'rocketchat_token', `${AM} global`),
  f('global', 'rocketchat_token_id', `${AM} global`),
  f('global', 'mattermost_webhook_url', `${AM} global`, 'mattermost_webhook_url_file', 'SecretURL'),
  // Alertmanager receivers.
  f('email_configs', 'auth_password', `${AM} email_configs`),
  f('email_configs', 'auth_secret', `${AM} email_configs`),
  f('slack_configs', 'api_url', `${AM} slack_configs`, 'api_url_file', 'SecretURL'),
  f('slack_configs', 'app_token', `${AM} slack_configs`),
  f('pagerduty_configs', 'routing_key', `${AM} pagerduty_configs`),
  f('pagerduty_configs', 'service_key', `${AM} pagerduty_configs`),
  f('opsgenie_configs', 'api_key', `${AM} opsgenie_configs`),
  f('victorops_configs', 'api_key', `${AM} victorops_configs`),
  f('wechat_configs', 'api_secret', `${AM} wechat_configs`),
  f('pushover_configs', 'user_key', `${AM} pushover_configs`),
  f('pushover_configs', 'token', `${AM} pushover_configs`),
  f('telegram_configs', 'bot_token', `${AM} telegram_configs`),
  f('rocketchat_configs', 'token', `${AM} rocketchat_configs`),
  f('rocketchat_configs', 'token_id', `${AM} rocketchat_configs`),
  f('incidentio_configs', 'alert_source_token', `${AM} incidentio_configs`),
  ...['discord_configs', 'msteams_configs', 'msteamsv2_configs', 'mattermost_configs'].map((within) =>
    f(within, 'webhook_url', `${AM} ${within}`, 'webhook_url_file', 'SecretURL'),
  ),
];

const byKey = new Map<string, SecretField[]>();
for (const field of SECRET_FIELDS) byKey.set(field.key, [...(byKey.get(field.key) ?? []), field]);

/**
 * The secret field at `path` of a Prometheus or Alertmanager configuration, or undefined. The
 * struct is recognised by the nearest enclosing key: `['receivers', 0, 'pagerduty_configs', 1,
 * 'routing_key']` is in `pagerduty_configs`, `['global', 'smtp_auth_password']` in `global`;
 * `http_headers` secrets sit one level deeper, under the header name.
 */
export function secretFieldAt(path: readonly (string | number)[]): SecretField | undefined {
  let end = path.length;
  while (end > 0 && typeof path[end - 1] === 'number') end--; // a list of secrets (`secrets: [a, b]`)
  path = path.slice(0, end);
  const key = path[path.length - 1];
  const candidates = typeof key === 'string' ? byKey.get(key) : undefined;
  if (!candidates) return undefined;
  const keys = path.slice(0, -1).filter((k): k is string => typeof k === 'string');
  const parent = keys[keys.length - 1];
  const grandparent = keys[keys.length - 2];
  return candidates.find((c) => c.within === '*' || c.within === parent || (c.within === 'http_headers' && grandparent === 'http_headers'));
}
