/**
 * Pure derivation of a VM's discovery job and target labels from Proxmox API responses.
 * No I/O here: the same inputs always give the same labels.
 */
import type { ClusterVmResource, GuestInterface, QemuConfig } from './proxmox-types.js';

/** One job per guest exporter; the VM's `ostype` chooses it. */
export const JOBS = {
  node: { exporter: 'node exporter', defaultPort: 9100 },
  windows: { exporter: 'windows_exporter', defaultPort: 9182 },
} as const;
export type Job = keyof typeof JOBS;
export const JOB_NAMES = Object.keys(JOBS) as Job[];

/** Proxmox `ostype` values (qm.conf(5)) of Windows and Linux guests; others (`solaris`, `other`) have no job. */
const WINDOWS_OSTYPES = new Set(['wxp', 'w2k', 'w2k3', 'w2k8', 'wvista', 'win7', 'win8', 'win10', 'win11']);
const LINUX_OSTYPES = new Set(['l24', 'l26']);

export function jobForOstype(ostype: unknown): Job | undefined {
  if (typeof ostype !== 'string') return undefined;
  if (WINDOWS_OSTYPES.has(ostype)) return 'windows';
  if (LINUX_OSTYPES.has(ostype)) return 'node';
  return undefined;
}

/** Proxmox's defaults when the config omits a key. */
const DEFAULT_SOCKETS = 1;
const DEFAULT_CORES = 1;
const DEFAULT_MEMORY_MIB = 512;

function positiveInt(value: unknown, fallback: number): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** `sockets × cores`, each defaulting to 1 as in Proxmox. */
export function vcpus(config: QemuConfig): number {
  return positiveInt(config.sockets, DEFAULT_SOCKETS) * positiveInt(config.cores, DEFAULT_CORES);
}

/**
 * Memory in MiB from the config: a number, a numeric string, or (Proxmox 8) the property string
 * `current=4096[,…]`; 512 when absent.
 */
export function memoryMib(config: QemuConfig): number {
  const raw = config.memory;
  if (typeof raw === 'string' && raw.includes('=')) {
    const current = /(?:^|,)current=(\d+)/.exec(raw);
    return current ? Number(current[1]) : DEFAULT_MEMORY_MIB;
  }
  return positiveInt(raw, DEFAULT_MEMORY_MIB);
}

/** GiB with at most two decimals and no trailing zeros: 4096 → `4`, 1536 → `1.5`, 3000 → `2.93`. */
export function formatMemoryGb(mib: number): string {
  return String(Math.round((mib / 1024) * 100) / 100);
}

export const DISK_BUSES = ['virtio', 'scsi', 'sata', 'ide'] as const;
export type DiskBus = (typeof DISK_BUSES)[number];
const DISK_KEY = /^(virtio|scsi|sata|ide)(\d+)$/;

function isDisk(config: QemuConfig, key: string): boolean {
  const value = config[key];
  if (!DISK_KEY.test(key) || typeof value !== 'string') return false;
  return !/(?:^|,)media=cdrom(?:,|$)/.test(value) && !value.startsWith('none');
}

/**
 * The bus of the boot disk: the first disk in `boot: order=…` (Proxmox ≥ 6.3), else the legacy
 * `bootdisk`, else the first disk by bus (virtio, scsi, sata, ide) and index. CD-ROMs and network
 * boot entries are not disks. `unknown` when the VM has no disk.
 */
export function diskType(config: QemuConfig): DiskBus | 'unknown' {
  const boot = typeof config.boot === 'string' ? config.boot : '';
  const order = /(?:^|,)order=([^,]*)/.exec(boot)?.[1]?.split(';') ?? [];
  const legacy = typeof config.bootdisk === 'string' ? [config.bootdisk] : [];
  const fallback = Object.keys(config)
    .filter((k) => isDisk(config, k))
    .sort((a, b) => {
      const [, busA = '', indexA = '0'] = DISK_KEY.exec(a) ?? [];
      const [, busB = '', indexB = '0'] = DISK_KEY.exec(b) ?? [];
      const byBus = DISK_BUSES.indexOf(busA as DiskBus) - DISK_BUSES.indexOf(busB as DiskBus);
      return byBus !== 0 ? byBus : Number(indexA) - Number(indexB);
    });
  for (const key of [...order, ...legacy, ...fallback]) {
    if (isDisk(config, key)) return DISK_KEY.exec(key)![1] as DiskBus;
  }
  return 'unknown';
}

/**
 * Proxmox tags (`prod;web`; the API also accepts `,` and spaces as separators) as one label value:
 * `;`-separated as Proxmox writes them, in their order, empties and repeats dropped. `''` without tags.
 */
export function formatTags(tags: unknown): string {
  if (typeof tags !== 'string') return '';
  const seen = new Set<string>();
  for (const tag of tags.split(/[;,\s]+/)) if (tag) seen.add(tag);
  return [...seen].join(';');
}

/** Whether the config enables the QEMU guest agent (`agent: 1` or `agent: enabled=1,…`; any Proxmox boolean spelling). */
export function agentEnabled(config: QemuConfig): boolean {
  const raw = config.agent;
  if (raw === undefined) return false;
  const text = String(raw);
  const enabled = /(?:^|,)(?:enabled=)?(1|0|yes|no|on|off|true|false)(?:,|$)/i.exec(text)?.[1];
  return enabled !== undefined && ['1', 'yes', 'on', 'true'].includes(enabled.toLowerCase());
}

function isSkippedIpv4(address: string, includeLoopback: boolean): boolean {
  if (address.startsWith('169.254.')) return true;
  return !includeLoopback && address.startsWith('127.');
}

/**
 * The first IPv4 address the guest agent reports, in the agent's interface order, skipping
 * link-local (169.254/16) and loopback (127/8) addresses. `includeLoopback` keeps loopback
 * addresses: only for running a whole stack on one machine (tests).
 */
export function pickIpv4(interfaces: GuestInterface[], includeLoopback = false): string | undefined {
  for (const iface of interfaces) {
    for (const ip of iface['ip-addresses'] ?? []) {
      if (ip['ip-address-type'] !== 'ipv4') continue;
      if (!isSkippedIpv4(ip['ip-address'], includeLoopback)) return ip['ip-address'];
    }
  }
  return undefined;
}

/** Target labels: every value a string, no `__meta_` labels. */
export interface VmLabels {
  vm_id: string;
  vm_name: string;
  node: string;
  vcpus: string;
  memory_gb: string;
  disk_type: string;
  tags: string;
}

export function vmLabels(vm: ClusterVmResource, config: QemuConfig): VmLabels {
  return {
    vm_id: String(vm.vmid),
    vm_name: vm.name ?? (typeof config.name === 'string' ? config.name : `VM ${vm.vmid}`),
    node: vm.node,
    vcpus: String(vcpus(config)),
    memory_gb: formatMemoryGb(memoryMib(config)),
    disk_type: diskType(config),
    tags: formatTags(vm.tags ?? config.tags),
  };
}
