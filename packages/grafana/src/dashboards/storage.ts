import type { ResolvedSite } from '@kiln/model';
import { standardTitle } from '../catalog.js';
import type { KilnDashboard } from '@kiln/plan';
import { composeDashboard } from '../compose.js';
import { mdTable, textPanel } from '../presets.js';
import { inventoryVariable } from '../variables.js';
import { exporterSections } from './exporter-sections.js';

/** Network mounts (NFS, SMB) of the inventory; undefined when the site has none. */
export function storageDashboard(site: ResolvedSite): KilnDashboard | undefined {
  if (site.mounts.length === 0) return undefined;
  const rows = site.mounts.map((m) => [
    m.host.name,
    m.mountPoint,
    m.share.id,
    m.protocol,
    m.mode,
    m.required ? 'critical' : 'warning',
    m.purpose ?? '',
  ]);
  const withMounts = new Set(site.mounts.map((m) => m.host.name));
  return composeDashboard(site, {
    id: 'storage',
    title: standardTitle(site, 'storage'),
    description: `Shares mounted by the hosts of ${site.name}, as the inventory declares them and as node_exporter sees them.`,
    variables: [
      inventoryVariable({ name: 'host', label: 'Host', values: [...withMounts], multi: true }),
      inventoryVariable({ name: 'mount', label: 'Mount point', values: site.mounts.map((m) => m.mountPoint), multi: true }),
    ],
    sections: [
      {
        title: 'Inventory',
        panels: [
          textPanel({
            title: 'Mounts in the inventory',
            height: Math.min(4 + rows.length, 14),
            markdown: mdTable(['Host', 'Mount point', 'Share', 'Protocol', 'Mode', 'Alert severity', 'Purpose'], rows),
          }),
        ],
      },
      ...exporterSections(site, 'storage', (h) => withMounts.has(h.name)),
    ],
  });
}
