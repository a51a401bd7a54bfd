/**
 * The operator flavour's configuration, judged by the real tools before the output is swapped in:
 * each PrometheusRule's `spec` is a rule file for `promtool check rules`, each ServiceMonitor's and
 * PodMonitor's relabelings go through `promtool check config`, and the Alertmanager
 * configuration Secret's `alertmanager.yaml` is a config for `amtool check-config`. verify.ts writes each
 * to a throw-away file beside nothing else, so what the tool judges is exactly what the operator loads.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { layout } from '@kiln/plan';
import { parse } from 'yaml';

export interface ExtractedConfig {
  tool: 'promtool' | 'amtool';
  /** `check rules` a rule file, or `check config` a prometheus.yml. */
  check?: 'rules' | 'config';
  /** The manifest, below the site folder. */
  manifest: string;
  /** The file the tool reads. */
  text: string;
}

/** The rule files and Alertmanager configurations the operator manifests of a site folder carry. */
export function operatorConfigs(dir: string): ExtractedConfig[] {
  const k8s = join(dir, layout.kubernetes.dir);
  if (!existsSync(k8s)) return [];
  const out: ExtractedConfig[] = [];
  for (const name of readdirSync(k8s).sort()) {
    const rel = `${layout.kubernetes.dir}/${name}`;
    if (layout.kubernetes.isManifestOf('PrometheusRule', rel)) {
      const spec = (parse(readFileSync(join(dir, rel), 'utf8')) as { spec?: unknown }).spec;
      out.push({ tool: 'promtool', manifest: rel, text: JSON.stringify(spec ?? {}) });
    } else if (layout.kubernetes.isManifestOf('ServiceMonitor', rel) || layout.kubernetes.isManifestOf('PodMonitor', rel)) {
      const monitor = parse(readFileSync(join(dir, rel), 'utf8')) as {
        spec?: { endpoints?: Endpoint[]; podMetricsEndpoints?: Endpoint[] };
      };
      const endpoints = monitor.spec?.endpoints ?? monitor.spec?.podMetricsEndpoints ?? [];
      out.push({ tool: 'promtool', check: 'config', manifest: rel, text: JSON.stringify(relabelCheck(endpoints)) });
    } else if (layout.kubernetes.isManifestOf('Secret', rel)) {
      const secret = parse(readFileSync(join(dir, rel), 'utf8')) as { stringData?: Record<string, string> };
      const config = secret.stringData?.['alertmanager.yaml'];
      if (config !== undefined) out.push({ tool: 'amtool', manifest: rel, text: config });
    }
  }
  return out;
}

interface Endpoint {
  relabelings?: Record<string, unknown>[];
  metricRelabelings?: Record<string, unknown>[];
}

const SNAKE: Record<string, string> = { sourceLabels: 'source_labels', targetLabel: 'target_label' };
const snake = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [SNAKE[k] ?? k, v]));

/**
 * A prometheus.yml with one static job per endpoint carrying its relabelings as Prometheus reads them
 * (the operator copies them into the scrape configuration it generates): promtool judges each rule —
 * actions, regexes, the fields each action allows.
 */
function relabelCheck(endpoints: readonly Endpoint[]): Record<string, unknown> {
  return {
    scrape_configs: endpoints.map((e, i) => ({
      job_name: `endpoint-${i}`,
      static_configs: [{ targets: ['placeholder.invalid:80'] }],
      ...(e.relabelings && { relabel_configs: e.relabelings.map(snake) }),
      ...(e.metricRelabelings && { metric_relabel_configs: e.metricRelabelings.map(snake) }),
    })),
  };
}
