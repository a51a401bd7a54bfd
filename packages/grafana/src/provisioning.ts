/**
 * Grafana provisioning files: the Prometheus and Alertmanager data sources of the site and the file
 * provider that loads the generated dashboards. No secret appears here: Grafana's admin password
 * comes from the environment of the Grafana process (`GF_SECURITY_ADMIN_PASSWORD__FILE` pointing at
 * a secret file), never from generated configuration.
 */
import type { ResolvedSite } from '@kiln/model';
import { ALERTMANAGER_DATASOURCE_UID, PROMETHEUS_DATASOURCE_UID } from './datasources.js';
import { slugify } from './ids.js';

/**
 * Where Grafana reads the dashboards from, one folder per site. This is the path *inside the
 * Grafana host or container*, not in this repository: deployment copies or mounts
 * `generated/<site>/grafana/dashboards/` there. Override it with `GrafanaOptions.dashboardsRoot`
 * when Grafana runs with another layout (e.g. `/etc/grafana/dashboards`).
 */
export const DEFAULT_DASHBOARDS_ROOT = '/var/lib/grafana/dashboards';

/** How often Grafana rescans the dashboards folder. */
export const DASHBOARD_SCAN_INTERVAL_SECONDS = 30;

export interface GrafanaOptions {
  /** Parent folder of the per-site dashboards folder on the Grafana host (default `/var/lib/grafana/dashboards`). */
  dashboardsRoot?: string;
}

export function dashboardsFolder(site: ResolvedSite, options: GrafanaOptions = {}): string {
  const root = (options.dashboardsRoot ?? DEFAULT_DASHBOARDS_ROOT).replace(/\/+$/, '');
  return `${root}/${slugify(site.name)}`;
}

/** `provisioning/datasources/kiln.yaml`. */
export function datasourcesProvisioning(site: ResolvedSite) {
  const store = dashboardStore(site);
  return {
    apiVersion: 1,
    datasources: [
      {
        name: `Prometheus (${site.name})`,
        type: 'prometheus',
        uid: PROMETHEUS_DATASOURCE_UID,
        access: 'proxy',
        url: store?.url ?? site.prometheus.externalUrl,
        ...store?.basicAuth,
        isDefault: true,
        editable: false,
        jsonData: {
          // Tells Grafana the scrape interval, so `$__rate_interval` always spans enough samples.
          timeInterval: site.prometheus.scrapeInterval,
          httpMethod: 'POST',
          alertmanagerUid: ALERTMANAGER_DATASOURCE_UID,
          ...store?.jsonData,
        },
        ...(store?.secureJsonData && { secureJsonData: store.secureJsonData }),
      },
      {
        name: `Alertmanager (${site.name})`,
        type: 'alertmanager',
        uid: ALERTMANAGER_DATASOURCE_UID,
        access: 'proxy',
        url: `http://${site.alertmanager.address}`,
        editable: false,
        jsonData: { implementation: 'prometheus', handleGrafanaManagedAlerts: false },
      },
    ],
  };
}

/**
 * With replicas or shards no single Prometheus has every series: the dashboards query the first
 * long-term store with a query API (VictoriaMetrics, Mimir, Thanos Query), which deduplicates.
 * A tenant header is an identifier, not a secret, but Grafana only sends custom headers from
 * `secureJsonData`.
 */
function dashboardStore(site: ResolvedSite):
  | {
      url: string;
      basicAuth?: { basicAuth: true; basicAuthUser: string };
      jsonData?: Record<string, string>;
      secureJsonData?: Record<string, string>;
    }
  | undefined {
  const store = site.scaleOut?.remoteWrite.find((t) => t.queryUrl !== undefined);
  if (store === undefined) return undefined;
  // Credentials stay in their files: Grafana expands `$__file{path}` in provisioning when it reads them.
  const headers = Object.entries({
    ...store.headers,
    ...(store.bearerTokenFile !== undefined && { Authorization: `Bearer $__file{${store.bearerTokenFile}}` }),
  });
  const jsonData = Object.fromEntries(headers.map(([name], i) => [`httpHeaderName${i + 1}`, name]));
  const secureJsonData = {
    ...(store.basicAuth !== undefined && { basicAuthPassword: `$__file{${store.basicAuth.passwordFile}}` }),
    ...Object.fromEntries(headers.map(([, value], i) => [`httpHeaderValue${i + 1}`, value])),
  };
  return {
    url: store.queryUrl!,
    ...(store.basicAuth !== undefined && { basicAuth: { basicAuth: true, basicAuthUser: store.basicAuth.username } }),
    ...(Object.keys(jsonData).length > 0 && { jsonData }),
    ...(Object.keys(secureJsonData).length > 0 && { secureJsonData }),
  };
}

/** `provisioning/dashboards/kiln.yaml`: one file provider for the site's folder. */
export function dashboardsProvisioning(site: ResolvedSite, options: GrafanaOptions = {}) {
  return {
    apiVersion: 1,
    providers: [
      {
        name: `kiln-${slugify(site.name)}`,
        orgId: 1,
        folder: `Kiln: ${site.name}`,
        folderUid: `kiln-${slugify(site.name)}`,
        type: 'file',
        disableDeletion: false,
        // The files are generated: edits made in the UI would be lost at the next build.
        allowUiUpdates: false,
        updateIntervalSeconds: DASHBOARD_SCAN_INTERVAL_SECONDS,
        options: { path: dashboardsFolder(site, options), foldersFromFilesStructure: false },
      },
    ],
  };
}

/** A short operator note shipped beside the provisioning files. */
export function grafanaReadme(site: ResolvedSite, options: GrafanaOptions = {}): string {
  return [
    `# Grafana for ${site.name}`,
    '',
    'Generated by kiln - do not edit; change the site definition and run `kiln build`.',
    '',
    "- `provisioning/datasources/kiln.yaml` → Grafana's `provisioning/datasources/` folder.",
    "- `provisioning/dashboards/kiln.yaml` → Grafana's `provisioning/dashboards/` folder.",
    `- \`dashboards/*.json\` → \`${dashboardsFolder(site, options)}\` on the Grafana host (the provider's path).`,
    '',
    'The admin password is not part of this configuration: give Grafana a secret file and set',
    '`GF_SECURITY_ADMIN_PASSWORD__FILE` to its path in the environment of the Grafana process.',
    '',
  ].join('\n');
}
