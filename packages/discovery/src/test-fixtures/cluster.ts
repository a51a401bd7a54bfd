/**
 * A two-node cluster shaped like real Proxmox VE 8 answers: config values as Proxmox writes them
 * (property strings for disks, `boot: order=…`, legacy `boot: cdn` + `bootdisk`), guest-agent
 * interfaces as qemu-guest-agent reports them on Linux (`lo`, `ens18`) and Windows
 * (`Loopback Pseudo-Interface 1`, `Ethernet`). Listed out of vmid order on purpose.
 */
import type { SimulatedVm } from '../proxmox-simulator.js';
import type { GuestInterface } from '../proxmox-types.js';

export const TOKEN_ID = 'kiln@pve!discovery';
export const TOKEN_SECRET = '5f0e2a9c-1b7d-4c3e-9a8f-0d6b4e2c1a93';

const linuxLo: GuestInterface = {
  name: 'lo',
  'hardware-address': '00:00:00:00:00:00',
  'ip-addresses': [
    { 'ip-address': '127.0.0.1', 'ip-address-type': 'ipv4', prefix: 8 },
    { 'ip-address': '::1', 'ip-address-type': 'ipv6', prefix: 128 },
  ],
};

const linux = (ipv4: string[], mac = 'bc:24:11:2a:3b:4c'): GuestInterface[] => [
  linuxLo,
  {
    name: 'ens18',
    'hardware-address': mac,
    'ip-addresses': [
      ...ipv4.map((ip) => ({ 'ip-address': ip, 'ip-address-type': 'ipv4', prefix: 24 })),
      { 'ip-address': 'fe80::be24:11ff:fe2a:3b4c', 'ip-address-type': 'ipv6', prefix: 64 },
    ],
  },
];

const windows = (ipv4: string): GuestInterface[] => [
  {
    name: 'Ethernet',
    'hardware-address': 'bc:24:11:7d:8e:9f',
    'ip-addresses': [
      { 'ip-address': 'fe80::5d1c:2b3a:4e5f:6071%6', 'ip-address-type': 'ipv6', prefix: 64 },
      { 'ip-address': ipv4, 'ip-address-type': 'ipv4', prefix: 24 },
    ],
  },
  {
    name: 'Loopback Pseudo-Interface 1',
    'ip-addresses': [
      { 'ip-address': '::1', 'ip-address-type': 'ipv6', prefix: 128 },
      { 'ip-address': '127.0.0.1', 'ip-address-type': 'ipv4', prefix: 8 },
    ],
  },
];

export const CLUSTER: SimulatedVm[] = [
  {
    vmid: 111,
    name: 'win-desk',
    node: 'pve2',
    tags: 'desktop',
    config: {
      ostype: 'win10',
      sockets: 1,
      cores: 4,
      memory: '4096',
      agent: '1',
      boot: 'order=net0;sata0',
      sata0: 'local-lvm:vm-111-disk-0,size=128G',
      net0: 'e1000=BC:24:11:00:01:11,bridge=vmbr0',
    },
    agent: windows('10.0.20.31'),
  },
  {
    vmid: 100,
    name: 'dc01',
    node: 'pve1',
    tags: 'prod;windows',
    config: {
      ostype: 'win11',
      sockets: 2,
      cores: 4,
      memory: '8192',
      agent: '1',
      boot: 'order=scsi0;ide2;net0',
      scsi0: 'local-lvm:vm-100-disk-0,iothread=1,size=64G',
      ide2: 'local:iso/virtio-win-0.1.240.iso,media=cdrom,size=612812K',
      efidisk0: 'local-lvm:vm-100-disk-1,efitype=4m,pre-enrolled-keys=1,size=4M',
      scsihw: 'virtio-scsi-single',
      net0: 'virtio=BC:24:11:00:01:00,bridge=vmbr0,tag=20',
    },
    agent: windows('10.0.20.11'),
  },
  {
    vmid: 101,
    name: 'web01',
    node: 'pve1',
    tags: 'prod;web',
    config: {
      ostype: 'l26',
      sockets: 1,
      cores: 2,
      memory: '2048',
      agent: 'enabled=1,fstrim_cloned_disks=1',
      boot: 'order=virtio0;net0',
      virtio0: 'local-zfs:vm-101-disk-0,discard=on,size=32G',
    },
    agent: linux(['10.0.20.21']),
  },
  {
    vmid: 102,
    name: 'db01',
    node: 'pve2',
    tags: 'prod;db',
    config: {
      ostype: 'l26',
      sockets: 2,
      cores: 2,
      memory: '1536',
      agent: '1',
      boot: 'cdn',
      bootdisk: 'sata0',
      sata0: 'local-lvm:vm-102-disk-0,size=100G',
    },
    agent: [
      linuxLo,
      {
        name: 'ens18',
        'ip-addresses': [
          { 'ip-address': '169.254.10.1', 'ip-address-type': 'ipv4', prefix: 16 },
          { 'ip-address': '10.0.20.22', 'ip-address-type': 'ipv4', prefix: 24 },
        ],
      },
    ],
  },
  {
    vmid: 103,
    name: 'build',
    node: 'pve1',
    config: { ostype: 'l26', cores: 1, memory: '3000', agent: '1', boot: 'order=ide0', ide0: 'local-lvm:vm-103-disk-0,size=20G' },
    agent: linux(['10.0.30.5']),
  },
  {
    vmid: 104,
    name: 'legacy-2008',
    node: 'pve1',
    config: {
      ostype: 'w2k8',
      sockets: 1,
      cores: 2,
      memory: '4096',
      agent: '0',
      boot: 'order=ide0',
      ide0: 'local-lvm:vm-104-disk-0,size=40G',
    },
  },
  {
    vmid: 105,
    name: 'agentless',
    node: 'pve1',
    config: {
      ostype: 'l26',
      sockets: 1,
      cores: 1,
      memory: '1024',
      agent: '1',
      boot: 'order=scsi0',
      scsi0: 'local-lvm:vm-105-disk-0,size=8G',
    },
    agent: 'not-running',
  },
  {
    vmid: 106,
    name: 'v6only',
    node: 'pve2',
    config: {
      ostype: 'l26',
      sockets: 1,
      cores: 1,
      memory: '1024',
      agent: '1',
      boot: 'order=scsi0',
      scsi0: 'local-lvm:vm-106-disk-0,size=8G',
    },
    agent: [linuxLo, { name: 'ens18', 'ip-addresses': [{ 'ip-address': '2001:db8::6', 'ip-address-type': 'ipv6', prefix: 64 }] }],
  },
  {
    vmid: 107,
    name: 'off',
    node: 'pve1',
    status: 'stopped',
    config: { ostype: 'l26', memory: '1024', agent: '1', scsi0: 'local-lvm:vm-107-disk-0,size=8G' },
  },
  {
    vmid: 9000,
    name: 'debian12-template',
    node: 'pve1',
    status: 'stopped',
    template: true,
    config: { ostype: 'l26', memory: '2048', agent: '1', template: 1, scsi0: 'local-lvm:base-9000-disk-0,size=4G' },
  },
  {
    vmid: 108,
    name: 'running-template',
    node: 'pve1',
    template: true,
    config: { ostype: 'l26', memory: '2048', agent: '1', template: 1, scsi0: 'local-lvm:base-108-disk-0,size=4G' },
  },
  { vmid: 109, name: 'ct-dns', node: 'pve2', type: 'lxc', tags: 'infra', config: { ostype: 'debian', memory: '512', cores: 1 } },
  {
    vmid: 110,
    name: 'openbsd',
    node: 'pve2',
    config: { ostype: 'other', memory: '1024', agent: '1', scsi0: 'local-lvm:vm-110-disk-0,size=8G' },
    agent: linux(['10.0.20.40']),
  },
];
