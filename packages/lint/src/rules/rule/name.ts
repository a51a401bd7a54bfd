import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { at, promRules, ruleEntity } from '../../readers/rules.js';

/** Why a recording rule name is not `level:metric:operations`, or undefined when it is. */
function problemWith(name: string): string | undefined {
  if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name))
    return 'it is not a classic metric name (`[a-zA-Z_:][a-zA-Z0-9_:]*`), so every query must quote it';
  const parts = name.split(':');
  if (parts.length === 1) return 'it has no colons, so it reads like a raw metric scraped from an exporter';
  if (parts.length !== 3) return `it has ${parts.length} colon-separated parts, not 3`;
  const empty = parts.findIndex((p) => p === '');
  if (empty >= 0) return `its ${['level', 'metric', 'operations'][empty]} part is empty`;
  return undefined;
}

export default createRule({
  id: 'rule/name',
  meta: {
    description: "Recording rule names follow Prometheus' `level:metric:operations` convention, e.g. `job:http_requests:rate5m`.",
    rationale:
      'The convention tells at a glance which labels a recorded series keeps (level), what it was computed from (metric) and how (operations), ' +
      'and the colons keep recorded series apart from raw metrics, which never contain colons. ' +
      'A recorded series named like a raw metric gets mistaken for one and aggregated again. ' +
      'Published rules do not all follow it (`apiserver_request:burnrate1h`, `instance:node_cpu:rate:sum`) and dashboards read those names, ' +
      "so renaming is not a fix for their users: the rule is opt-in, for a site's own recording rules.",
    summary: 'recording rule name not level:metric:operations',
    severity: 'warning',
    enabledByDefault: false,
    messages: {
      format:
        'recording rule `{{name}}` is not named `level:metric:operations` (e.g. `job:http_requests:rate5m`): {{why}}. Rename it, and every query that reads it',
    },
    options: z.strictObject({}),
    reads: ['files'],
  },
  check({ files, report }) {
    for (const r of promRules(files)) {
      if (r.kind !== 'record') continue;
      const why = problemWith(r.name);
      if (why) report({ messageId: 'format', data: { name: r.name, why }, entity: ruleEntity(r), location: at(r, 'record') });
    }
  },
});
