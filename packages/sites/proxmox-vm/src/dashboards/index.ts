/** The site's own dashboards (seed 002), after Kiln's standard ones. */
import { clusterOverview } from './cluster-overview.js';
import { hostGuestCorrelation } from './host-guest.js';
import { vmComparison } from './vm-comparison.js';
import { vmDetail } from './vm-detail.js';

export const dashboards = [clusterOverview, vmComparison, vmDetail, hostGuestCorrelation];
