import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolve } from '@kiln/model';
import { smallSite } from '@kiln/model/testing';
import { planWithoutDashboards, serialize } from '@kiln/plan';
import { afterAll, describe, expect, it } from 'vitest';
import { generatePrometheus } from './generate.js';

const NODE = { host: 'storage', instance: '10.60.0.10:9100', job: 'node' };
const series = (name: string, labels: Record<string, string>) =>
  `${name}{${Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',')}}`;

/** smallSite with one recording rule and its test, a discovered Windows job and a pve exporter. */
function lab(expected = 0.75) {
  const site = smallSite();
  site.recordingRules = {
    'node:memory_utilization:ratio': {
      expr: '1 - node_memory_MemAvailable_bytes{job="node"} / node_memory_MemTotal_bytes{job="node"}',
      labels: { source: 'kiln' },
      tests: [
        {
          name: 'a quarter available is three quarters used',
          series: [
            { series: series('node_memory_MemAvailable_bytes', NODE), values: '16e9x10' },
            { series: series('node_memory_MemTotal_bytes', NODE), values: '64e9x10' },
          ],
          evalTime: '5m',
          expect: [{ labels: NODE, value: expected }],
        },
      ],
    },
  };
  site.services!['discovery'] = { host: 'storage', endpoints: { http: { port: 8000, kind: 'service', bind: 'nic1' } } };
  site.scrapeJobs = {
    windows: { httpSd: { service: 'discovery', path: '/targets/windows', refreshInterval: '30s' }, exporter: 'windows' },
  };
  site.hosts['storage']!.exporters = { node: {}, pve: { targets: ['compute', 'storage'] } };
  return site;
}

const build = (site = lab()) => generatePrometheus(planWithoutDashboards(resolve(site)));
const file = (artifacts: ReturnType<typeof build>, path: string) => artifacts.find((a) => a.path === path)?.value as any;

describe('recording rules', () => {
  it('go to rules/recording.yml, listed first in prometheus.yml, with the rule labels', () => {
    const out = build();
    expect(file(out, 'prometheus/rules/recording.yml')).toEqual({
      groups: [
        {
          name: 'lab-recording',
          rules: [
            {
              record: 'node:memory_utilization:ratio',
              expr: lab().recordingRules!['node:memory_utilization:ratio']!.expr,
              labels: { source: 'kiln' },
            },
          ],
        },
      ],
    });
    expect(file(out, 'prometheus/prometheus.yml').rule_files[0]).toBe('rules/recording.yml');
  });

  it('get promql_expr_test cases expecting the recorded series with the rule labels', () => {
    const tests = file(build(), 'prometheus/tests/recording.test.yml');
    expect(tests.rule_files).toEqual(['../rules/recording.yml']);
    expect(tests.tests[0]).toMatchObject({
      name: 'a quarter available is three quarters used',
      promql_expr_test: [
        {
          expr: 'node:memory_utilization:ratio',
          eval_time: '5m',
          exp_samples: [
            { labels: 'node:memory_utilization:ratio{host="storage",instance="10.60.0.10:9100",job="node",source="kiln"}', value: 0.75 },
          ],
        },
      ],
    });
  });

  it('write no recording file for a site without recording rules', () => {
    expect(build(smallSite()).some((a) => a.path.includes('recording'))).toBe(false);
  });
});

describe('promtool on the generated recording tests', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const promtool = (site: ReturnType<typeof lab>) => {
    const dir = mkdtempSync(join(tmpdir(), 'kiln-recording-'));
    dirs.push(dir);
    for (const a of build(site).filter((x) => x.path.includes('recording'))) {
      mkdirSync(join(dir, a.path, '..'), { recursive: true });
      writeFileSync(join(dir, a.path), serialize(a));
    }
    try {
      execFileSync('promtool', ['test', 'rules', join(dir, 'prometheus/tests/recording.test.yml')], { stdio: 'pipe' });
      return 'pass';
    } catch (e) {
      const { stdout, stderr } = e as { stdout?: Buffer; stderr?: Buffer };
      return `${stdout?.toString() ?? ''}${stderr?.toString() ?? ''}` || String(e);
    }
  };

  it('pass with the right value and fail with a wrong one', () => {
    expect(promtool(lab())).toBe('pass');
    expect(promtool(lab(0.5))).toMatch(/FAILED[\s\S]*node:memory_utilization:ratio/);
  });
});

describe('scrape configuration', () => {
  it('reads discovered targets with http_sd_configs from the discovery service', () => {
    const windows = file(build(), 'prometheus/prometheus.yml').scrape_configs.find((j: any) => j.job_name === 'windows');
    expect(windows).toEqual({
      job_name: 'windows',
      http_sd_configs: [{ url: 'http://10.60.0.10:8000/targets/windows', refresh_interval: '30s' }],
    });
  });

  it('scrapes the pve exporter once per queried node, passing the node as ?target= and keeping it as instance', () => {
    const out = build();
    const pve = file(out, 'prometheus/prometheus.yml').scrape_configs.find((j: any) => j.job_name === 'pve');
    expect(pve).toMatchObject({
      metrics_path: '/pve',
      params: { module: ['default'], cluster: ['1'], node: ['1'] },
      relabel_configs: [
        { source_labels: ['__address__'], target_label: '__param_target' },
        { source_labels: ['__param_target'], target_label: 'instance' },
        { target_label: '__address__', replacement: '10.60.0.10:9221' },
      ],
      file_sd_configs: [{ files: ['file_sd/pve.json'] }],
    });
    expect(file(out, 'prometheus/file_sd/pve.json')).toEqual([
      { targets: ['10.60.0.20'], labels: { host: 'compute', job: 'pve' } },
      { targets: ['10.60.0.10'], labels: { host: 'storage', job: 'pve' } },
    ]);
  });
});
