/**
 * An ntfy receiver: Alertmanager posts its webhook JSON to an ntfy topic and ntfy's own message
 * templating (`?template=yes`, ntfy ≥ 2.10 for title and message, ≥ 2.17 for the priority) turns it
 * into a readable phone notification — title, message, priority by severity, tags, a click-through
 * link — with no bridge to run. The access token is read from a file, never written.
 */
import { z } from 'zod';

/** ntfy's priorities, lowest first (https://docs.ntfy.sh/publish/#message-priority). */
export const NTFY_PRIORITIES = ['min', 'low', 'default', 'high', 'urgent'] as const;
export const NtfyPriority = z.enum(NTFY_PRIORITIES);

/** ntfy's topic names: letters, digits, `_` and `-`, at most 64. */
const TOPIC = /^[A-Za-z0-9_-]{1,64}$/;

export const NtfyPriorities = z
  .strictObject({
    critical: NtfyPriority.optional().describe('Priority while a critical alert fires (default `urgent`).'),
    warning: NtfyPriority.optional().describe('Priority while a warning fires and no critical alert (default `high`).'),
    info: NtfyPriority.optional().describe('Priority while only info alerts fire (default `default`).'),
    none: NtfyPriority.optional().describe('Priority while only `severity: none` alerts fire, e.g. the Watchdog (default `min`).'),
    resolved: NtfyPriority.optional().describe('Priority of a notification whose alerts have all resolved (default `low`).'),
  })
  .describe(
    'Priority by severity: the highest severity firing in the notification decides. Written as an ntfy priority template (ntfy ≥ 2.17).',
  );

export const Ntfy = z
  .strictObject({
    server: z
      .url({ protocol: /^https?$/, error: 'must be the http(s) URL of the ntfy server, e.g. `https://ntfy.sh`' })
      .max(512)
      .describe('ntfy server, e.g. `https://ntfy.sh` or your own `https://ntfy.example.org`.'),
    topic: z
      .string()
      .regex(TOPIC, 'must be an ntfy topic: letters, digits, `_` and `-`, at most 64 characters')
      .describe('Topic the phones subscribe to. On a shared server, reserve it and give Alertmanager an access token.'),
    tokenFile: z
      .string()
      .min(1)
      .regex(/^[^\0\r\n]+$/, 'must be a file path on one line')
      .optional()
      .describe(
        'File holding an ntfy access token (`tk_…`), sent as `Authorization: Bearer` (Alertmanager `credentials_file`); never inline.',
      ),
    priority: z
      .union([NtfyPriority, NtfyPriorities])
      .optional()
      .describe(
        'One fixed priority (works with every ntfy ≥ 2.10), or priorities by severity (default: critical `urgent`, warning `high`, info `default`, none `min`, resolved `low`; needs ntfy ≥ 2.17).',
      ),
    tags: z
      .array(z.string().regex(/^[^,\s]+$/, 'must be one ntfy tag or emoji short code, such as `rotating_light`, without commas or spaces'))
      .optional()
      .describe('Tags shown with every notification; emoji short codes (`rotating_light`) become emojis. Default: the site name.'),
    click: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .max(512)
      .optional()
      .describe("Opened when the notification is tapped (default: the site's Grafana `url`, when it has one)."),
    maxAlerts: z
      .number()
      .int()
      .min(1)
      .max(50)
      .optional()
      .describe("Most alerts per notification (Alertmanager `max_alerts`, default 10): ntfy's message limit is 4 KB."),
  })
  .describe('An ntfy topic Alertmanager notifies, formatted for phones by ntfy message templating.');
