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
export function entityAt(site: string, path: (string | number)[]): EntityRef {
  const [head, key] = path;
  if (typeof head === 'string' && head in COLLECTION_KINDS && key !== undefined) {
    return { kind: COLLECTION_KINDS[head]!, name: String(key) };
  }
  if (typeof head === 'string' && ['routing', 'prometheus', 'alertmanager', 'deploy', 'kubernetes'].includes(head)) {
    return { kind: head, name: site };
  }
  return { kind: 'site', name: site };
}

/** The path below the entity, as the author would write it: `interfaces.nic1.vlan`. */
export function fieldOf(issue: SiteIssue): string {
  const skip = issue.entity.kind === 'site' ? 0 : issue.entity.kind === issue.path[0] ? 1 : 2;
  const rest = issue.path.slice(skip);
  return rest.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '(root)';
}

export function formatIssue(issue: SiteIssue): string {
  const where = issue.position ? `${issue.position.file}:${issue.position.line}:${issue.position.column}: ` : '';
  return `${where}${issue.entity.kind} \`${issue.entity.name}\`: ${fieldOf(issue)}: ${issue.message}`;
}

export function formatIssues(site: string, issues: SiteIssue[]): string {
  const n = issues.length;
  return `site \`${site}\` has ${n} error${n === 1 ? '' : 's'}:\n${issues.map((i) => `  - ${formatIssue(i)}`).join('\n')}`;
}

/** Levenshtein distance, small and allocation-light; names are short. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** "did you mean `x`?" for the closest candidate, or the list of valid names when none is close. */
export function suggest(value: string, candidates: Iterable<string>): string {
  const all = [...candidates].sort();
  if (all.length === 0) return 'none are declared';
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of all) {
    const d = editDistance(value.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  const close = best !== undefined && bestDistance <= Math.max(2, Math.floor(value.length / 3));
  return close ? `did you mean \`${best}\`?` : `declared: ${all.map((c) => `\`${c}\``).join(', ')}`;
}
