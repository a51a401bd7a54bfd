import { z } from 'zod';
import { Site } from './schema.js';

export const SITE_SCHEMA_ID = 'https://kiln.dev/schemas/site.schema.json';

/** The JSON Schema of a site as an author writes it (input side: defaults not yet applied). */
export function siteJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Site, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return { ...schema, $id: SITE_SCHEMA_ID, title: 'Kiln site' };
}
