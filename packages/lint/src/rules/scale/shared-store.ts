import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';

/** The keep rule hashmod sharding ends with: `action: keep` on the label a `hashmod` rule wrote. */
function isSharded(config: Record<string, unknown>): boolean {
  const jobs = Array.isArray(config['scrape_configs']) ? (config['scrape_configs'] as Record<string, unknown>[]) : [];
  return jobs.some((j) => {
    const relabel = Array.isArray(j?.['relabel_configs']) ? (j['relabel_configs'] as Record<string, unknown>[]) : [];
    return relabel.some((r) => r?.['action'] === 'hashmod');
  });
}

export default createRule({
  id: 'scale/shared-store',
  meta: {
    description: 'Sharded Prometheus servers write to a shared store.',
    rationale:
      "Each shard holds only its share of the targets: a dashboard or rule that asks one shard sees part of the site, and rules that need every shard's series (`absent()`, aggregations across targets) have nowhere to run. A remote write target (VictoriaMetrics, Thanos Receive, Mimir) gathers the shards again, and its ruler evaluates those rules.",
    summary: 'shards without a shared store',
    severity: 'error',
    messages: {
      site: 'prometheus `{{site}}`: {{shards}} shards and no `remoteWrite` target, so no place holds every series and the rules that need several shards are evaluated nowhere; add a store, e.g. `remoteWrite: { victoria: { engine: victoriametrics, url: … } }`',
      file: 'this Prometheus keeps a `hashmod` shard of its targets but writes them nowhere (`remote_write` is empty); add a `remote_write` to a store that gathers the shards',
    },
    options: z.strictObject({}),
    reads: ['site', 'files'],
  },
  check({ site, files, report }) {
    const so = site?.scaleOut;
    if (so && so.shards > 1 && so.remoteWrite.length === 0)
      report({
        messageId: 'site',
        data: { site: site.name, shards: so.shards },
        entity: { kind: 'prometheus', name: site.name },
        location: { modelPath: 'prometheus.shards' },
      });
    // Generated files mirror the site; scan prometheus.yml files only when linting them alone.
    for (const file of site ? [] : files.filter((f) => f.kind === 'prometheus-config')) {
      file.values.forEach((value, doc) => {
        if (!value || typeof value !== 'object') return;
        const config = value as Record<string, unknown>;
        const writes = Array.isArray(config['remote_write']) && config['remote_write'].length > 0;
        if (isSharded(config) && !writes)
          report({
            messageId: 'file',
            entity: { kind: 'file', name: file.path },
            location: { file: file.path, ...file.position(['scrape_configs'], doc) },
          });
      });
    }
  },
});
