/**
 * The artifacts of a scaled-out site: the single-server prometheus.yml and flags become the first
 * instance's, every other replica and shard gets its own folder, and with shards the rule files
 * that need several shards' series go to vmalert.
 */
import type { Artifact, ResolvedSite } from '@kiln/model';
import { layout } from '@kiln/plan';
import { prometheusConfig } from './config.js';
import { instanceArgs, instanceConfig, shardsReadme, splitRuleFiles, vmalertArgs } from './scale-out.js';

type RuleFile = Parameters<typeof splitRuleFiles>[0][number][1];

export function scaleOutArtifacts(site: ResolvedSite, single: Artifact[]): Artifact[] {
  const so = site.scaleOut!;
  const ruleFiles: [string, RuleFile][] = (
    single.find((a) => a.path === layout.prometheus.config)!.value as { rule_files: string[] }
  ).rule_files.map((ref) => [
    ref,
    single.find((a) => a.path === `${layout.prometheus.rulesDir}/${ref.slice('rules/'.length)}`)!.value as RuleFile,
  ]);
  const { local, cross } = so.shards > 1 ? splitRuleFiles(ruleFiles) : { local: ruleFiles.map(([r]) => r), cross: [] };
  const out = single.filter((a) => a.path !== layout.prometheus.config && a.path !== layout.prometheus.args);
  for (const instance of so.instances) {
    const first = instance.shard === 0 && instance.replica === 0;
    const up = first ? '' : '../';
    const base = prometheusConfig(
      site,
      local.map((r) => up + r),
      (job) => up + layout.prometheus.fileSdRef(job),
    );
    out.push(
      {
        path: first ? layout.prometheus.config : layout.prometheus.instanceConfig(instance.id),
        format: 'yaml',
        value: instanceConfig(site, base, instance),
      },
      {
        path: first ? layout.prometheus.args : layout.prometheus.instanceArgs(instance.id),
        format: 'text',
        value: instanceArgs(site, instance),
      },
    );
  }
  if (so.shards > 1) {
    out.push({ path: layout.prometheus.shardsReadme, format: 'text', value: shardsReadme(site, local, cross) });
    if (cross.length > 0)
      for (const t of so.remoteWrite.filter((x) => x.ruler !== undefined))
        out.push({ path: layout.prometheus.vmalertArgs(t.name), format: 'text', value: vmalertArgs(site, t, cross) });
  }
  return out;
}
