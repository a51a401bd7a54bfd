import { describe, expect, it } from 'vitest';
import { defineSite } from './define.js';
import { resolve } from './resolve.js';

const base = {
  name: 'typed',
  runbookUrl: 'https://x/{alertname}',
  vlans: { servers: { id: 60, cidr: '10.60.0.0/24', zone: 'servers' as const } },
  receivers: { ops: {} },
  alertmanager: { host: 'a' as const },
};

describe('defineSite', () => {
  it('accepts a site whose references name declared entities', () => {
    const site = defineSite({
      ...base,
      hosts: { a: { role: 'x', disposition: 'disposable', interfaces: { nic: { vlan: 'servers', address: '10.60.0.2' } } } },
      routing: { receiver: 'ops' },
      prometheus: { host: 'a' },
    });
    expect(resolve(site).hosts[0]!.interfaces[0]!.vlan.zone).toBe('servers');
  });

  it('makes typos in references compile errors (checked by `npm run typecheck`) and resolve errors', () => {
    const typo = () =>
      defineSite({
        ...base,
        hosts: {
          // @ts-expect-error -- `servres` is not a declared VLAN
          a: { role: 'x', disposition: 'disposable', interfaces: { nic: { vlan: 'servres', address: '10.60.0.2' } } },
        },
        // @ts-expect-error -- `opps` is not a declared receiver
        routing: { receiver: 'opps' },
        // @ts-expect-error -- `b` is not a declared host
        prometheus: { host: 'b' },
      });
    expect(() => resolve(typo())).toThrow(/unknown VLAN `servres`[\s\S]*unknown receiver `opps`[\s\S]*unknown host `b`/);
  });
});
