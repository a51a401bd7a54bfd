/** Resolved form of replicas, shards, remote write, federation and the Alertmanager cluster (see scale-resolve.ts). */
import type { Bind, ResolvedHost, ResolvedTls } from './resolved.js';

/** One Prometheus server: shard `shard` of replica `replica` (both 0 when there are none). */
export interface ResolvedPrometheusInstance {
  /** `shard-1-replica-0`, `replica-1`, `shard-1`; `primary` for shard 0 of replica 0 (`prometheus.host`). */
  id: string;
  shard: number;
  replica: number;
  host: ResolvedHost;
  port: number;
  bind: Bind;
  /** `address:port` others reach it at. */
  address: string;
  /** The site's external labels plus the replica label, when there is one. */
  externalLabels: Record<string, string>;
}

export interface ResolvedRemoteWrite {
  name: string;
  engine: 'victoriametrics' | 'thanos' | 'mimir';
  url: string;
  basicAuth?: { username: string; passwordFile: string };
  bearerTokenFile?: string;
  tls?: ResolvedTls;
  remoteTimeout?: string;
  queue: {
    capacity?: number;
    minShards?: number;
    maxShards?: number;
    maxSamplesPerSend?: number;
    batchSendDeadline?: string;
    minBackoff?: string;
    maxBackoff?: string;
  };
  /** Headers the engine needs (`X-Scope-OrgID`, `THANOS-TENANT`), sorted by name. */
  headers: Record<string, string>;
  /** Labels dropped before writing (the replica label, for VictoriaMetrics' deduplication). */
  dropLabels: string[];
  /** Prometheus-compatible query API of the store, when it has one. */
  queryUrl?: string;
  /** VictoriaMetrics: where vmalert runs when rules need several shards' series. */
  ruler?: { host: ResolvedHost; port: number; bind: Bind; address: string };
}

export interface ResolvedFederationJob {
  name: string;
  targets: string[];
  match: string[];
  scheme: 'http' | 'https';
  interval?: string;
  timeout?: string;
  basicAuth?: { username: string; passwordFile: string };
  bearerTokenFile?: string;
  tls?: ResolvedTls;
}

export interface ResolvedAlertmanagerMember {
  name: string;
  host: ResolvedHost;
  port: number;
  bind: Bind;
  /** `address:port` of its web listener (what Prometheus sends to). */
  address: string;
  clusterPort: number;
  /** `address:port` of its gossip listener (what peers join). */
  clusterAddress: string;
  /** Members it joins, as declared (default every other member), sorted. */
  peers: string[];
  /** Whether `peers` was written by the author (false: every other member). */
  peersDeclared: boolean;
}

export interface ResolvedScaleOut {
  /** Every Prometheus server, shard by shard, replica by replica; `instances[0]` is `prometheus.host`. */
  instances: ResolvedPrometheusInstance[];
  shards: number;
  replicas: number;
  replicaLabel?: string;
  remoteWrite: ResolvedRemoteWrite[];
  federation: ResolvedFederationJob[];
  /** The Alertmanager gossip cluster; members[0] is `alertmanager.host`. */
  alertmanagers?: ResolvedAlertmanagerMember[];
}
