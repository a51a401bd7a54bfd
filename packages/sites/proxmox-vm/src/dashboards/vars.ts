/** Variables and selectors the four dashboards share. VM variables come from the discovery labels. */
import { inventoryVariable, labelValuesVariable } from '@kiln/grafana';
import type { ResolvedSite } from '@kiln/model';

type Variable = ReturnType<typeof inventoryVariable>;

/** The Proxmox nodes: hosts whose node exporter series carry a `node` label (see the site). */
export const proxmoxNodes = (site: ResolvedSite) => site.hosts.filter((h) => h.labels['node'] !== undefined).map((h) => h.labels['node']!);

export const nodeVariable = (site: ResolvedSite, multi: boolean): Variable =>
  inventoryVariable({
    name: 'node',
    label: 'Proxmox node',
    values: proxmoxNodes(site),
    multi,
    description: 'Proxmox VE nodes of the inventory',
  });

/** VMs discovered on the selected nodes (`vm_name` of `kiln discover proxmox`). */
export const vmVariable = (multi: boolean): Variable =>
  labelValuesVariable({ name: 'vm', label: 'VM', selector: 'up{job="windows",node=~"$node"}', labelName: 'vm_name', multi });

export const diskTypeVariable = (): Variable =>
  labelValuesVariable({
    name: 'disk_type',
    label: 'Disk bus',
    selector: 'up{job="windows",node=~"$node"}',
    labelName: 'disk_type',
    multi: true,
  });

/** The discovered Windows VMs the variables select. */
export const VMS = { job: 'windows', 'node~': '$node', 'vm_name~': '$vm' };
