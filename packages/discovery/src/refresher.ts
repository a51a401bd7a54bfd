/**
 * Keeps the last good discovery answer and refreshes it from Proxmox every `refreshMs` in the
 * background, so HTTP SD requests never wait for Proxmox and never reach it more often than the
 * refresh interval. When a refresh fails the previous answer stays (empty before the first
 * success) and the next attempt comes after `min(refreshMs, retryMs)`.
 */
import { discoverVms, SKIP_REASONS, type DiscoverOptions, type Discovery, type SkipReason, type SkippedVm } from './discover.js';
import type { DiscoveryMetrics } from './discovery-metrics.js';
import { JOB_NAMES } from './labels.js';
import type { Logger } from './log.js';
import type { ProxmoxClient } from './proxmox-client.js';

export const DEFAULT_RETRY_MS = 10_000;

/** Skips that are normal in any cluster: counted in the metrics, not logged. */
const QUIET_REASONS = new Set<SkipReason>(['not_qemu', 'template', 'not_running']);

export interface RefresherOptions extends DiscoverOptions {
  client: ProxmoxClient;
  refreshMs: number;
  retryMs?: number;
  metrics: DiscoveryMetrics;
  log: Logger;
  now?: () => number;
}

export interface RefreshState {
  discovery: Discovery;
  /** ms since the epoch; undefined before the first success. */
  lastSuccess?: number;
  /** Message of the last refresh's error; undefined when it succeeded. */
  lastError?: string;
}

const EMPTY: Discovery = { groups: Object.fromEntries(JOB_NAMES.map((job) => [job, []])) as unknown as Discovery['groups'], skipped: [] };

export class Refresher {
  private state: RefreshState = { discovery: EMPTY };
  private inFlight?: Promise<boolean>;
  private timer?: NodeJS.Timeout;
  private stopped = true;
  private loggedSkips = new Set<string>();

  constructor(private readonly options: RefresherOptions) {}

  get current(): RefreshState {
    return this.state;
  }

  /** Refreshes now, then keeps refreshing until `stop()`. */
  start(): void {
    this.stopped = false;
    void this.tick();
  }

  /** Stops the loop; resolves when a refresh in flight has settled (abort it with the client's `close()`). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.inFlight;
  }

  /** One refresh; concurrent callers share it. Resolves to whether it succeeded; never rejects. */
  refresh(): Promise<boolean> {
    this.inFlight ??= this.runRefresh().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async tick(): Promise<void> {
    const ok = await this.refresh();
    if (this.stopped) return;
    const delay = ok ? this.options.refreshMs : Math.min(this.options.refreshMs, this.options.retryMs ?? DEFAULT_RETRY_MS);
    this.timer = setTimeout(() => void this.tick(), delay);
    this.timer.unref();
  }

  private async runRefresh(): Promise<boolean> {
    const { metrics, log } = this.options;
    const now = this.options.now ?? Date.now;
    const started = performance.now();
    try {
      const discovery = await discoverVms(this.options.client, this.options);
      const recovered = this.state.lastError !== undefined;
      this.state = { discovery, lastSuccess: now() };
      metrics.refreshes.inc({ result: 'success' });
      metrics.lastSuccess.set(Math.floor(now() / 1000));
      metrics.lastRefreshSuccess.set(1);
      for (const job of JOB_NAMES) metrics.targets.set(discovery.groups[job].length, { job });
      for (const reason of SKIP_REASONS) metrics.vmsSkipped.set(discovery.skipped.filter((s) => s.reason === reason).length, { reason });
      if (recovered) log('info', 'Proxmox API reachable again; targets refreshed');
      this.logNewSkips(discovery.skipped);
      return true;
    } catch (err) {
      if (this.stopped) return false; // requests aborted by shutdown: not a Proxmox failure
      const message = err instanceof Error ? err.message : String(err);
      if (message !== this.state.lastError) {
        log('warn', 'refresh from the Proxmox API failed; serving the last good targets', {
          err: message,
          last_success: this.state.lastSuccess ? new Date(this.state.lastSuccess).toISOString() : 'never',
        });
      }
      this.state = { ...this.state, lastError: message };
      metrics.refreshes.inc({ result: 'failure' });
      metrics.lastRefreshSuccess.set(0);
      return false;
    } finally {
      metrics.refreshDuration.observe((performance.now() - started) / 1000);
    }
  }

  /** Logs a skipped VM when it is first skipped for that reason, not on every refresh. */
  private logNewSkips(skipped: SkippedVm[]): void {
    const keys = new Set<string>();
    for (const vm of skipped) {
      const key = `${vm.vmid}/${vm.reason}`;
      keys.add(key);
      if (this.loggedSkips.has(key) || QUIET_REASONS.has(vm.reason)) continue;
      this.options.log('info', 'VM has no target', {
        vmid: vm.vmid,
        name: vm.name,
        reason: vm.reason,
        ...(vm.detail ? { detail: vm.detail } : {}),
      });
    }
    this.loggedSkips = keys;
  }
}
