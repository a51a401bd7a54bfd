/**
 * HTTP service discovery for scrape jobs (Prometheus `http_sd_configs`), e.g. the VMs that
 * `kiln discover proxmox` reports. The discovery service is a service of the site, so its address
 * comes from the inventory and a typo in its name is a resolve error.
 */
import { z } from 'zod';

const Duration = z
  .string()
  .regex(/^(0|(?=\d)(\d+y)?(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?(\d+ms)?)$/, 'must be a Prometheus duration such as `60s`');

export const HttpSd = z
  .strictObject({
    service: z.string().describe('Service (key of `services`) that serves the target lists, e.g. `discovery`.'),
    endpoint: z.string().optional().describe('Endpoint of that service (default: its only endpoint).'),
    path: z.string().regex(/^\//, 'must start with `/`').describe('Path of the target list, e.g. `/targets/windows`.'),
    scheme: z.enum(['http', 'https']).optional().describe('Protocol of the discovery service (default http).'),
    refreshInterval: Duration.optional().describe("How often Prometheus asks (default `60s`; make it the service's own refresh interval)."),
  })
  .describe('HTTP service discovery: Prometheus reads the targets and their labels from a URL.');

/** Exporters a discovered job can declare it scrapes, so their catalog and alert pack apply. */
export const DISCOVERED_EXPORTERS = ['windows', 'node'] as const;
