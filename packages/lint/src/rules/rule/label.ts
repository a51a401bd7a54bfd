import { allRoutes, buildRouteTree, matches, matchRoutes, type RouteNode } from '@kiln/alertmanager';
import { suggest } from '@kiln/model/basics';
import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { alertmanagerConfigs } from '../../readers/alertmanager.js';
import { at, promRules, ruleEntity } from '../../readers/rules.js';
import type { LintFile } from '../../files.js';

/** What an alert must carry: per label, the allowed values (`=` matchers) and patterns (`=~`), and where they come from. */
interface Requirement {
  values: string[];
  patterns: string[];
  source: string;
}

/**
 * The labels routes match on, with the values they match: an alert whose `severity` no route
 * matches falls through to the default receiver. Only `labels` are considered (by default
 * `severity`), and only when some route matches on them.
 */
function fromRouting(files: LintFile[], labels: string[]): { requirements: Map<string, Requirement>; trees: RouteNode[] } {
  const out = new Map<string, Requirement>();
  const trees: RouteNode[] = [];
  for (const am of alertmanagerConfigs(files)) {
    if (!am.config || typeof am.config.route !== 'object' || am.config.route === null) continue;
    let tree;
    try {
      tree = buildRouteTree(am.config.route);
    } catch {
      continue; // a malformed matcher: the Alertmanager config checks report it
    }
    trees.push(tree);
    for (const route of allRoutes(tree)) {
      for (const m of route.matchers) {
        if (!labels.includes(m.name) || (m.op !== '=' && m.op !== '=~')) continue;
        const req = out.get(m.name) ?? { values: [], patterns: [], source: `the routes of ${am.file.path}` };
        if (m.op === '=' && !req.values.includes(m.value)) req.values.push(m.value);
        if (m.op === '=~' && !req.patterns.includes(m.value)) req.patterns.push(m.value);
        out.set(m.name, req);
      }
    }
  }
  return { requirements: out, trees };
}

function allows(req: Requirement, value: string): boolean {
  if (req.values.length === 0 && req.patterns.length === 0) return true;
  if (req.values.includes(value)) return true;
  return req.patterns.some((p) => {
    try {
      return matches({ name: 'l', op: '=~', value: p }, { l: value });
    } catch {
      return true;
    }
  });
}

export default createRule({
  id: 'rule/label',
  meta: {
    description:
      "Alerting rules carry the labels routing relies on (by default `severity`), with a value some route matches. The allowed values come from the routes of an Alertmanager config among the files (a site's own), or from the `required` option; with neither, nothing is judged.",
    rationale:
      'Alertmanager routes, groups and inhibits by labels: an alert without `severity`, or with `severity: critcal`, matches no route and lands on the default receiver, ' +
      "so a page turns into an e-mail nobody reads. Which values are right is decided by the routing, not by a fixed list (`severity: page` is the example in Prometheus' own docs), " +
      'so the values are taken from the routes that match on the label, and an alert that some route takes anyway (a Watchdog routed by its name) is not judged. Templated values (`{{ … }}`) are only known when the alert fires and are not judged.',
    summary: 'required label missing or not allowed',
    severity: 'warning',
    messages: {
      missing: 'alert `{{alert}}` has no label `{{label}}`{{allowed}}, which routing relies on ({{source}}). Add it under `labels`',
      notAllowed:
        'alert `{{alert}}`: label `{{label}}` is `{{value}}`, which is not one of {{allowed}} ({{source}}; {{suggestion}}). Use one of the allowed values',
    },
    options: z.strictObject({
      required: z
        .record(z.string(), z.array(z.string()))
        .optional()
        .describe(
          'Labels every alerting rule must carry, each with its allowed values (an empty list allows any value). When set, it replaces the values read from the routes.',
        ),
      routingLabels: z
        .array(z.string())
        .default(['severity'])
        .describe(
          'Labels whose allowed values are read from the routes of the Alertmanager configs among the files, when `required` is not set.',
        ),
    }),
    reads: ['files'],
  },
  check({ files, options, report }) {
    const { requirements, trees } = options.required
      ? {
          requirements: new Map(
            Object.entries(options.required).map(([label, values]) => [label, { values, patterns: [], source: 'option `required`' }]),
          ),
          trees: [],
        }
      : fromRouting(files, options.routingLabels);
    if (requirements.size === 0) return;
    for (const r of promRules(files)) {
      if (r.kind !== 'alert') continue;
      // An alert another route takes (a Watchdog routed by its name) does not need the routed label.
      const labels = { ...r.labels, alertname: r.name };
      if (trees.some((t) => matchRoutes(t, labels).some((end) => end !== t))) continue;
      for (const [label, req] of requirements) {
        const value = r.labels[label];
        const list = [...req.values.map((v) => `\`${v}\``), ...req.patterns.map((p) => `\`=~${p}\``)].join(', ');
        if (value === undefined) {
          report({
            messageId: 'missing',
            data: { alert: r.name, label, allowed: list ? ` (one of ${list})` : '', source: req.source },
            entity: ruleEntity(r),
            location: at(r, r.raw['labels'] === undefined ? 'alert' : 'labels'),
          });
        } else if (!value.includes('{{') && !allows(req, value)) {
          const hint = suggest(value, req.values);
          report({
            messageId: 'notAllowed',
            data: {
              alert: r.name,
              label,
              value,
              allowed: list,
              source: req.source,
              suggestion: hint.startsWith('did you mean') ? hint : 'no close match',
            },
            entity: ruleEntity(r),
            location: at(r, 'labels', label),
          });
        }
      }
    }
  },
});
