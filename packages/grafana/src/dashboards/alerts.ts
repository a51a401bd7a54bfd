import { SEVERITIES, type ResolvedSite } from '@kiln/model';
import type { CatalogAlert, KilnDashboard } from '@kiln/plan';
import { standardTitle } from '../catalog.js';
import { composeDashboard } from '../compose.js';
import type { PanelSpec, Section } from '../panel.js';
import { mdCell, mdTable, statPanel, stateTimelinePanel, tablePanel, textPanel, timeseriesPanel } from '../presets.js';
import { sel } from '../query.js';
import { linkTo, locateSignals } from '../signals.js';
import { inventoryVariable } from '../variables.js';
import { firingBySeverity } from './alert-panels.js';
import type { DashboardContext } from './index.js';

/** Title of the panel alerts without a dashboard of their own link to. */
export const ALERT_TABLE_TITLE = 'Firing and pending alerts';

const table = (which: Record<string, string>) =>
  tablePanel({
    title: ALERT_TABLE_TITLE,
    sortBy: 'severity',
    hideColumns: ['__name__', 'Value'],
    queries: [{ expr: sel('ALERTS', which), instant: true, format: 'table' }],
  });

function nowSection(): Section {
  const which = { 'alertname~': '$alertname', 'severity~': '$severity', 'alertname!': 'Watchdog' };
  return {
    title: 'Now',
    panels: [
      ...firingBySeverity(),
      statPanel({
        title: 'Pending',
        width: 4,
        thresholds: [{ value: 1, color: 'yellow' }],
        queries: [{ expr: `count(${sel('ALERTS', { alertstate: 'pending' })}) or vector(0)`, legend: 'pending', instant: true }],
      }),
      statPanel({
        title: 'Watchdog',
        description: 'Always firing while Prometheus evaluates rules; 0 means the alerting pipeline is broken.',
        width: 4,
        baseColor: 'red',
        thresholds: [{ value: 1, color: 'green' }],
        signals: [{ alert: 'Watchdog' }],
        queries: [
          {
            expr: `count(${sel('ALERTS', { alertname: 'Watchdog', alertstate: 'firing' })}) or vector(0)`,
            legend: 'Watchdog',
            instant: true,
          },
        ],
      }),
      statPanel({
        title: 'Failed notifications (1h)',
        width: 4,
        thresholds: [{ value: 1, color: 'red' }],
        queries: [
          {
            expr: `sum(increase(${sel('alertmanager_notifications_failed_total', { job: 'alertmanager' })}[1h])) or vector(0)`,
            legend: 'failed',
            instant: true,
          },
        ],
      }),
      table(which),
      stateTimelinePanel({
        title: 'Firing over time',
        baseColor: 'transparent',
        thresholds: [{ value: 1, color: 'red' }],
        queries: [{ expr: `count by (alertname) (${sel('ALERTS', { ...which, alertstate: 'firing' })})`, legend: '{{alertname}}' }],
      }),
    ],
  };
}

function evaluationSection(): Section {
  const prometheus = { job: 'prometheus' };
  const alertmanager = { job: 'alertmanager' };
  return {
    title: 'Rule evaluation and notifications',
    panels: [
      timeseriesPanel({
        title: 'Rule evaluation failures',
        queries: [
          {
            expr: `sum by (rule_group) (increase(${sel('prometheus_rule_evaluation_failures_total', prometheus)}[$__rate_interval]))`,
            legend: '{{rule_group}}',
          },
        ],
      }),
      timeseriesPanel({
        title: 'Rule group evaluation time',
        unit: 's',
        queries: [{ expr: sel('prometheus_rule_group_last_duration_seconds', prometheus), legend: '{{rule_group}}' }],
      }),
      timeseriesPanel({
        title: 'Notifications sent',
        unit: 'ops',
        queries: [
          {
            expr: `sum by (integration) (rate(${sel('alertmanager_notifications_total', alertmanager)}[$__rate_interval]))`,
            legend: '{{integration}}',
          },
        ],
      }),
      timeseriesPanel({
        title: 'Notifications failed',
        unit: 'ops',
        queries: [
          {
            expr: `sum by (integration) (rate(${sel('alertmanager_notifications_failed_total', alertmanager)}[$__rate_interval]))`,
            legend: '{{integration}}',
          },
        ],
      }),
    ],
  };
}

/** Every alert of the site with a link to the panel that shows its signal (or to the alerts table). */
function rulesCatalog(site: ResolvedSite, context: DashboardContext, own: KilnDashboard): PanelSpec {
  const shownOn = locateSignals([...context.built, own]);
  const tableId = own.model.panels?.find((p) => p.title === ALERT_TABLE_TITLE)?.id;
  const md = (text: string, path: string) => `[${mdCell(text)}](${path})`;
  const rows = context.catalog.map((a) => {
    const link = shownOn.get(a.alert);
    const signal = link
      ? md(link.panelTitle, link.path)
      : tableId !== undefined
        ? md(ALERT_TABLE_TITLE, `${linkTo(own, tableId, ALERT_TABLE_TITLE).path}&var-alertname=${encodeURIComponent(a.alert)}`)
        : '';
    return [
      a.alert,
      a.severities.join(', '),
      a.source === 'site' ? 'site definition' : 'inventory',
      signal,
      md('runbook', site.runbookUrl.replace('{alertname}', a.alert)),
    ];
  });
  return textPanel({
    title: 'Alert rules',
    height: Math.min(4 + rows.length, 16),
    markdown: `Every rule Kiln generates for ${site.name}, and the panel that shows its signal.\n\n${mdTable(['Alert', 'Severity', 'From', 'Signal', 'Runbook'], rows, [3, 4])}`,
  });
}

/** Alert rules of the site and their state, rule evaluation health and notifications. */
export function alertsDashboard(site: ResolvedSite, context: DashboardContext): KilnDashboard {
  const definition = {
    id: 'alerts',
    title: standardTitle(site, 'alerts'),
    description: `Alerts of ${site.name}: what fires now, history, rule evaluation and notification delivery.`,
    variables: [
      inventoryVariable({ name: 'alertname', label: 'Alert', values: context.catalog.map((a: CatalogAlert) => a.alert), multi: true }),
      inventoryVariable({ name: 'severity', label: 'Severity', values: [...SEVERITIES], multi: true }),
    ],
  };
  const now = nowSection();
  // The "Now" section comes first, so its panel ids are the same with or without what follows.
  const own = composeDashboard(site, { ...definition, sections: [now] });
  return composeDashboard(site, {
    ...definition,
    sections: [now, { title: 'Rules', panels: [rulesCatalog(site, context, own)] }, evaluationSection()],
  });
}
