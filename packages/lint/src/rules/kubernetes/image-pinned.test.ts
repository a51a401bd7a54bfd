import { describe, expect, it } from 'vitest';
import { testRule } from '../../rule-tester.js';
import { GOOD } from './fixtures.js';
import rule, { imageTag } from './image-pinned.js';

testRule(rule, {
  valid: [
    { name: 'a version tag', files: { 'd.yaml': GOOD } },
    { name: 'a digest', files: { 'd.yaml': GOOD.replace('prom/prometheus:v2.48.0', `prom/prometheus@sha256:${'a'.repeat(64)}`) } },
    {
      name: 'a registry with a port and a tag',
      files: { 'd.yaml': GOOD.replace('prom/prometheus:v2.48.0', 'registry.lan:5000/prometheus:v2.48.0') },
    },
  ],
  invalid: [
    { name: 'latest', files: { 'd.yaml': GOOD.replace('v2.48.0', 'latest') }, errors: [{ messageId: 'latest', line: 17 }] },
    {
      name: 'no tag',
      files: { 'd.yaml': GOOD.replace('prom/prometheus:v2.48.0', 'registry.lan:5000/prometheus') },
      errors: [{ messageId: 'untagged', line: 17 }],
    },
  ],
});

describe('imageTag', () => {
  it('tells a registry port from a tag', () => {
    expect([imageTag('a/b:1'), imageTag('r:5000/b'), imageTag('r:5000/b:2'), imageTag('b')]).toEqual(['1', undefined, '2', undefined]);
  });
});
