/**
 * An ntfy receiver as an Alertmanager `webhook_config`. Alertmanager 0.25 can set neither headers nor
 * a body of its own, so everything ntfy needs travels in the URL: `template=yes` makes ntfy read the
 * webhook JSON and fill the `title`, `message` and `priority` query parameters, which are Go
 * templates over that JSON (https://docs.ntfy.sh/publish/#message-templating: title and message
 * since ntfy 2.10, priority since 2.17); `tags` and `click` are plain values. The access token is
 * the Bearer credential Alertmanager reads from `credentials_file` at send time.
 */
import type { ResolvedNtfy, Severity } from '@kiln/model';

/**
 * The templates ntfy fills from Alertmanager's webhook JSON (its keys are lower-case: `status`,
 * `alerts[].labels`, `alerts[].annotations`). Every Kiln rule carries `severity`, `summary` and
 * `description`. `print` makes a missing label the string `<no value>`, so `eq` never compares nil.
 */
export const NTFY_TITLE =
  '{{if eq .status "firing"}}🔥{{else}}✅{{end}} {{(index .alerts 0).labels.alertname}}' +
  '{{if gt (len .alerts) 1}} ({{len .alerts}} alerts){{end}}';
export const NTFY_MESSAGE =
  '{{range .alerts}}{{if eq .status "resolved"}}[resolved] {{end}}{{.annotations.summary}}\n{{.annotations.description}}\n\n{{end}}';

/** Severities from the most to the least urgent: the most urgent one firing in a notification sets its priority. */
const BY_URGENCY: readonly Severity[] = ['critical', 'warning', 'info', 'none'];

/** The priority template: the resolved priority once nothing fires, else that of the most urgent severity firing. */
export function ntfyPriorityTemplate(p: Exclude<ResolvedNtfy['priority'], string>): string {
  const flag = (s: Severity) => `$${s}`;
  const seen = BY_URGENCY.map(
    (s) => `{{if and (eq .status "firing") (eq (print .labels.severity) "${s}")}}{{${flag(s)} = true}}{{end}}`,
  ).join('');
  const choose = BY_URGENCY.map((s, i) => `{{${i === 0 ? 'if' : 'else if'} ${flag(s)}}}${p[s]}`).join('');
  return (
    BY_URGENCY.map((s) => `{{${flag(s)} := false}}`).join('') +
    `{{range .alerts}}${seen}{{end}}` +
    `{{if eq .status "resolved"}}${p.resolved}{{else}}${choose}{{else}}default{{end}}{{end}}`
  );
}

/** The publish URL: the topic, then the query parameters in a fixed order, each percent-encoded. */
export function ntfyUrl(n: ResolvedNtfy): string {
  const params: [string, string][] = [
    ['template', 'yes'],
    ['title', NTFY_TITLE],
    ['message', NTFY_MESSAGE],
    ['priority', typeof n.priority === 'string' ? n.priority : ntfyPriorityTemplate(n.priority)],
    ...(n.tags.length > 0 ? [['tags', n.tags.join(',')] as [string, string]] : []),
    ...(n.click !== undefined ? [['click', n.click] as [string, string]] : []),
  ];
  return `${n.server}/${n.topic}?${params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;
}

export function ntfyWebhook(n: ResolvedNtfy): Record<string, unknown> {
  return {
    url: ntfyUrl(n),
    send_resolved: true,
    max_alerts: n.maxAlerts,
    ...(n.tokenFile !== undefined && { http_config: { authorization: { credentials_file: n.tokenFile } } }),
  };
}
