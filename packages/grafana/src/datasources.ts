/**
 * The data sources Kiln provisions, with fixed uids so dashboards, links and the datasource
 * variable can name them without looking anything up.
 */
import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/common';

export const PROMETHEUS_DATASOURCE_UID = 'kiln-prometheus';
export const ALERTMANAGER_DATASOURCE_UID = 'kiln-alertmanager';

/** Name of the datasource template variable every dashboard has. */
export const DATASOURCE_VARIABLE = 'datasource';

/** What every Kiln panel and query variable queries: the Prometheus chosen in `$datasource`. */
export const PROMETHEUS_VIA_VARIABLE: DataSourceRef = { type: 'prometheus', uid: `\${${DATASOURCE_VARIABLE}}` };
