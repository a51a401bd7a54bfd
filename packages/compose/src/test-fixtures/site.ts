/** Small sites with `deploy.compose`, and the Compose target run as the pipeline runs it. */
import { generateAlertmanager } from '@kiln/alertmanager';
import { generateGrafana } from '@kiln/grafana';
import { resolve, type Artifact, type SiteInput } from '@kiln/model';
import { smallSite } from '@kiln/model/testing';
import { planWithoutDashboards, serialize } from '@kiln/plan';
import { generatePrometheus } from '@kiln/prometheus';
import { generateCompose } from '../generate.js';

/** smallSite plus Grafana on `compute`, receivers that read secrets from files, and `deploy.compose`. */
export function composeSite(secretsDir = '/etc/kiln-secrets'): SiteInput {
  const site = smallSite();
  site.services!['grafana'] = { host: 'compute', endpoints: { http: { port: 3000, kind: 'service', bind: 'nic1' } } };
  site.receivers = {
    email: {
      emails: [
        {
          to: 'ops@example.org',
          from: 'am@example.org',
          smarthost: 'mail.example.org:587',
          authUsername: 'am',
          authPasswordFile: `${secretsDir}/smtp-password`,
        },
      ],
    },
    push: { webhooks: [{ url: 'https://ntfy.example.org/lab-alerts', bearerTokenFile: `${secretsDir}/ntfy-token` }] },
  };
  site.routing = { receiver: 'email', routes: [{ matchers: ['severity="critical"'], receivers: ['push'] }] };
  site.grafana = { url: 'http://grafana.lab.example:3000' };
  site.deploy = { compose: { grafana: { service: 'grafana', adminPasswordFile: `${secretsDir}/grafana-admin-password` } } };
  return site;
}

/** Every artifact of the config targets plus the Compose target's, as the pipeline produces them. */
export function buildAll(site: SiteInput): { upstream: Artifact[]; compose: Artifact[] } {
  const plan = planWithoutDashboards(resolve(site));
  const upstream = [...generatePrometheus(plan), ...generateAlertmanager(plan), ...generateGrafana(plan)];
  return { upstream, compose: generateCompose(plan, upstream) };
}

export const composeOf = (site: SiteInput, path = 'compose/compose.yaml') =>
  buildAll(site).compose.find((a) => a.path === path)?.value as any;

/** Path → file text, through the one serializer. */
export const serialized = (artifacts: readonly Artifact[]) => new Map(artifacts.map((a) => [a.path, serialize(a)]));
