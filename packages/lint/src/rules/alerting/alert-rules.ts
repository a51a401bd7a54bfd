/** Reads alerting rules and Alertmanager configs out of lint files, keeping their positions. */
import type { LintFile } from '../../files.js';

export interface AlertRuleRef {
  alert: string;
  expr: string;
  labels: Record<string, string>;
  file: LintFile;
  doc: number;
  path: (string | number)[];
}

interface RuleGroups {
  groups?: { name?: string; rules?: { alert?: string; record?: string; expr?: unknown; labels?: Record<string, unknown> }[] }[];
}

/** Rule groups of a plain rule file, or of a PrometheusRule manifest (`spec.groups`). */
function groupsOf(value: unknown): { groups: RuleGroups['groups']; prefix: string[] } | undefined {
  const v = value as { groups?: unknown; kind?: string; spec?: RuleGroups };
  if (v && Array.isArray(v.groups)) return { groups: v.groups as RuleGroups['groups'], prefix: [] };
  if (v?.kind === 'PrometheusRule' && Array.isArray(v.spec?.groups)) return { groups: v.spec!.groups, prefix: ['spec'] };
  return undefined;
}

export function alertRules(files: LintFile[]): AlertRuleRef[] {
  const out: AlertRuleRef[] = [];
  for (const file of files) {
    file.values.forEach((value, doc) => {
      const found = groupsOf(value);
      found?.groups?.forEach((g, gi) =>
        g.rules?.forEach((r, ri) => {
          if (typeof r.alert !== 'string') return;
          const labels = Object.fromEntries(Object.entries(r.labels ?? {}).map(([k, v]) => [k, String(v)]));
          out.push({ alert: r.alert, expr: String(r.expr ?? ''), labels, file, doc, path: [...found.prefix, 'groups', gi, 'rules', ri] });
        }),
      );
    });
  }
  return out;
}

export interface AlertmanagerRef {
  config: { route?: unknown; receivers?: Record<string, unknown>[]; inhibit_rules?: Record<string, unknown>[] };
  file: LintFile;
  doc: number;
}

export function alertmanagerConfigs(files: LintFile[]): AlertmanagerRef[] {
  return files.flatMap((file) =>
    file.kind === 'alertmanager-config' ? file.values.map((config, doc) => ({ config: config as AlertmanagerRef['config'], file, doc })) : [],
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
