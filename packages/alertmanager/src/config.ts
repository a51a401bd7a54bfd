/**
 * alertmanager.yml from the site's receivers and routing policy. Secrets are referenced by file
 * (`auth_password_file`, `credentials_file`), never written inline.
 */
import type { ResolvedReceiver, ResolvedRoute, ResolvedSite } from '@kiln/model';
import { ntfyWebhook } from './ntfy.js';

/** The inventory InstanceDown of the node job means the whole host is down. */
export const HOST_DOWN_SOURCE = ['alertname="InstanceDown"', 'job="node"'];

function receiver(r: ResolvedReceiver): Record<string, unknown> {
  return {
    name: r.name,
    ...(r.webhooks.length + r.ntfy.length > 0 && {
      webhook_configs: [
        ...r.webhooks.map((w) => ({
          url: w.url,
          send_resolved: true,
          ...(w.bearerTokenFile !== undefined && { http_config: { authorization: { credentials_file: w.bearerTokenFile } } }),
        })),
        // ntfy takes Alertmanager's webhook JSON and formats it itself (ntfy.ts).
        ...r.ntfy.map(ntfyWebhook),
      ],
    }),
    ...(r.emails.length > 0 && {
      email_configs: r.emails.map((e) => ({
        to: e.to,
        from: e.from,
        smarthost: e.smarthost,
        ...(e.authUsername !== undefined && { auth_username: e.authUsername }),
        ...(e.authPasswordFile !== undefined && { auth_password_file: e.authPasswordFile }),
        ...(e.requireTls !== undefined && { require_tls: e.requireTls }),
        send_resolved: true,
      })),
    }),
    ...(r.slack.length > 0 && {
      slack_configs: r.slack.map((sl) => ({ api_url_file: sl.apiUrlFile, channel: sl.channel, send_resolved: true })),
    }),
  };
}

/**
 * A route with several receivers becomes one child route per receiver; all but the last carry
 * `continue: true`, so every receiver is notified and the last keeps the policy's own `continue`.
 */
function routes(route: ResolvedRoute): Record<string, unknown>[] {
  const timing = {
    ...(route.groupBy !== undefined && { group_by: route.groupBy }),
    ...(route.groupWait !== undefined && { group_wait: route.groupWait }),
    ...(route.groupInterval !== undefined && { group_interval: route.groupInterval }),
    ...(route.repeatInterval !== undefined && { repeat_interval: route.repeatInterval }),
  };
  return route.receivers.map((name, i) => {
    const last = i === route.receivers.length - 1;
    const cont = last ? route.continue : true;
    return { receiver: name, matchers: route.matchers, ...timing, ...(cont && { continue: true }) };
  });
}

export function alertmanagerConfig(site: ResolvedSite): Record<string, unknown> {
  const r = site.routing;
  const inhibitions = [
    ...(r.hostDownInhibits
      ? [{ source_matchers: HOST_DOWN_SOURCE, target_matchers: ['severity=~"critical|warning|info"'], equal: ['host'] }]
      : []),
    ...r.inhibitions.map((i) => ({ source_matchers: i.source, target_matchers: i.target, equal: i.equal })),
  ];
  return {
    route: {
      receiver: r.receiver,
      group_by: r.groupBy,
      group_wait: r.groupWait,
      group_interval: r.groupInterval,
      repeat_interval: r.repeatInterval,
      routes: r.routes.flatMap(routes),
    },
    ...(inhibitions.length > 0 && { inhibit_rules: inhibitions }),
    receivers: site.receivers.map(receiver),
  };
}
