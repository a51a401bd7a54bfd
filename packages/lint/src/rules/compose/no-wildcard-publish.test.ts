import { describe, expect, it } from 'vitest';
import { testRule } from '../../rule-tester.js';
import rule, { shortSyntaxHost } from './no-wildcard-publish.js';

const compose = (ports: string) => `services:\n  grafana:\n    image: grafana/grafana:12.4.0\n    ports:\n${ports}`;

testRule(rule, {
  valid: [
    {
      name: 'published on one address',
      files: { 'compose.yaml': compose('      - 10.60.0.20:3000:3000\n      - "127.0.0.1:9090:9090/tcp"\n') },
    },
    { name: 'an IPv6 address', files: { 'compose.yaml': compose('      - "[fd00::20]:3000:3000"\n') } },
    { name: 'an address from the environment', files: { 'compose.yaml': compose('      - "${BIND_ADDRESS}:3000:3000"\n') } },
    {
      name: 'long syntax with host_ip',
      files: { 'compose.yaml': compose('      - target: 3000\n        published: 3000\n        host_ip: 10.60.0.20\n') },
    },
    { name: 'not a Compose file', files: { 'vars.yml': 'ports:\n  - 3000:3000\n' } },
    {
      name: 'no ports (host network)',
      files: { 'compose.yaml': 'services:\n  node:\n    image: prom/node-exporter:v1.10.2\n    network_mode: host\n' },
    },
  ],
  invalid: [
    {
      name: 'a bare `3000:3000`',
      files: { 'compose.yaml': compose('      - 10.60.0.20:9090:9090\n      - "3000:3000"\n') },
      errors: [
        { messageId: 'bare', file: 'compose.yaml', line: 6, message: 'service `grafana`: port `3000:3000` is published on every address' },
      ],
    },
    {
      name: 'a container port only (random host port on every address)',
      files: { 'compose.yaml': compose('      - 3000\n') },
      errors: [{ messageId: 'bare', line: 5 }],
    },
    {
      name: '0.0.0.0 and [::]',
      files: { 'compose.yaml': compose('      - 0.0.0.0:3000:3000\n      - "[::]:3001:3001/udp"\n') },
      errors: [
        { messageId: 'wildcard', line: 5 },
        { messageId: 'wildcard', line: 6 },
      ],
    },
    {
      name: 'long syntax without host_ip',
      files: { 'compose.yaml': compose('      - target: 3000\n        published: "3000"\n') },
      errors: [{ messageId: 'long', line: 5 }],
    },
    {
      name: 'long syntax on 0.0.0.0',
      files: { 'compose.yaml': compose('      - target: 3000\n        published: 3000\n        host_ip: 0.0.0.0\n') },
      errors: [{ messageId: 'long', line: 5 }],
    },
  ],
});

describe('shortSyntaxHost', () => {
  it('finds the host part of every short form', () => {
    expect(
      ['3000', '3000:3000', '3000-3005:3000-3005', '10.0.0.1:3000:3000', '[::1]:53:53/udp', '0.0.0.0:1:1', '::1:3000:3000'].map(
        shortSyntaxHost,
      ),
    ).toEqual(['', '', '', '10.0.0.1', '[::1]', '0.0.0.0', '::1']);
  });
});
