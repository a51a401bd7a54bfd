/**
 * One discovery pass: list the cluster's VMs, read each running VM's config and guest-agent
 * addresses (at most `concurrency` requests at a time), and turn them into Prometheus HTTP SD target
 * groups per job, ordered by VM id. VMs that cannot be scraped are counted by reason.
 */
import { JOB_NAMES, agentEnabled, jobForOstype, pickIpv4, vmLabels, type Job, type VmLabels } from './labels.js';
import { mapLimited } from './limit.js';
import { ProxmoxError, type ProxmoxClient } from './proxmox-client.js';
import type { ClusterVmResource } from './proxmox-types.js';

/** Why a VM has no target. Every reason is always reported (as 0 when none), so dashboards see the whole set. */
export const SKIP_REASONS = [
  'not_qemu', // LXC containers: no QEMU guest agent to ask for addresses
  'template',
  'not_running',
  'permission_denied', // 403 on the VM's config or agent: the token lacks VM.Audit or the guest-agent privilege
  'config_error', // the VM's config could not be read (other HTTP error for that VM)
  'unsupported_ostype', // ostype is neither Windows nor Linux (solaris, other, unset)
  'agent_disabled', // `agent` is not enabled in the VM's config
  'agent_unavailable', // enabled, but the agent did not answer (e.g. "QEMU guest agent is not running")
  'no_ipv4', // the agent reports no IPv4 address other than loopback / link-local
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** One Prometheus HTTP SD target group: `{"targets": [...], "labels": {...}}`. */
export interface TargetGroup {
  targets: string[];
  labels: VmLabels;
}

export interface SkippedVm {
  vmid: number;
  name: string;
  reason: SkipReason;
  detail?: string;
}

export interface Discovery {
  groups: Record<Job, TargetGroup[]>;
  skipped: SkippedVm[];
}

export interface DiscoverOptions {
  /** Exporter port per job. */
  ports: Record<Job, number>;
  /** Most API requests in flight at once. */
  concurrency: number;
  /** Keep 127/8 guest addresses (single-machine tests only). */
  includeLoopback?: boolean;
}

type Outcome = { job: Job; group: TargetGroup } | SkippedVm;

/**
 * Throws a ProxmoxError when Proxmox cannot be used at all (the cluster listing failed; the token
 * was refused; a network error; a config read timed out): the caller keeps its previous answer
 * then. An HTTP error about one VM (403, 500, …) or a slow guest agent only skips that VM.
 */
export async function discoverVms(client: ProxmoxClient, options: DiscoverOptions): Promise<Discovery> {
  const vms = [...(await client.clusterVms())].sort((a, b) => a.vmid - b.vmid);
  const outcomes = await mapLimited(vms, options.concurrency, (vm) => discoverVm(client, vm, options));
  const groups = Object.fromEntries(JOB_NAMES.map((job) => [job, [] as TargetGroup[]])) as Record<Job, TargetGroup[]>;
  const skipped: SkippedVm[] = [];
  for (const outcome of outcomes) {
    if ('reason' in outcome) skipped.push(outcome);
    else groups[outcome.job].push(outcome.group);
  }
  return { groups, skipped };
}

/** Errors that say "Proxmox is unusable right now", as opposed to "this VM has a problem". */
function isFatal(err: unknown): boolean {
  return !(err instanceof ProxmoxError) || err.kind === 'auth' || err.kind === 'network' || err.kind === 'timeout';
}

async function discoverVm(client: ProxmoxClient, vm: ClusterVmResource, options: DiscoverOptions): Promise<Outcome> {
  const skip = (reason: SkipReason, detail?: string): SkippedVm => ({
    vmid: vm.vmid,
    name: vm.name ?? '',
    reason,
    ...(detail ? { detail } : {}),
  });
  if (vm.type !== 'qemu') return skip('not_qemu');
  if (vm.template === 1 || vm.template === true) return skip('template');
  if (vm.status !== 'running') return skip('not_running', vm.status);

  let config;
  try {
    config = await client.vmConfig(vm.node, vm.vmid);
  } catch (err) {
    if (isFatal(err)) throw err;
    return skip((err as ProxmoxError).kind === 'forbidden' ? 'permission_denied' : 'config_error', (err as Error).message);
  }
  const job = jobForOstype(config.ostype);
  if (!job) return skip('unsupported_ostype', String(config.ostype ?? 'unset'));
  if (!agentEnabled(config)) return skip('agent_disabled');

  let interfaces;
  try {
    interfaces = (await client.agentInterfaces(vm.node, vm.vmid)).result;
  } catch (err) {
    if (isFatal(err) && !(err instanceof ProxmoxError && err.kind === 'timeout')) throw err;
    return skip((err as ProxmoxError).kind === 'forbidden' ? 'permission_denied' : 'agent_unavailable', (err as Error).message);
  }
  if (!Array.isArray(interfaces)) return skip('agent_unavailable', 'agent answer has no `result` list');
  const ip = pickIpv4(interfaces, options.includeLoopback);
  if (!ip) return skip('no_ipv4');
  return { job, group: { targets: [`${ip}:${options.ports[job]}`], labels: vmLabels(vm, config) } };
}
