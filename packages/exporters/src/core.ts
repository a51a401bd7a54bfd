import type { ResolvedSite, Severity } from '@kiln/model';
import { selector, targetLabels } from './series.js';
import type { DerivedAlert } from './types.js';

/** `InstanceDown` for one job: Prometheus cannot scrape a target. */
export function instanceDownAlert(job: string, targets: { host?: string; instance: string }[], severity: Severity): DerivedAlert {
  const label = (t: { host?: string; instance: string }) =>
    t.host !== undefined ? targetLabels(job, t.host, t.instance) : { instance: t.instance, job };
  const first = label(targets[0]!);
  return {
    group: 'availability',
    alert: 'InstanceDown',
    expr: `${selector('up', { job })} == 0`,
    for: '5m',
    severity,
    labels: { job },
    summary: `{{ $labels.instance }} of job ${job} is down`,
    description: `Prometheus has failed to scrape {{ $labels.instance }} (job ${job}) for 5 minutes: the host, the exporter, or the network path is down.`,
    scenario: {
      healthy: targets.map((t) => ({ series: selector('up', label(t)), values: '1x30' })),
      firing: [{ series: selector('up', first), values: '0x30' }],
      firingLabels: first,
    },
  };
}

/** `Watchdog`: always firing, so the receiving end can alert when it stops arriving. */
export function watchdogAlert(site: ResolvedSite): DerivedAlert {
  return {
    group: 'meta',
    alert: 'Watchdog',
    expr: 'vector(1)',
    for: '0s',
    severity: 'none',
    labels: {},
    summary: 'Alerting pipeline heartbeat',
    description: `Always firing for site ${site.name}. If it stops arriving at the dead man's switch, Prometheus or Alertmanager is broken.`,
    scenario: { healthy: [], firing: [], firingLabels: {} },
    alwaysFiring: true,
  };
}
