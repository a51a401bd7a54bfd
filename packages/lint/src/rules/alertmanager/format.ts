import { parseMatcher } from '@kiln/alertmanager';
import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import type { LintFile } from '../../files.js';
import { isRecord, scalarText } from '../../readers/rules.js';
import { durationSeconds, invalidAt, list, typeName } from '../../readers/shape.js';

type Path = (string | number)[];

/** Alertmanager's configuration (config/config.go: Config and Route, 0.25 to 0.28); it refuses unknown fields. */
const TOP_FIELDS = ['global', 'route', 'inhibit_rules', 'receivers', 'templates', 'mute_time_intervals', 'time_intervals', 'tracing'];
const ROUTE_FIELDS = [
  'receiver',
  'group_by',
  'continue',
  'match',
  'match_re',
  'matchers',
  'mute_time_intervals',
  'active_time_intervals',
  'group_wait',
  'group_interval',
  'repeat_interval',
  'routes',
];
const MATCHER_FIELDS = ['matchers', 'source_matchers', 'target_matchers'];

const nonEmpty = (v: unknown) =>
  Array.isArray(v) ? v.length > 0 : isRecord(v) ? Object.keys(v).length > 0 : v !== undefined && v !== null;

export default createRule({
  id: 'alertmanager/format',
  meta: {
    description: 'Alertmanager configurations are ones Alertmanager loads (`amtool check-config`).',
    rationale:
      'Alertmanager refuses its whole configuration — and keeps running the previous one, or does not start — for an unknown field, a route to a receiver that does not exist, ' +
      'a receiver name used twice, a root route without a default receiver or with matchers, a duration it cannot read, a zero `group_interval` or `repeat_interval`, ' +
      'a matcher it cannot parse, or a time interval that is not defined. A reload that fails is easy to miss: the old routing stays in force.',
    summary: 'Alertmanager configuration Alertmanager refuses',
    severity: 'error',
    messages: {
      invalid: '{{where}}: {{problem}}; Alertmanager refuses the configuration. {{fix}}',
    },
    options: z.strictObject({}),
    reads: ['files'],
  },
  check({ files, report }) {
    for (const file of files) {
      if (file.kind !== 'alertmanager-config') continue;
      file.values.forEach((config, doc) => {
        if (isRecord(config)) checkConfig(file, doc, config);
      });
    }

    function checkConfig(file: LintFile, doc: number, c: Record<string, unknown>) {
      const bad = (path: Path, where: string, problem: string, fix: string) => report(invalidAt(file, doc, path, where, problem, fix));
      for (const key of Object.keys(c))
        if (!TOP_FIELDS.includes(key))
          bad(
            [key],
            'the configuration',
            `has a field \`${key}\`, which Alertmanager's configuration does not have`,
            `It has ${TOP_FIELDS.map((f) => `\`${f}\``).join(', ')}`,
          );
      const global = c['global'];
      if (isRecord(global) && 'resolve_timeout' in global)
        duration(['global', 'resolve_timeout'], 'global', 'resolve_timeout', global['resolve_timeout'], false);

      const receivers = new Set<string>();
      list(c['receivers']).forEach((r, i) => {
        const name = isRecord(r) ? scalarText(r['name']) : undefined;
        if (!name) bad(['receivers', i], `receiver ${i + 1}`, 'has no name', 'Give every receiver a `name`');
        else if (receivers.has(name))
          bad(
            ['receivers', i, 'name'],
            `receiver \`${name}\``,
            'has the name of an earlier receiver',
            'Receiver names are unique: rename or merge them',
          );
        else receivers.add(name);
      });
      const intervals = new Set<string>();
      for (const key of ['mute_time_intervals', 'time_intervals'])
        for (const t of list(c[key])) if (isRecord(t) && scalarText(t['name'])) intervals.add(scalarText(t['name'])!);

      const route = c['route'];
      if (route === undefined || route === null) {
        bad([], 'the configuration', 'has no `route`', 'Add a root `route` with a default `receiver`');
      } else if (!isRecord(route)) {
        bad(['route'], '`route`', `is ${typeName(route)}, not a map`, 'Write the route as a map with `receiver`');
      } else {
        if (!scalarText(route['receiver']))
          bad(['route'], 'the root route', 'has no default `receiver`', 'Name the receiver that gets every alert no child route takes');
        for (const key of ['match', 'match_re', 'matchers'])
          if (nonEmpty(route[key]))
            bad(
              ['route', key],
              'the root route',
              `has \`${key}\`; the root route takes every alert`,
              `Move \`${key}\` to a child route under \`routes\``,
            );
        for (const key of ['mute_time_intervals', 'active_time_intervals'])
          if (list(route[key]).length > 0) bad(['route', key], 'the root route', `has \`${key}\``, `Move \`${key}\` to a child route`);
        checkRoute(route, ['route'], 'the root route');
      }
      list(c['inhibit_rules']).forEach((r, i) => {
        if (isRecord(r)) matchers(r, ['inhibit_rules', i], `inhibit_rules[${i}]`);
      });

      function checkRoute(r: Record<string, unknown>, path: Path, where: string) {
        for (const key of Object.keys(r))
          if (!ROUTE_FIELDS.includes(key))
            bad(
              [...path, key],
              where,
              `has a field \`${key}\`, which a route does not have`,
              `A route has ${ROUTE_FIELDS.map((f) => `\`${f}\``).join(', ')}`,
            );
        const receiver = scalarText(r['receiver']);
        if (receiver && !receivers.has(receiver))
          bad(
            [...path, 'receiver'],
            where,
            `routes to the receiver \`${receiver}\`, which is not defined`,
            `Define it under \`receivers\`, or route to one of ${[...receivers].map((n) => `\`${n}\``).join(', ') || '(none defined)'}`,
          );
        duration([...path, 'group_wait'], where, 'group_wait', r['group_wait'], false);
        duration([...path, 'group_interval'], where, 'group_interval', r['group_interval'], true);
        duration([...path, 'repeat_interval'], where, 'repeat_interval', r['repeat_interval'], true);
        matchers(r, path, where);
        for (const key of ['mute_time_intervals', 'active_time_intervals'])
          list(r[key]).forEach((name, i) => {
            const n = scalarText(name);
            if (n !== undefined && !intervals.has(n))
              bad([...path, key, i], where, `names the time interval \`${n}\`, which is not defined`, 'Define it under `time_intervals`');
          });
        list(r['routes']).forEach((child, i) => {
          if (isRecord(child)) checkRoute(child, [...path, 'routes', i], `${where === 'the root route' ? 'route' : where}.routes[${i}]`);
          else bad([...path, 'routes', i], `${where}.routes[${i}]`, `is ${typeName(child)}, not a map`, 'A route is a map');
        });
      }

      function matchers(r: Record<string, unknown>, path: Path, where: string) {
        for (const key of MATCHER_FIELDS)
          list(r[key]).forEach((m, i) => {
            const text = scalarText(m);
            if (text === undefined) return;
            try {
              parseMatcher(text);
            } catch {
              bad(
                [...path, key, i],
                where,
                `\`${text}\` is not a matcher`,
                'Write `label="value"`, `label!="value"`, `label=~"regex"` or `label!~"regex"`',
              );
            }
          });
      }

      function duration(path: Path, where: string, key: string, v: unknown, nonZero: boolean) {
        if (v === undefined || v === null) return;
        const seconds = durationSeconds(v);
        const text = scalarText(v);
        if (seconds === undefined)
          bad(
            path,
            where,
            `\`${key}\` ${text ? `\`${text}\`` : `(${typeName(v)})`} is not a duration`,
            'Write a duration with units, e.g. `5m`',
          );
        else if (nonZero && seconds === 0) bad(path, where, `\`${key}\` is zero`, 'Give it a positive duration');
      }
    }
  },
});
