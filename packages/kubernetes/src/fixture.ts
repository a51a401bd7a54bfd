/** The HolmOS build as the pipeline runs it, for the tests of this package. */
import { generateAlertmanager } from '@kiln/alertmanager';
import { generateGrafana, planDashboards } from '@kiln/grafana';
import { resolve, type ResolvedSite, type SiteInput } from '@kiln/model';
import { planAlerts, type Plan } from '@kiln/plan';
import { generatePrometheus } from '@kiln/prometheus';
import { site as holmos, victoriaMetricsVariant } from '@kiln/site-holmos';
import { generateKubernetes } from './generate.js';

export function planOf(site: ResolvedSite): Plan {
  const alerts = planAlerts(site);
  return { site, ...alerts, ...planDashboards(site, alerts.catalog) };
}

export function build(input: SiteInput = holmos) {
  const plan = planOf(resolve(input));
  const received = { prometheus: generatePrometheus(plan), alertmanager: generateAlertmanager(plan), grafana: generateGrafana(plan) };
  return { plan, received, artifacts: generateKubernetes(plan, received) };
}

export { holmos, victoriaMetricsVariant };
export { site as portkey } from '@kiln/site-portkey';
