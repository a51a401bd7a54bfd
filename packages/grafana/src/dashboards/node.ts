import type { ResolvedSite } from '@kiln/model';
import { standardTitle } from '../catalog.js';
import type { KilnDashboard } from '@kiln/plan';
import { composeDashboard } from '../compose.js';
import { mdTable, statPanel, textPanel } from '../presets.js';
import { sel } from '../query.js';
import { inventoryVariable } from '../variables.js';
import { exporterSections } from './exporter-sections.js';

function disksInventory(site: ResolvedSite) {
  const rows = site.hosts.flatMap((h) =>
    h.disks.map((d) => [
      h.name,
      d.name,
      d.role,
      d.mountPoint,
      d.media ?? '',
      d.role === 'scratch' ? `${Math.round(d.pressureThreshold * 100)}% free` : '',
    ]),
  );
  if (rows.length === 0) return [];
  return [
    textPanel({
      title: 'Disks in the inventory',
      height: Math.min(4 + rows.length, 12),
      markdown: mdTable(['Host', 'Disk', 'Role', 'Mount point', 'Media', 'Alert below'], rows),
    }),
  ];
}

/** One host in detail, chosen with `$host`: every exporter it runs. */
export function nodeDashboard(site: ResolvedSite): KilnDashboard {
  return composeDashboard(site, {
    id: 'node',
    title: standardTitle(site, 'node'),
    description: `One host of ${site.name} in detail.`,
    variables: [inventoryVariable({ name: 'host', label: 'Host', values: site.hosts.map((h) => h.name) })],
    sections: [
      {
        title: 'Scrape targets',
        panels: [
          statPanel({
            title: 'Targets of $host',
            description: 'Every job scraping this host: 1 up, 0 down.',
            width: 24,
            height: 3,
            baseColor: 'red',
            thresholds: [{ value: 1, color: 'green' }],
            queries: [{ expr: sel('up', { host: '$host' }), legend: '{{job}}', instant: true }],
          }),
        ],
      },
      ...exporterSections(site, 'node'),
      { title: 'Inventory', panels: disksInventory(site) },
    ],
  });
}
