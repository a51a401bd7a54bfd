import { describe, expect, it } from 'vitest';
import { agentEnabled, diskType, formatMemoryGb, formatTags, jobForOstype, memoryMib, pickIpv4, vcpus, vmLabels } from './labels.js';
import { CLUSTER } from './test-fixtures/cluster.js';

const vm = (vmid: number) => CLUSTER.find((v) => v.vmid === vmid)!;

describe('jobForOstype', () => {
  it.each([
    ['win11', 'windows'],
    ['win10', 'windows'],
    ['win7', 'windows'],
    ['w2k8', 'windows'],
    ['wxp', 'windows'],
    ['l26', 'node'],
    ['l24', 'node'],
    ['solaris', undefined],
    ['other', undefined],
    [undefined, undefined],
  ])('%s → %s', (ostype, job) => {
    expect(jobForOstype(ostype)).toBe(job);
  });
});

describe('vcpus', () => {
  it('is sockets × cores', () => {
    expect(vcpus(vm(100).config)).toBe(8);
    expect(vcpus(vm(102).config)).toBe(4);
  });
  it('defaults sockets and cores to 1 as Proxmox does', () => {
    expect(vcpus(vm(103).config)).toBe(1);
    expect(vcpus({})).toBe(1);
    expect(vcpus({ cores: 6 })).toBe(6);
    expect(vcpus({ sockets: '2', cores: '3' })).toBe(6);
  });
});

describe('memory_gb', () => {
  it.each([
    [{ memory: '8192' }, '8'],
    [{ memory: 2048 }, '2'],
    [{ memory: '1536' }, '1.5'],
    [{ memory: '3000' }, '2.93'],
    [{ memory: '512' }, '0.5'],
    [{ memory: 'current=4096' }, '4'],
    [{ memory: 'current=6144,foo=1' }, '6'],
    [{}, '0.5'],
  ])('%o → %s', (config, gb) => {
    expect(formatMemoryGb(memoryMib(config))).toBe(gb);
  });
});

describe('disk_type', () => {
  it('takes the first disk of the boot order, skipping the CD-ROM and network entries', () => {
    expect(diskType(vm(100).config)).toBe('scsi');
    expect(diskType(vm(101).config)).toBe('virtio');
    expect(diskType(vm(111).config)).toBe('sata');
    expect(diskType(vm(103).config)).toBe('ide');
    expect(diskType({ boot: 'order=ide2;virtio0', ide2: 'local:iso/debian.iso,media=cdrom', virtio0: 'local:vm-1-disk-0' })).toBe('virtio');
  });
  it('uses the legacy bootdisk with `boot: cdn`', () => {
    expect(diskType(vm(102).config)).toBe('sata');
  });
  it('falls back to the first disk by bus and index, ignoring efidisk, unused and cdrom', () => {
    expect(diskType({ scsi1: 'x,size=1G', sata0: 'y,size=1G', scsi0: 'z,size=1G' })).toBe('scsi');
    expect(diskType({ ide2: 'none,media=cdrom', efidisk0: 'a', unused0: 'b', ide0: 'c,size=1G' })).toBe('ide');
    expect(diskType({ boot: 'order=net0', virtio3: 'd,size=1G' })).toBe('virtio');
  });
  it('is `unknown` without a disk', () => {
    expect(diskType({ boot: 'order=net0', ide2: 'local:iso/x.iso,media=cdrom' })).toBe('unknown');
  });
});

describe('tags', () => {
  it.each([
    ['prod;web', 'prod;web'],
    ['prod,web web', 'prod;web'],
    [';prod;;db;prod;', 'prod;db'],
    ['', ''],
    [undefined, ''],
  ])('%s → %s', (tags, label) => {
    expect(formatTags(tags)).toBe(label);
  });
});

describe('agentEnabled', () => {
  it.each([
    ['1', true],
    [1, true],
    ['enabled=1,fstrim_cloned_disks=1', true],
    ['1,type=virtio', true],
    ['0', false],
    ['enabled=0', false],
    ['fstrim_cloned_disks=1', false],
    [undefined, false],
  ])('agent: %s → %s', (agent, enabled) => {
    expect(agentEnabled(agent === undefined ? {} : { agent })).toBe(enabled);
  });
});

describe('pickIpv4', () => {
  it('skips loopback and link-local, keeps the agent order', () => {
    expect(pickIpv4(vm(101).agent as never)).toBe('10.0.20.21');
    expect(pickIpv4(vm(100).agent as never)).toBe('10.0.20.11');
    expect(pickIpv4(vm(102).agent as never)).toBe('10.0.20.22');
  });
  it('finds nothing on an IPv6-only guest', () => {
    expect(pickIpv4(vm(106).agent as never)).toBeUndefined();
  });
  it('keeps loopback only when asked', () => {
    const onlyLo = [{ name: 'lo', 'ip-addresses': [{ 'ip-address': '127.0.0.1', 'ip-address-type': 'ipv4' }] }];
    expect(pickIpv4(onlyLo)).toBeUndefined();
    expect(pickIpv4(onlyLo, true)).toBe('127.0.0.1');
  });
});

describe('vmLabels', () => {
  it('derives every label as a string from the resource and the config', () => {
    const v = vm(100);
    expect(vmLabels({ vmid: v.vmid, name: v.name, node: v.node, type: 'qemu', status: 'running', tags: v.tags! }, v.config)).toEqual({
      vm_id: '100',
      vm_name: 'dc01',
      node: 'pve1',
      vcpus: '8',
      memory_gb: '8',
      disk_type: 'scsi',
      tags: 'prod;windows',
    });
  });
});
