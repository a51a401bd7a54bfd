import type { ResolvedHost, ResolvedSite } from '@kiln/model';
import type { StandardDashboardId } from '../catalog.js';
import type { PanelSpec } from '../panel.js';

export interface ExporterPanelContext {
  site: ResolvedSite;
  /** The scrape job of the exporter (Kiln names it after the exporter kind). */
  job: string;
  /**
   * Hosts running the exporter that the dashboard is about: every such host for `overview` and
   * `node`, those with GPUs for `gpu`, those with mounts for `storage`.
   */
  hosts: ResolvedHost[];
}

/**
 * The panels an exporter contributes to each standard dashboard (the `alerts` dashboard reads only
 * Prometheus and Alertmanager, so it takes none). Dashboards query every exporter of the site for
 * their section; a new exporter adds panels here without touching the dashboards.
 *
 * Conventions: `$host` is the host variable of every dashboard (single value on `node`, so match it
 * with `=`; several elsewhere, so match with `=~`); `storage` also has `$mount` and `gpu` `$gpu`.
 */
export interface ExporterPanels {
  /** Section title, usually the exporter's name. */
  title: string;
  sections: Partial<Record<Exclude<StandardDashboardId, 'alerts'>, (ctx: ExporterPanelContext) => PanelSpec[]>>;
}
