import { describe, expect, it } from 'vitest';
import { testRule } from '../../rule-tester.js';
import rule, { quantityBytes } from './budget.js';
import { GOOD, SEED_NODE_EXPORTER } from './fixtures.js';

const files = { 'prometheus.yaml': GOOD, 'node-exporter.yaml': SEED_NODE_EXPORTER };

testRule(rule, {
  valid: [
    { name: '512Mi + 13 × 64Mi within 2Gi', files, options: { memoryLimit: '2Gi', nodes: 13 } },
    { name: 'no budget known', files },
  ],
  invalid: [
    {
      name: 'over the budget, naming every workload',
      files,
      options: { memoryLimit: '1Gi', nodes: 13 },
      errors: [
        {
          messageId: 'over',
          file: 'node-exporter.yaml',
          line: 14,
          message: 'sum to 1344Mi (Deployment prometheus 512Mi, DaemonSet node-exporter 13 × 64Mi), over the budget of 1Gi',
        },
      ],
    },
  ],
});

describe('quantityBytes', () => {
  it('reads binary and decimal units', () => {
    expect([quantityBytes('64Mi'), quantityBytes('1G'), quantityBytes('512'), quantityBytes('lots')]).toEqual([
      64 * 2 ** 20,
      1e9,
      512,
      undefined,
    ]);
  });
});
