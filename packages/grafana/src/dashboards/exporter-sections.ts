import type { ResolvedHost, ResolvedSite } from '@kiln/model';
import type { StandardDashboardId } from '../catalog.js';
import { EXPORTER_PANELS } from '../exporter-panels/index.js';
import type { Section } from '../panel.js';

/**
 * One section per exporter kind the site runs (sorted by kind) that has panels for this dashboard,
 * over the hosts that run it and pass `relevant`.
 */
export function exporterSections(
  site: ResolvedSite,
  dashboardId: Exclude<StandardDashboardId, 'alerts'>,
  relevant: (host: ResolvedHost) => boolean = () => true,
): Section[] {
  const kinds = [...new Set(site.hosts.flatMap((h) => h.exporters.map((e) => e.kind)))].sort();
  const sections: Section[] = [];
  for (const kind of kinds) {
    const panels = EXPORTER_PANELS[kind];
    const make = panels?.sections[dashboardId];
    if (panels === undefined || make === undefined) continue;
    const hosts = site.hosts.filter((h) => h.exporters.some((e) => e.kind === kind) && relevant(h));
    if (hosts.length === 0) continue;
    const specs = make({ site, job: kind, hosts });
    if (specs.length > 0) sections.push({ title: panels.title, panels: specs });
  }
  return sections;
}
