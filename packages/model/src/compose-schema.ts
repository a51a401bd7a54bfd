/**
 * `deploy.compose`: the monitoring stack as a Docker Compose project. Kept apart from schema.ts so
 * the Compose target's part of the language reads (and merges) on its own; schema.ts only wires it
 * into `Deploy`. The primitives are restated here because schema.ts imports this module (an import
 * back would meet them uninitialised).
 */
import { z } from 'zod';
import type { ResolvedEndpoint, ResolvedService } from './resolved.js';

const Name = z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes, starting with a letter');
const AbsolutePath = z.string().regex(/^\//, 'must be an absolute path starting with `/`');

/** The containers Kiln writes, named as in the Compose file. */
export const COMPOSE_COMPONENTS = [
  'prometheus',
  'alertmanager',
  'grafana',
  'node-exporter',
  'nvidia-gpu-exporter',
  'pve-exporter',
  'discovery',
] as const;
export type ComposeComponent = (typeof COMPOSE_COMPONENTS)[number];

/** `[registry[:port]/]name:tag[@sha256:…]` with an explicit tag other than `latest`. */
export const IMAGE_PATTERN =
  /^(?:[a-z0-9.-]+(?::\d+)?\/)?[a-z0-9][a-z0-9._/-]*:(?!latest(?:@|$))[A-Za-z0-9_][A-Za-z0-9._-]{0,127}(?:@sha256:[0-9a-f]{64})?$/;

export const ComposeImage = z
  .string()
  .regex(IMAGE_PATTERN, 'must be an image pinned by an explicit tag other than `latest`, e.g. `prom/prometheus:v2.53.5`')
  .describe('Container image pinned by tag (optionally also by digest).');

export const ComposeResources = z
  .strictObject({
    memory: z
      .string()
      .regex(/^\d+[kmg]$/, 'must be a size such as `512m` or `2g`')
      .optional()
      .describe('Memory limit (`deploy.resources.limits.memory`).'),
    cpus: z.number().positive().optional().describe('CPU limit in cores (`deploy.resources.limits.cpus`).'),
  })
  .describe("Resource limits of one container; unset fields keep Kiln's defaults.");

/** Same rule as `kiln discover proxmox --token-id`. */
export const PROXMOX_TOKEN_ID = /^[^\s:/]+@[A-Za-z][A-Za-z0-9._-]+![A-Za-z][A-Za-z0-9._-]+$/;
const DURATION = /^(0|(?=\d)(\d+y)?(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?(\d+ms)?)$/;

export const ComposeDiscovery = z
  .strictObject({
    service: Name.describe(
      "Service (key of `services`) that is the discovery service — the one scrape jobs name in `httpSd.service`: its host runs the container, its endpoint's bind is where the port is published.",
    ),
    endpoint: Name.optional().describe('Endpoint of that service the discovery service serves on (default: its only endpoint).'),
    api: z
      .string()
      .regex(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?$/, 'must be the Proxmox VE API base URL, e.g. `https://pve1.example.lan:8006`')
      .describe('Proxmox VE API base URL (`--api`); `/api2/json` is added.'),
    tokenId: z
      .string()
      .regex(PROXMOX_TOKEN_ID, 'must be an API token id `USER@REALM!TOKENNAME`, e.g. `prometheus@pve!discovery`')
      .describe('API token id (`--token-id`); give the token the read-only PVEAuditor role.'),
    tokenSecretFile: AbsolutePath.describe(
      'File on the Docker host holding the token secret; mounted as a Compose secret and passed as `--token-secret-file`, never written into the Compose file.',
    ),
    caFile: AbsolutePath.optional().describe(
      "File on the Docker host with the PEM CA of the API's certificate (Proxmox: `/etc/pve/pve-root-ca.pem`); mounted as a Compose secret.",
    ),
    refresh: z
      .string()
      .regex(DURATION, 'must be a Prometheus duration such as `60s`')
      .optional()
      .describe('How long answers are cached between API reads (`--refresh`, default 60s).'),
  })
  .describe('Run `kiln discover proxmox` (the image `packages/discovery/Dockerfile` builds) in the project.');

export const ComposeDeploy = z
  .strictObject({
    discovery: ComposeDiscovery.optional(),
    pveExporter: z
      .strictObject({
        configFile: AbsolutePath.describe(
          "File on the Docker host holding the pve exporter's `pve.yml` (its API token); mounted as a Compose secret at `/etc/prometheus/pve.yml`, never written by Kiln.",
        ),
      })
      .optional()
      .describe('Credentials of the Proxmox VE exporter; required when a Docker host of the stack runs the `pve` exporter.'),
    grafana: z
      .strictObject({
        service: Name.describe(
          "Service (key of `services`) that is Grafana: its host runs the container and its endpoint's bind is where the port is published.",
        ),
        endpoint: Name.optional().describe('Endpoint of that service Grafana serves on (default: its only endpoint).'),
        adminPasswordFile: AbsolutePath.describe(
          'File on the Docker host holding the Grafana admin password; mounted as a Compose secret and read through `GF_SECURITY_ADMIN_PASSWORD__FILE`, never written into the Compose file.',
        ),
      })
      .optional()
      .describe('Run Grafana with the generated provisioning and dashboards (without it the project has no Grafana).'),
    images: z
      .partialRecord(z.enum(COMPOSE_COMPONENTS), ComposeImage)
      .optional()
      .describe("Image per container, replacing Kiln's pinned defaults."),
    resources: z
      .partialRecord(z.enum(COMPOSE_COMPONENTS), ComposeResources)
      .optional()
      .describe("Resource limits per container, replacing Kiln's defaults field by field."),
  })
  .describe('A Docker Compose project per Docker host of the monitoring stack, written under `compose/`.');

export interface ResolvedComposeDeploy {
  grafana?: { service: ResolvedService; endpoint: ResolvedEndpoint; adminPasswordFile: string };
  discovery?: {
    service: ResolvedService;
    endpoint: ResolvedEndpoint;
    api: string;
    tokenId: string;
    tokenSecretFile: string;
    caFile?: string;
    refresh: string;
  };
  pveExporter?: { configFile: string };
  /** The site's image overrides; the Compose target fills in its pinned defaults. */
  images: Partial<Record<ComposeComponent, string>>;
  resources: Partial<Record<ComposeComponent, z.output<typeof ComposeResources>>>;
}
