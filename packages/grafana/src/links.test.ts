import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve as resolveSite } from '@kiln/model';
import pantheon from '@kiln/site-pantheon';
import { describe, expect, test } from 'vitest';
import { generateGrafana } from './generate.js';
import { pantheonLike, planOf, site, withoutGpus } from './test-fixtures/sites.js';

type Json = Record<string, any>;
const RULES = fileURLToPath(new URL('../../../generated/pantheon/prometheus/rules/', import.meta.url));

/** Alert names in the committed Prometheus output of Pantheon (what `kiln build` generated). */
function generatedAlertNames(): string[] {
  const names = readdirSync(RULES)
    .filter((f) => f.endsWith('.yml'))
    .flatMap((f) => [...readFileSync(RULES + f, 'utf8').matchAll(/^\s*- alert: (\S+)$/gm)].map((m) => m[1]!));
  return [...new Set(names)].sort();
}

describe('plan.alertLinks (dashboardLinks)', () => {
  const pantheonSite = resolveSite(pantheon);

  test('the alert catalog names exactly the alerts the Prometheus generator wrote for Pantheon', () => {
    expect(planOf(pantheonSite).catalog.map((a) => a.alert)).toEqual(generatedAlertNames());
  });

  test('every Pantheon alert links to a panel that exists, with the variables of its labels', () => {
    const links = planOf(pantheonSite).alertLinks;
    const byUid = new Map(
      generateGrafana(planOf(pantheonSite))
        .filter((a) => a.path.startsWith('grafana/dashboards/'))
        .map((a) => [(a.value as Json).uid as string, a.value as Json]),
    );
    expect([...links.keys()].sort()).toEqual(generatedAlertNames());
    for (const [alert, link] of links) {
      const panel = (byUid.get(link.dashboardUid)?.panels as Json[] | undefined)?.find((p) => p.id === link.panelId);
      expect(panel?.title, alert).toBe(link.panelTitle);
      expect(link.path).toMatch(new RegExp(`^/d/${link.dashboardUid}/[a-z0-9-]+\\?viewPanel=${link.panelId}$`));
    }
    expect(links.get('NfsMountUnavailable')).toMatchObject({
      dashboardUid: 'pantheon-storage',
      panelTitle: 'Mount health',
      annotationTemplate: expect.stringMatching(
        /^\/d\/pantheon-storage\/pantheon-storage-and-nfs-mounts\?viewPanel=\d+&var-host=\{\{ \$labels\.host \}\}&var-mount=\{\{ \$labels\.mountpoint \}\}$/,
      ),
    });
    expect(links.get('GpuUnavailable')).toMatchObject({ dashboardUid: 'pantheon-gpu', panelTitle: 'GPUs visible', vars: { host: 'host' } });
    expect(links.get('InstanceDown')).toMatchObject({
      dashboardUid: 'pantheon-overview',
      panelTitle: 'Scrape targets',
      vars: { job: 'job' },
    });
    expect(links.get('Watchdog')).toMatchObject({ dashboardUid: 'pantheon-alerts', panelTitle: 'Watchdog' });
  });

  test("a site's own alert links to the alerts table, filtered to it", () => {
    const input = {
      ...pantheonLike(),
      alerts: {
        JellyfinDown: {
          expr: 'up{job="jellyfin"} == 0',
          severity: 'warning' as const,
          summary: 'Jellyfin is down',
          description: 'It is down.',
        },
      },
    };
    const link = planOf(site(input)).alertLinks.get('JellyfinDown');
    expect(link).toMatchObject({ dashboardUid: 'pantheon-alerts', panelTitle: 'Firing and pending alerts' });
    // Literal: Prometheus expands annotation templates before it adds `alertname` to the labels.
    expect(link?.annotationTemplate).toMatch(/&var-alertname=JellyfinDown$/);
    expect(link?.annotationTemplate).not.toContain('$labels.alertname');
  });

  test('a site without GPUs has no GPU alerts and no links to a GPU dashboard', () => {
    const links = planOf(site(withoutGpus())).alertLinks;
    expect([...links.values()].some((l) => l.dashboardUid === 'pantheon-gpu')).toBe(false);
    expect(links.has('GpuUnavailable')).toBe(false);
  });
});
