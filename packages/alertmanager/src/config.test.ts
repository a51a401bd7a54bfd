import { resolve } from '@kiln/model';
import { smallSite } from '@kiln/model/testing';
import { describe, expect, it } from 'vitest';
import { alertmanagerConfig } from './config.js';
import { alertmanagerArgs } from './index.js';

type Route = { receiver: string; matchers: string[]; continue?: boolean };

describe('alertmanagerConfig', () => {
  it('fans a route with several receivers out into continue-routes, the last keeping its own continue', () => {
    const input = smallSite();
    input.receivers['push'] = { webhooks: [{ url: 'https://push.example/alerts', bearerTokenFile: '/run/secrets/push' }] };
    input.routing.routes = [{ matchers: ['severity="critical"'], receivers: ['push', 'email'] }];
    const routes = (alertmanagerConfig(resolve(input)).route as { routes: Route[] }).routes;
    expect(routes.map((r) => [r.receiver, r.continue ?? false])).toEqual([
      ['push', true],
      ['email', false],
    ]);
    expect(routes.every((r) => r.matchers[0] === 'severity="critical"')).toBe(true);
  });

  it('references secrets by file and never inlines them', () => {
    const input = smallSite();
    input.receivers['email']!.emails![0]!.authPasswordFile = '/run/secrets/smtp';
    input.receivers['push'] = { webhooks: [{ url: 'https://push.example/alerts', bearerTokenFile: '/run/secrets/push' }] };
    input.routing.routes!.push({ matchers: ['severity="warning"'], receivers: ['push'] });
    const text = JSON.stringify(alertmanagerConfig(resolve(input)));
    expect(text).toContain('"auth_password_file":"/run/secrets/smtp"');
    expect(text).toContain('"credentials_file":"/run/secrets/push"');
    expect(text).not.toMatch(/"(auth_password|credentials|password)":/);
  });

  it("inhibits a down host's other alerts unless the site turns it off", () => {
    const on = alertmanagerConfig(resolve(smallSite()));
    expect(on.inhibit_rules).toEqual([
      {
        source_matchers: ['alertname="InstanceDown"', 'job="node"'],
        target_matchers: ['severity=~"critical|warning|info"'],
        equal: ['host'],
      },
    ]);
    const input = smallSite();
    input.routing.hostDownInhibits = false;
    expect(alertmanagerConfig(resolve(input)).inhibit_rules).toBeUndefined();
  });
});

describe('alertmanagerArgs', () => {
  it("listens on the site's bind, never every interface, and keeps the gossip port closed", () => {
    const args = alertmanagerArgs(resolve(smallSite())).trim().split('\n');
    expect(args).toContain('--web.listen-address=10.60.0.20:9093');
    expect(args).toContain('--cluster.listen-address=');
    const loopback = smallSite();
    loopback.alertmanager.bind = 'loopback';
    expect(alertmanagerArgs(resolve(loopback))).toContain('--web.listen-address=127.0.0.1:9093\n');
  });
});
