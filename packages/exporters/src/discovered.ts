/**
 * Alerts of scrape jobs whose targets are discovered over HTTP (`httpSd`): the inventory does not
 * list them, so the test series use the labels of a sample discovered VM. `InstanceDown` for the
 * job, and the alert pack of the exporter the job declares.
 */
import type { ResolvedSite } from '@kiln/model';
import { instanceDownAlert } from './core.js';
import { EXPORTERS } from './registry.js';
import type { DerivedAlert } from './types.js';
import { sampleGuestLabels } from './windows.js';

export function discoveredAlerts(site: ResolvedSite): DerivedAlert[] {
  const alerts: DerivedAlert[] = [];
  for (const job of site.scrapeJobs.filter((j) => j.httpSd !== undefined)) {
    const module = job.exporter && EXPORTERS[job.exporter];
    const sample = sampleGuestLabels(job.name, module?.defaultPort);
    const down = instanceDownAlert(job.name, [{ instance: sample['instance']! }], 'warning');
    const firing = down.scenario.firing.map((s) => ({
      ...s,
      series: s.series.replace(
        /\{.*\}$/,
        `{${Object.entries(sample)
          .map(([k, v]) => `${k}="${v}"`)
          .join(',')}}`,
      ),
    }));
    alerts.push({ ...down, scenario: { healthy: firing.map((s) => ({ ...s, values: '1x30' })), firing, firingLabels: sample } });
    if (module?.discoveredPack) alerts.push(...module.discoveredPack(job.name));
  }
  return alerts;
}
