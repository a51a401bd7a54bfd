import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { composeServices, locate } from '../compose-file.js';

/** Variable names that hold credentials, unless they name a file (`…_FILE`, Grafana's `…__FILE`). */
const SECRET_NAME = /PASSWORD|PASSWD|TOKEN|SECRET|API_?KEY|PRIVATE_KEY|CREDENTIAL/i;
const FILE_NAME = /_FILE$/i;
/** A value taken from the environment or an env file at `up` time: `$VAR`, `${VAR}`, `${VAR:?…}`. */
const INTERPOLATED = /^\$(\w+|\{\w+(:?[?-][^}]*)?\})$/;

export default createRule({
  id: 'compose/no-inline-secret',
  meta: {
    description:
      'No Compose `environment` entry holds a literal password, token or key; secrets come from Compose `secrets` (`<NAME>_FILE`) or `${VAR}` interpolation.',
    rationale:
      "A Compose file is committed, copied between hosts and printed by `docker compose config`; a literal secret in `environment` also shows in `docker inspect` and the process environment. Mount it as a Compose secret and point the image's `<NAME>_FILE` variable at `/run/secrets/<name>` (Grafana: `GF_SECURITY_ADMIN_PASSWORD__FILE`), or interpolate it from an env file kept out of the repository.",
    summary: 'inline secret in environment',
    severity: 'error',
    messages: {
      inline:
        'service `{{service}}`: environment `{{key}}` holds a literal secret; mount it as a Compose secret and set `{{key}}_FILE` (or `{{key}}__FILE` for Grafana) to `/run/secrets/<name>`, or use `${{{key}}}` from an env file kept out of the repository',
    },
    options: z.strictObject({}),
    reads: ['files'],
  },
  check({ files, report }) {
    for (const at of composeServices(files)) {
      const env = at.service['environment'];
      // Map form `KEY: value`, or list form `- KEY=value` (a bare `- KEY` passes the shell's value through).
      const entries: [string, unknown, string | number][] = Array.isArray(env)
        ? env.flatMap((e: unknown, i): [string, unknown, number][] => {
            const s = String(e);
            const eq = s.indexOf('=');
            return eq < 0 ? [] : [[s.slice(0, eq), s.slice(eq + 1), i]];
          })
        : env !== null && typeof env === 'object'
          ? Object.entries(env).map(([k, v]): [string, unknown, string] => [k, v, k])
          : [];
      for (const [key, value, at2] of entries) {
        if (!SECRET_NAME.test(key) || FILE_NAME.test(key)) continue;
        if (value === null || value === undefined || value === '' || (typeof value === 'string' && INTERPOLATED.test(value))) continue;
        report({
          messageId: 'inline',
          data: { service: at.name, key },
          entity: { kind: 'file', name: at.file.path },
          location: locate(at, 'environment', at2),
        });
      }
    }
  },
});
