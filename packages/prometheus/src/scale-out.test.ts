import { describe, expect, it } from 'vitest';
import { shardLocal, splitRuleFiles } from './scale-out.js';

describe('shardLocal', () => {
  it.each([
    ['up{job="node"} == 0', true],
    ['node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes < 0.1', true],
    ['1 - avg without (cpu, mode) (rate(node_cpu_seconds_total{mode="idle"}[5m]))', true],
    ['sum by (instance, job) (rate(x_total[5m]))', true],
    ['a * on (instance, job) group_left (name) b', true],
    ['vector(1)', true],
  ])('%s reads single targets only', (expr, local) => expect(shardLocal(expr)).toBe(local));

  it.each([
    ['absent(up{job="node",instance="a:9100"})', 'a series missing here may be on another shard'],
    ['absent_over_time(up[5m])', 'the same'],
    ['max by (id) (pve_up)', 'aggregates across targets'],
    ['sum(up)', 'aggregates everything'],
    ['sum without (instance) (up)', 'drops the target'],
    ['a * on (node) group_left b', 'joins series of different targets'],
    ['a / ignoring (instance) b', 'the same'],
    ['up > scalar(avg(up))', 'scalar() of every series'],
  ])('%s needs several shards (%s)', (expr) => expect(shardLocal(expr)).toBe(false));
});

describe('splitRuleFiles', () => {
  it('keeps a file on the shards only when every rule in it is shard-local', () => {
    const file = (...exprs: string[]) => ({ groups: [{ rules: exprs.map((expr) => ({ expr })) }] });
    expect(
      splitRuleFiles([
        ['rules/node.yml', file('up == 0', 'rate(x[5m]) > 1')],
        ['rules/gpu.yml', file('up == 0', 'absent(nvidia_gpu_num_devices)')],
      ]),
    ).toEqual({ local: ['rules/node.yml'], cross: ['rules/gpu.yml'] });
  });
});
