/**
 * The alert pack of a site, derived from its inventory: one rule per job, per NFS mount, per GPU
 * host, per scratch disk, plus each exporter's standard alerts and the Watchdog. The one source of
 * the alert list: the Prometheus generator writes these rules, the Grafana generator links them.
 */
import type { ResolvedHost, ResolvedSite } from '@kiln/model';
import { instanceDownAlert, watchdogAlert } from './core.js';
import { discoveredAlerts } from './discovered.js';
import { diskPressureAlert, nfsMountAlert } from './node.js';
import { gpuUnavailableAlert } from './nvidia-gpu.js';
import { EXPORTERS } from './registry.js';
import { scrapeTargets } from './targets.js';
import type { DerivedAlert } from './types.js';
import { clusterAlerts } from './kubernetes-alerts.js';

const hasExporter = (h: ResolvedHost, kind: string) => h.exporters.some((e) => e.kind === kind);

/**
 * Whether a route sends the Watchdog somewhere of its own (a dead man's switch). An always-firing
 * alert that only reaches the default receiver is noise every repeat interval, so without such a
 * route the Watchdog is not emitted.
 */
export function heartbeatRouted(site: ResolvedSite): boolean {
  return site.routing.routes.some((r) => r.matchers.some((m) => /^alertname\s*=~?\s*"?[^"]*Watchdog/.test(m)));
}

export function deriveAlerts(site: ResolvedSite): DerivedAlert[] {
  const alerts: DerivedAlert[] = heartbeatRouted(site) ? [watchdogAlert(site)] : [];
  // A Kubernetes site is scraped by service discovery: its alert pack comes from the cluster.
  if (site.kubernetes) return [...alerts, ...clusterAlerts(site.kubernetes)];
  for (const job of scrapeTargets(site)) {
    if (job.targets.length === 0) continue; // discovered over HTTP: see discoveredAlerts
    const severity = site.prometheus.instanceDownSeverity;
    alerts.push(instanceDownAlert(job.job, job.targets, severity.jobs[job.job] ?? severity.default));
  }
  for (const mount of site.mounts) {
    if (mount.protocol === 'nfs' && hasExporter(mount.host, 'node')) alerts.push(nfsMountAlert(mount));
  }
  for (const host of site.hosts) {
    if (host.gpus.length > 0 && hasExporter(host, 'nvidia-gpu')) alerts.push(gpuUnavailableAlert(host));
    if (hasExporter(host, 'node')) {
      for (const disk of host.disks) alerts.push(diskPressureAlert(host, disk));
    }
  }
  for (const module of Object.values(EXPORTERS)) {
    const hosts = site.hosts.filter((h) => hasExporter(h, module.kind));
    alerts.push(...module.alertPack(hosts, module.kind));
  }
  alerts.push(...discoveredAlerts(site));
  return alerts;
}
