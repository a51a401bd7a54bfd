import type { ResolvedSite } from '@kiln/model';
import { scrapeTargets } from '@kiln/exporters';
import { drilldownUrl, standardTitle } from '../catalog.js';
import type { KilnDashboard } from '@kiln/plan';
import { composeDashboard } from '../compose.js';
import { statPanel, tablePanel } from '../presets.js';
import { sel } from '../query.js';
import { inventoryVariable } from '../variables.js';
import { firingBySeverity } from './alert-panels.js';
import { exporterSections } from './exporter-sections.js';

/** Site overview: targets, firing alerts, and per-host CPU / memory / disk / network. */
export function overviewDashboard(site: ResolvedSite): KilnDashboard {
  const up = sel('up', { 'job~': '$job', 'host~': '$host' });
  return composeDashboard(site, {
    id: 'overview',
    title: standardTitle(site, 'overview'),
    description: `Health of every scrape target and host of ${site.name}.`,
    variables: [
      inventoryVariable({ name: 'host', label: 'Host', values: site.hosts.map((h) => h.name), multi: true }),
      inventoryVariable({ name: 'job', label: 'Job', values: scrapeTargets(site).map((j) => j.job), multi: true }),
    ],
    sections: [
      {
        title: 'Health',
        panels: [
          statPanel({ title: 'Targets up', width: 6, queries: [{ expr: `sum(${up})`, legend: 'up', instant: true }] }),
          statPanel({
            title: 'Targets down',
            width: 6,
            thresholds: [{ value: 1, color: 'red' }],
            queries: [{ expr: `count(${up} == 0) or vector(0)`, legend: 'down', instant: true }],
          }),
          ...firingBySeverity(),
          tablePanel({
            title: 'Scrape targets',
            description: 'Every target Prometheus scrapes: 1 up, 0 down (InstanceDown fires after 5 minutes down).',
            signals: [{ alert: 'InstanceDown', vars: { job: 'job' } }],
            baseColor: 'red',
            thresholds: [{ value: 1, color: 'green' }],
            sortBy: 'Value',
            hideColumns: ['__name__'],
            links: [{ title: 'Node detail for ${__data.fields.host}', url: drilldownUrl(site, 'node', { host: 'host' }, 'table') }],
            queries: [{ expr: up, instant: true, format: 'table' }],
          }),
        ],
      },
      ...exporterSections(site, 'overview'),
    ],
  });
}
