/**
 * Secrets the mounted configuration reads from files: every absolute `*_file` path in
 * prometheus.yml or alertmanager.yml (`auth_password_file`, `credentials_file`, `password_file`,
 * `ca_file`, …). Each becomes a Compose secret whose `file:` is the same path on the Docker host,
 * mounted at exactly the path the configuration names — the value never enters the Compose file.
 */
export interface FileSecret {
  /** Compose secret name, derived from the path (`/etc/alertmanager/secrets/smtp-password` → `etc-alertmanager-secrets-smtp-password`). */
  name: string;
  /** Path on the Docker host (`file:`) and in the container (`target:`). */
  path: string;
}

const FILE_KEY = /_file$/;

export function fileReferences(config: unknown): string[] {
  const found = new Set<string>();
  const walk = (value: unknown, key: string): void => {
    if (Array.isArray(value)) value.forEach((v) => walk(v, key));
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
    else if (typeof value === 'string' && FILE_KEY.test(key) && value.startsWith('/')) found.add(value);
  };
  walk(config, '');
  return [...found].sort();
}

export const secretName = (path: string): string => path.replace(/^\/+/, '').replace(/[^A-Za-z0-9._-]+/g, '-');

export function fileSecrets(config: unknown): FileSecret[] {
  return fileReferences(config).map((path) => ({ name: secretName(path), path }));
}
