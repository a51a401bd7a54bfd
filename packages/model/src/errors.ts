/** Site errors are data: the entity, the field path, what is wrong and how to fix it. */
export interface EntityRef {
  kind: string;
  name: string;
}

export interface SiteIssue {
  entity: EntityRef;
  /** Path of the offending field from the site root, e.g. ['hosts', 'atlas', 'interfaces', 'nic1', 'vlan']. */
  path: (string | number)[];
  message: string;
  /** Optional source position, filled in when the site came from a YAML/JSON file. */
  position?: { file: string; line: number; column: number };
}

export class SiteError extends Error {
  constructor(
    readonly site: string,
    readonly issues: SiteIssue[],
  ) {
    super(formatIssues(site, issues));
    this.name = 'SiteError';
  }
}

const COLLECTION_KINDS: Record<string, string> = {
  vlans: 'vlan',
  hosts: 'host',
  shares: 'share',
  mounts: 'mount',
  services: 'service',
  scrapeJobs: 'scrape job',
  alerts: 'alert',
  receivers: 'receiver',
};

/** Derives the entity an issue belongs to from its path: `hosts.atlas.…` is host `atlas`. */
/** Entities inside `kubernetes`: `kubernetes.workloads.vaultwarden.…` is workload `vaultwarden`. */
const CLUSTER_KINDS: Record<string, string> = { workloads: 'workload', dependencies: 'dependency', storageClasses: 'storage class' };

export function entityAt(site: string, path: (string | number)[]): EntityRef {
  const [head, key] = path;
  if (head === 'kubernetes' && typeof key === 'string' && Object.hasOwn(CLUSTER_KINDS, key) && path[2] !== undefined)
    return { kind: CLUSTER_KINDS[key]!, name: String(path[2]) };
  if (typeof head === 'string' && Object.hasOwn(COLLECTION_KINDS, head) && key !== undefined) {
    return { kind: COLLECTION_KINDS[head]!, name: String(key) };
  }
  if (typeof head === 'string' && ['routing', 'prometheus', 'alertmanager', 'deploy', 'kubernetes'].includes(head)) {
    return { kind: head, name: site };
  }
  return { kind: 'site', name: site };
}

/** The path below the entity, as the author would write it: `interfaces.nic1.vlan`. */
export function fieldOf(issue: SiteIssue): string {
  const inCluster = issue.path[0] === 'kubernetes' && CLUSTER_KINDS[String(issue.path[1])] === issue.entity.kind;
  const skip = issue.entity.kind === 'site' ? 0 : inCluster ? 3 : issue.entity.kind === issue.path[0] ? 1 : 2;
  const rest = issue.path.slice(skip);
  return rest.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? cut(p) : `.${cut(p)}`)).join('') || '(root)';
}

export function formatIssue(issue: SiteIssue): string {
  const where = issue.position ? `${issue.position.file}:${issue.position.line}:${issue.position.column}: ` : '';
  return `${where}${issue.entity.kind} \`${cut(issue.entity.name)}\`: ${fieldOf(issue)}: ${issue.message}`;
}

export function formatIssues(site: string, issues: SiteIssue[]): string {
  const n = issues.length;
  return `site \`${site}\` has ${n} error${n === 1 ? '' : 's'}:\n${issues.map((i) => `  - ${formatIssue(i)}`).join('\n')}`;
}

/**
 * Levenshtein distance — the one edit distance of Kiln ("did you mean" in the model, the CLI, and
 * the dashboard metric checks). With `limit`, any distance of at least `limit` is reported as
 * `limit` (cheaper when only close candidates matter).
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]!);
    }
    if (best >= limit) return limit;
    prev = cur;
  }
  return Math.min(prev[b.length]!, limit);
}

/** A name or path segment as printed: long (hostile) names are cut so a message stays readable. */
const cut = (name: string) => {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is escaped here
  const visible = name.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return visible.length > 80 ? `${visible.slice(0, 60)}…(${name.length} characters)` : visible;
};

/** The candidate closest to `value` when it is close enough to be a typo. */
export function closest(value: string, candidates: Iterable<string>): string | undefined {
  if (value.length > 256) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of [...candidates].sort()) {
    const d = editDistance(value.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(value.length / 3)) ? best : undefined;
}

/** "did you mean `x`?" for the closest candidate, or the list of valid names when none is close. */
export function suggest(value: string, candidates: Iterable<string>): string {
  const all = [...candidates].sort();
  if (all.length === 0) return 'none are declared';
  const best = closest(value, all);
  return best !== undefined ? `did you mean \`${best}\`?` : `declared: ${all.map((c) => `\`${c}\``).join(', ')}`;
}
