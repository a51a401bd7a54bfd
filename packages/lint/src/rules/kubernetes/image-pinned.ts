import { z } from '../../options-schema.js';
import { createRule } from '../../create-rule.js';
import { containers, where } from '../../manifests.js';

/** The tag of an image reference (after the last `:` that is not part of a registry port), or undefined. */
export function imageTag(image: string): string | undefined {
  const name = image.split('@')[0]!;
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  return colon > slash ? name.slice(colon + 1) : undefined;
}

export default createRule({
  id: 'kubernetes/image-pinned',
  meta: {
    description: 'Container images carry a version tag (or digest), never `latest` or no tag.',
    rationale:
      "An untagged or `latest` image changes under you: a node pulling later runs another version than its neighbours, and a rollback has nothing to roll back to. Pin the version the configuration was written for (Kiln's schema requires it).",
    summary: 'unpinned image',
    severity: 'error',
    messages: {
      untagged: '{{workload}}: container `{{container}}` image `{{image}}` has no tag; pin a version (e.g. `{{image}}:v1.2.3`) or a digest',
      latest: '{{workload}}: container `{{container}}` image `{{image}}` uses `latest`; pin a version or a digest',
    },
    options: z.strictObject({}),
    reads: ['files'],
  },
  check({ files, report }) {
    for (const c of containers(files)) {
      const image = c.container['image'];
      if (typeof image !== 'string' || image.includes('@sha256:')) continue;
      const tag = imageTag(image);
      const data = { workload: c.workload, container: String(c.container['name']), image };
      if (tag === undefined) report({ messageId: 'untagged', data, ...where(c, [...c.containerPath, 'image']) });
      else if (tag === 'latest') report({ messageId: 'latest', data, ...where(c, [...c.containerPath, 'image']) });
    }
  },
});
