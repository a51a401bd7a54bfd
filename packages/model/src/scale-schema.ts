/**
 * Past one machine: Prometheus replicas and shards, remote write to a long-term store, federation
 * jobs, and the Alertmanager gossip cluster. Kept apart from schema.ts so this part of the language
 * reads (and merges) on its own; schema.ts only wires the fields into `prometheus` and
 * `alertmanager`. The primitives are restated here because schema.ts imports this module (an
 * import back would meet them uninitialised).
 */
import { z } from 'zod';

const Name = z
  .string()
  .max(63)
  .regex(/^[a-z]([a-z0-9-]*[a-z0-9])?$/, 'must be lower-case letters, digits and dashes, starting with a letter, e.g. `victoria`');
const Port = z.number().int().min(1).max(65535);
const Duration = z
  .string()
  .regex(
    /^(?=\d)(\d+y)?(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?(\d+ms)?$/,
    'must be a Prometheus duration such as `30s` or `5m`: each unit once, largest first',
  );
const FilePath = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^[^\0\r\n]+$/, 'must be a file path on one line');
const HostPort = z
  .string()
  .max(260)
  .regex(
    /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\]):\d{1,5}$/,
    'must be `host:port`, e.g. `prom-eu.example.org:9090`',
  );
/** A URL Kiln writes into prometheus.yml: http(s), and no `user:password@` (credentials go in files). */
const StoreUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL, e.g. `http://10.0.10.30:8428/api/v1/write`' })
  .max(2048)
  .refine((u) => !/^[a-z]+:\/\/[^/?#@]*@/i.test(u), {
    error:
      'carries credentials (`user:password@`) that would be written into prometheus.yml; use `basicAuth.passwordFile` or `bearerTokenFile`',
  });
/** Any Prometheus label name, `__`-prefixed ones included (Mimir's HA tracker reads `__replica__`). */
const AnyLabelName = z
  .string()
  .max(128)
  .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'must be a Prometheus label name (letters, digits, `_`; not starting with a digit), e.g. `replica`');

/** Where one Prometheus or Alertmanager instance runs, besides the one `host` names. */
export const Placement = z.strictObject({
  host: Name.describe('Host (key of `hosts`) the instance runs on.'),
  bind: z
    .string()
    .max(63)
    .optional()
    .describe("Interface name or `loopback` (default the host's first servers-zone interface), like every other listener."),
  port: Port.optional().describe('Port of its web listener (default the same port as the first instance).'),
});

export const PrometheusReplicas = z
  .strictObject({
    label: AnyLabelName.optional().describe(
      'External label whose value (`0`, `1`, …) tells the replicas apart, e.g. `replica`: Thanos Query deduplicates on it (`--query.replica-label`), Mimir’s HA tracker reads `__replica__`. Kiln drops it from the alerts the replicas send (one notification, not two) and from what they write to VictoriaMetrics (whose deduplication needs identical series).',
    ),
    peers: z
      .array(Placement)
      .min(1, 'list at least one other replica (the first one runs on `prometheus.host`)')
      .describe('The other replicas, each scraping the same targets with the same configuration (the first runs on `prometheus.host`).'),
  })
  .describe('High availability: identical Prometheus servers scraping the same targets, deduplicated by the store or at query time.');

const BasicAuth = z.strictObject({
  username: z.string().min(1).max(256),
  passwordFile: FilePath.describe('File holding the password (never inline).'),
});
const Tls = z.strictObject({
  caFile: FilePath.optional(),
  certFile: FilePath.optional(),
  keyFile: FilePath.optional(),
  serverName: z.string().max(253).optional(),
});

/** Prometheus' `queue_config` of a remote write target (upstream names in the descriptions). */
export const RemoteWriteQueue = z
  .strictObject({
    capacity: z.number().int().positive().optional().describe('`capacity`: samples buffered per shard.'),
    minShards: z.number().int().positive().optional().describe('`min_shards`.'),
    maxShards: z.number().int().positive().optional().describe('`max_shards`: upper bound of parallel senders.'),
    maxSamplesPerSend: z.number().int().positive().optional().describe('`max_samples_per_send`: batch size.'),
    batchSendDeadline: Duration.optional().describe('`batch_send_deadline`: longest wait before a partial batch is sent.'),
    minBackoff: Duration.optional().describe('`min_backoff`: first retry delay.'),
    maxBackoff: Duration.optional().describe('`max_backoff`: longest retry delay.'),
  })
  .describe('Queue settings of the remote write target (`queue_config`); unset fields keep Prometheus’ defaults.');

const remoteWriteCommon = {
  url: StoreUrl.describe(
    'The write endpoint, e.g. `http://vm:8428/api/v1/write`, `http://receive:19291/api/v1/receive`, `http://mimir:9009/api/v1/push`.',
  ),
  basicAuth: BasicAuth.optional().describe('HTTP basic auth, the password read from a file.'),
  bearerTokenFile: FilePath.optional().describe('File holding a bearer token sent as `Authorization: Bearer` (never inline).'),
  tls: Tls.optional().describe('TLS settings for an https:// URL.'),
  remoteTimeout: Duration.optional().describe('`remote_timeout` of each request (Prometheus default 30s).'),
  queue: RemoteWriteQueue.optional(),
  queryUrl: StoreUrl.optional().describe(
    'Prometheus-compatible query API of the store (deduplicated). Grafana’s data source queries it: default the write URL’s origin for VictoriaMetrics, `<origin>/prometheus` for Mimir; Thanos Receive serves no queries (give Thanos Query’s URL).',
  ),
};

export const VictoriaMetricsTarget = z
  .strictObject({
    engine: z.literal('victoriametrics'),
    ...remoteWriteCommon,
    ruler: Placement.partial({ host: true })
      .optional()
      .describe(
        'Where vmalert runs, evaluating the rules that need series of several shards against VictoriaMetrics (default: `prometheus.host`, port 8880).',
      ),
  })
  .describe('VictoriaMetrics (single node or vminsert): `/api/v1/write`; replicas deduplicated by `-dedup.minScrapeInterval`.');

export const ThanosReceiveTarget = z
  .strictObject({
    engine: z.literal('thanos'),
    ...remoteWriteCommon,
    tenant: z.string().min(1).max(256).optional().describe('Tenant sent in the `THANOS-TENANT` header (Thanos Receive’s default header).'),
  })
  .describe('Thanos Receive: `/api/v1/receive`; replicas keep their label and Thanos Query deduplicates at query time.');

export const MimirTarget = z
  .strictObject({
    engine: z.literal('mimir'),
    ...remoteWriteCommon,
    tenant: z.string().min(1).max(150).describe('Tenant id sent as `X-Scope-OrgID` (with multi-tenancy off Mimir uses `anonymous`).'),
    haReplicaLabel: AnyLabelName.optional().describe(
      'Mimir’s `-distributor.ha-tracker.replica` (default `__replica__`): the replicas’ `label` must be this.',
    ),
    haClusterLabel: AnyLabelName.optional().describe(
      'Mimir’s `-distributor.ha-tracker.cluster` (default `cluster`): an external label every replica must carry.',
    ),
  })
  .describe('Grafana Mimir: `/api/v1/push` with the tenant header; replicas deduplicated by the distributor’s HA tracker.');

export const RemoteWriteTarget = z
  .discriminatedUnion('engine', [VictoriaMetricsTarget, ThanosReceiveTarget, MimirTarget])
  .describe('A long-term store Prometheus writes every sample to (`remote_write`), typed per engine.');

export const FederationJob = z
  .strictObject({
    targets: z.array(HostPort).min(1).describe('The Prometheus servers to federate from, `host:port`.'),
    match: z
      .array(z.string().min(1).max(4096))
      .min(1)
      .describe('Series selectors (`match[]`), e.g. `{__name__=~"job:.*"}`: only what matches is pulled.'),
    scheme: z.enum(['http', 'https']).optional(),
    interval: Duration.optional().describe('Scrape interval of the job (default the global one).'),
    timeout: Duration.optional(),
    basicAuth: BasicAuth.optional(),
    bearerTokenFile: FilePath.optional(),
    tls: Tls.optional(),
  })
  .describe('A federation job: scrapes `/federate` of other Prometheus servers with `match[]`, keeping their labels (`honor_labels`).');

/** The fields schema.ts adds to `prometheus`. */
export const prometheusScaleFields = {
  replicas: PrometheusReplicas.optional(),
  shards: z
    .number()
    .int()
    .min(2, 'a single shard is no sharding: remove `shards`')
    .max(64)
    .optional()
    .describe(
      'Split the targets over this many Prometheus servers by `hashmod` of `__address__`; shard N listens on `port + N` of each replica’s host. Each shard evaluates the rule files whose every rule reads only its own targets; the others go to the store’s ruler (vmalert).',
    ),
  remoteWrite: z
    .record(Name, RemoteWriteTarget)
    .optional()
    .describe('Long-term stores every Prometheus instance writes to, keyed by name.'),
  federation: z.record(Name, FederationJob).optional().describe('Federation scrape jobs, keyed by job name.'),
};

export const AlertmanagerMember = z.strictObject({
  ...Placement.shape,
  clusterPort: Port.optional().describe('Gossip port (`--cluster.listen-address`, default 9094), on the same address as the web listener.'),
  peers: z
    .array(Name)
    .optional()
    .describe(
      'Members (keys of `cluster.members`, or the first member’s name) this one joins with `--cluster.peer` (default every other member).',
    ),
});

export const AlertmanagerCluster = z
  .strictObject({
    name: Name.optional().describe('Member name of the Alertmanager at `alertmanager.host` (default its host name).'),
    clusterPort: Port.optional().describe('Gossip port of that member (default 9094).'),
    peers: z.array(Name).optional().describe('Members it joins (default every other member).'),
    members: z.record(Name, AlertmanagerMember).describe('The other members, keyed by name.'),
  })
  .describe(
    'A gossip cluster of Alertmanagers sharing silences and notification state: every Prometheus sends to every member and one notification goes out.',
  );

/** The field schema.ts adds to `alertmanager`. */
export const alertmanagerScaleFields = { cluster: AlertmanagerCluster.optional() };
