/** Alertmanager configurations among the lint files, and the label sets alerts are routed with. */
import type { LintFile } from '../files.js';
import type { AlertRuleRef } from './rules.js';

export interface AlertmanagerRef {
  config: { route?: unknown; receivers?: Record<string, unknown>[]; inhibit_rules?: Record<string, unknown>[] };
  file: LintFile;
  doc: number;
}

export function alertmanagerConfigs(files: LintFile[]): AlertmanagerRef[] {
  return files.flatMap((file) =>
    file.kind === 'alertmanager-config'
      ? file.values.map((config, doc) => ({ config: config as AlertmanagerRef['config'], file, doc }))
      : [],
  );
}

/** A receiver with no integrations delivers nowhere. */
export function blackHoles(config: AlertmanagerRef['config']): Set<string> {
  return new Set(
    (config.receivers ?? [])
      .filter((r) => !Object.keys(r).some((k) => k.endsWith('_configs') && Array.isArray(r[k]) && (r[k] as unknown[]).length > 0))
      .map((r) => String(r['name'])),
  );
}

/** The labels an alert is known to carry before its expression runs: its name and static labels. */
export const staticLabels = (r: AlertRuleRef) => ({ ...r.labels, alertname: r.alert });
