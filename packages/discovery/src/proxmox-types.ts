/**
 * The parts of Proxmox VE API responses that discovery reads (API viewer:
 * https://pve.proxmox.com/pve-docs/api-viewer/). Every response body is `{"data": …}`; these are
 * the `data` values. Fields are optional where Proxmox omits them.
 */

/** An item of `GET /cluster/resources?type=vm` (QEMU VMs and LXC containers). */
export interface ClusterVmResource {
  /** `qemu/100` or `lxc/101`. */
  id?: string;
  /** `qemu` or `lxc` (others are ignored). */
  type: string;
  vmid: number;
  name?: string;
  node: string;
  /** `running`, `stopped`, `paused`, `unknown` (node offline). */
  status: string;
  /** 1 for templates; absent or 0 otherwise. */
  template?: number | boolean;
  /** Bytes. */
  maxmem?: number;
  maxcpu?: number;
  /** Semicolon-separated, e.g. `prod;web`. */
  tags?: string;
}

/**
 * `GET /nodes/{node}/qemu/{vmid}/config`: key → value, mostly strings (Proxmox returns numbers for
 * numeric keys such as `cores`, strings for property strings such as `scsi0` or `boot`).
 */
export type QemuConfig = Record<string, string | number | undefined>;

export interface GuestIpAddress {
  'ip-address': string;
  /** `ipv4` or `ipv6`. */
  'ip-address-type': string;
  prefix?: number;
}

/** An interface of the QEMU guest agent's `network-get-interfaces` result. */
export interface GuestInterface {
  name: string;
  'hardware-address'?: string;
  'ip-addresses'?: GuestIpAddress[];
}

/** `GET /nodes/{node}/qemu/{vmid}/agent/network-get-interfaces`. */
export interface AgentNetworkInterfaces {
  result: GuestInterface[];
}
