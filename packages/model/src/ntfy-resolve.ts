/** Defaults of an ntfy receiver (ntfy-schema.ts): priority by severity, tags, click-through link, batch size. */
import type { z } from 'zod';
import type { Ntfy } from './ntfy-schema.js';
import type { ResolvedNtfy } from './resolved.js';

export const DEFAULT_NTFY_PRIORITIES = { critical: 'urgent', warning: 'high', info: 'default', none: 'min', resolved: 'low' } as const;
/** Enough for a storm's gist while the JSON body stays within what ntfy templates and its message within 4 KB. */
export const DEFAULT_NTFY_MAX_ALERTS = 10;

export function resolveNtfy(n: z.output<typeof Ntfy>, site: string, grafanaUrl: string | undefined): ResolvedNtfy {
  const click = n.click ?? grafanaUrl;
  return {
    server: n.server.replace(/\/+$/, ''),
    topic: n.topic,
    ...(n.tokenFile !== undefined && { tokenFile: n.tokenFile }),
    priority: typeof n.priority === 'string' ? n.priority : { ...DEFAULT_NTFY_PRIORITIES, ...n.priority },
    tags: n.tags ?? [site],
    ...(click !== undefined && { click }),
    maxAlerts: n.maxAlerts ?? DEFAULT_NTFY_MAX_ALERTS,
  };
}
