import type { ResolvedSite } from '@kiln/model';
import { standardTitle } from '../catalog.js';
import type { KilnDashboard } from '@kiln/plan';
import { composeDashboard } from '../compose.js';
import { textPanel } from '../presets.js';
import { sel } from '../query.js';
import { inventoryVariable, labelValuesVariable } from '../variables.js';
import { exporterSections } from './exporter-sections.js';

/** GPUs of the hosts that have them; undefined when the inventory lists no GPU. */
export function gpuDashboard(site: ResolvedSite): KilnDashboard | undefined {
  const gpuHosts = site.hosts.filter((h) => h.gpus.length > 0);
  if (gpuHosts.length === 0) return undefined;
  const sections = exporterSections(site, 'gpu', (h) => h.gpus.length > 0);
  if (sections.length === 0) {
    sections.push({
      panels: [
        textPanel({
          title: 'No GPU exporter',
          height: 3,
          markdown: `The inventory lists GPUs on ${gpuHosts.map((h) => `\`${h.name}\``).join(', ')}, but none of these hosts runs a GPU exporter (e.g. \`nvidia-gpu\`).`,
        }),
      ],
    });
  }
  return composeDashboard(site, {
    id: 'gpu',
    title: standardTitle(site, 'gpu'),
    description: `GPUs of ${site.name}: visibility against the inventory, utilization, temperature, memory, power.`,
    variables: [
      inventoryVariable({ name: 'host', label: 'Host', values: gpuHosts.map((h) => h.name), multi: true }),
      labelValuesVariable({ name: 'gpu', label: 'GPU', selector: sel(gpuListMetric(site), { 'host~': '$host' }), labelName: 'uuid' }),
    ],
    sections,
  });
}

/** A series with one sample per GPU and its `uuid`: the NVML exporter has no info metric, so its utilization. */
function gpuListMetric(site: ResolvedSite): string {
  const kinds = new Set(site.hosts.flatMap((h) => h.exporters.map((e) => e.kind)));
  return kinds.has('nvidia-gpu-nvml') && !kinds.has('nvidia-gpu') ? 'nvidia_gpu_duty_cycle' : 'nvidia_smi_gpu_info';
}
